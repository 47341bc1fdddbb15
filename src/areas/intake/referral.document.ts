import { documentLanguage, documentStyles, escapeHtml, formatDocumentDate, translatorFor } from '../../core/documents/documents.ts';
import type { PersonRow } from '../person/person.store.ts';
import type { ReferralRow, RequestRow } from './intake.store.ts';

export interface ReferralLetterInput {
  referral: ReferralRow;
  request: RequestRow;
  person: PersonRow | null;
  agencyName: string;
  authorName: string;
  /** The agency's time zone: a moment is printed as the day it was there. */
  timeZone: string;
}

/** A print-ready HTML page in the referral's language. Every value typed by a user is escaped. */
export function renderReferralLetter({ referral, request, person, agencyName, authorName, timeZone }: ReferralLetterInput): string {
  const lng = documentLanguage(referral.letterLanguage);
  const t = translatorFor(lng);
  const date = (d: Date | string) => formatDocumentDate(lng, d, timeZone);
  const name = person ? `${person.givenName} ${person.familyName}` : (request.contactName ?? t('anonymous'));
  const born = person?.birthDate ? `, ${t('bornOn', { date: date(person.birthDate) })}` : '';
  const e = escapeHtml;
  return `<!doctype html>
<html lang="${e(lng)}">
<head>
<meta charset="utf-8">
<title>${e(t('title'))} – ${e(referral.organisationName)}</title>
<style>${documentStyles}</style>
</head>
<body>
<h1>${e(t('title'))}</h1>
<dl>
  <dt>${e(t('to'))}</dt><dd>${e(referral.organisationName)}${referral.organisationContact ? `<br>${e(referral.organisationContact)}` : ''}</dd>
  <dt>${e(t('from'))}</dt><dd>${e(agencyName)}</dd>
  <dt>${e(t('date'))}</dt><dd>${e(date(referral.createdAt))}</dd>
  <dt>${e(t('regarding'))}</dt><dd>${e(name)}${e(born)}</dd>
  <dt>${e(t('receipt'))}</dt><dd>${e(request.receiptNumber)}</dd>
</dl>
<p>${e(t('intro', { date: date(request.receivedAt) }))}</p>
<h2>${e(t('reason'))}</h2>
<p>${e(t(`reason_${referral.reason}`))}${referral.reasonText ? ` ${e(referral.reasonText)}` : ''}</p>
${request.ownWords ? `<h2>${e(t('request'))}</h2>\n<blockquote>${e(request.ownWords)}</blockquote>` : ''}
<p>${e(t('closing'))}</p>
<p>${e(t('signature'))},<br>${e(authorName)}<br>${e(agencyName)}</p>
</body>
</html>
`;
}
