import { documentLanguage, documentStyles, escapeHtml as e, formatDocumentDate, translatorFor } from '../../core/documents/documents.ts';
import type { PersonRow } from '../person/person.store.ts';
import { printedName } from '../person/person-name.rules.ts';
import type { DecisionItem } from './decision.contract.ts';

export interface DecisionLetterInput {
  decision: {
    status: 'draft' | 'awaiting_signature' | 'signed';
    language: string;
    appealInstructions: string;
    items: DecisionItem[];
    decidedByName: string | null;
    decidedAt: string | null;
    supersedesId: string | null;
  };
  person: PersonRow;
  agencyName: string;
  caseNumber: string;
  supersedesDecidedAt: Date | null;
  /** The agency's time zone: a moment is printed as the day it was there. */
  timeZone: string;
}

/** The decision letter (seed 001) as a print-ready page in the decision's language; a draft says so on its face. */
export function renderDecisionLetter({
  decision,
  person,
  agencyName,
  caseNumber,
  supersedesDecidedAt,
  timeZone,
}: DecisionLetterInput): string {
  const lng = documentLanguage(decision.language);
  const t = translatorFor(lng);
  const period = (i: DecisionItem) =>
    i.validFrom
      ? i.validTo
        ? t('decisionValidBetween', {
            from: formatDocumentDate(lng, i.validFrom, timeZone),
            to: formatDocumentDate(lng, i.validTo, timeZone),
          })
        : t('decisionValidFrom', { from: formatDocumentDate(lng, i.validFrom, timeZone) })
      : '';
  return `<!doctype html>
<html lang="${e(lng)}">
<head><meta charset="utf-8"><title>${e(t('decisionTitle'))}</title><style>${documentStyles}</style></head>
<body>
${decision.status !== 'signed' ? `<p class="draft"><strong>${e(t('decisionDraft'))}</strong></p>` : ''}
<h1>${e(t('decisionTitle'))}</h1>
<dl>
  <dt>${e(t('from'))}</dt><dd>${e(agencyName)}</dd>
  <dt>${e(t('regarding'))}</dt><dd>${e(printedName(person))}${person.birthDate ? `, ${e(t('bornOn', { date: formatDocumentDate(lng, person.birthDate, timeZone) }))}` : ''}</dd>
  <dt>${e(t('caseNumber'))}</dt><dd>${e(caseNumber)}</dd>
  ${decision.decidedAt ? `<dt>${e(t('date'))}</dt><dd>${e(formatDocumentDate(lng, new Date(decision.decidedAt), timeZone))}</dd>` : ''}
</dl>
${supersedesDecidedAt ? `<p>${e(t('decisionSupersedes', { date: formatDocumentDate(lng, supersedesDecidedAt, timeZone) }))}</p>` : ''}
${decision.items
  .map(
    (i) => `<section class="decision-item">
<h2>${e(i.service)}: ${e(t(`decisionOutcome_${i.outcome}`))}</h2>
${i.outcome === 'partly_granted' ? `<p><strong>${e(t('decisionGrantedScope'))}</strong> ${e(i.grantedScope)}</p>` : ''}
${period(i) ? `<p><strong>${e(t('decisionValidity'))}</strong> ${e(period(i))}</p>` : ''}
<p><strong>${e(t('decisionBasis'))}</strong> ${e(i.basis)}</p>
<p><strong>${e(t('decisionJustification'))}</strong></p>
<blockquote>${e(i.justification)}</blockquote>
</section>`,
  )
  .join('\n')}
<h2>${e(t('decisionAppealHeading'))}</h2>
<p>${e(decision.appealInstructions)}</p>
<div class="signatures"><div class="signature"><p><strong>${e(t('decisionDecidedBy'))}</strong><br>${e(decision.decidedByName ?? '')}</p>
${decision.decidedAt ? `<p>${e(t('signedOn', { date: formatDocumentDate(lng, new Date(decision.decidedAt), timeZone) }))}</p>` : `<div class="line"></div><p>${e(t('notSigned'))}</p>`}</div></div>
</body>
</html>
`;
}
