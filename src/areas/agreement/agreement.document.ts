import { documentLanguage, documentStyles, escapeHtml as e, formatDocumentDate, translatorFor } from '../../core/documents/documents.ts';
import type { PersonRow } from '../person/person.store.ts';
import { printedName } from '../person/person-name.rules.ts';
import { requiredSigners, type Signer } from './agreement.rules.ts';
import type { AgreementRow, AgreementSignatureRow } from './agreement.store.ts';

interface Section {
  key: string;
  heading: string;
  paragraphs?: string[];
  items?: string[];
}

export interface AgreementDocumentInput {
  agreement: AgreementRow;
  signatures: AgreementSignatureRow[];
  person: PersonRow;
  guardian: PersonRow | null;
  agencyName: string;
  caseNumber: string;
  /** The agency's time zone: a moment is printed as the day it was there. */
  timeZone: string;
}

/** The service agreement as a print-ready page in its language, with the signatures given so far. */
export function renderAgreementDocument({
  agreement,
  signatures,
  person,
  guardian,
  agencyName,
  caseNumber,
  timeZone,
}: AgreementDocumentInput): string {
  const lng = documentLanguage(agreement.language);
  const t = translatorFor(lng);
  const sections = agreement.sections as Section[];
  const nameOf = (p: PersonRow) => printedName(p);
  const block = (signer: Signer) => {
    const s = signatures.find((x) => x.signer === signer);
    const who = signer === 'person' ? nameOf(person) : signer === 'guardian' && guardian ? nameOf(guardian) : agencyName;
    const how = s ? t(`method_${s.method}`, { witness: s.witnessName ?? '' }) : '';
    return `<div class="signature"><p><strong>${e(t(`signer_${signer}`))}</strong><br>${e(who)}</p>
  ${s?.signatureImage ? `<img src="${e(s.signatureImage)}" alt="${e(t(`signer_${signer}`))}">` : '<div class="line"></div>'}
  <p>${s ? `${e(t('signedOn', { date: formatDocumentDate(lng, s.signedAt, timeZone) }))} – ${e(how)}` : e(t('notSigned'))}</p></div>`;
  };
  return `<!doctype html>
<html lang="${e(lng)}">
<head><meta charset="utf-8"><title>${e(agreement.title)}</title><style>${documentStyles}</style></head>
<body>
<h1>${e(agreement.title)}</h1>
<dl>
  <dt>${e(t('from'))}</dt><dd>${e(agencyName)}</dd>
  <dt>${e(t('agreementFor'))}</dt><dd>${e(nameOf(person))}${person.birthDate ? `, ${e(t('bornOn', { date: formatDocumentDate(lng, person.birthDate, timeZone) }))}` : ''}</dd>
  <dt>${e(t('caseNumber'))}</dt><dd>${e(caseNumber)}</dd>
</dl>
${sections
  .map(
    (s) => `<h2>${e(s.heading)}</h2>
${(s.paragraphs ?? []).map((p) => `<p>${e(p)}</p>`).join('\n')}
${s.items?.length ? `<ul>${s.items.map((i) => `<li>${e(i)}</li>`).join('')}</ul>` : ''}`,
  )
  .join('\n')}
${agreement.terminatedAt ? `<p><strong>${e(t('terminated', { date: formatDocumentDate(lng, agreement.terminatedAt, timeZone), reason: agreement.terminationReason ?? '' }))}</strong></p>` : ''}
<div class="signatures">${requiredSigners(agreement.guardianRequired).map(block).join('\n')}</div>
</body>
</html>
`;
}
