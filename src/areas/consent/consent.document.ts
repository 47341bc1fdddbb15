import type { LocaleCode } from '../../core/common.contract.ts';
import { documentLanguage, documentStyles, escapeHtml as e, formatDocumentDate, translatorFor } from '../../core/documents/documents.ts';
import type { PersonRow } from '../person/person.store.ts';
import { nameForms } from '../person/person-name.rules.ts';
import type { Consent, ConsentKind, DataCategory, DisclosureRecord } from './consent.contract.ts';

/** What a case summary held when it was given: kept with the disclosure, printed from it. */
export interface CaseSummaryContent {
  person: { own: string; latin: string | null; ownLanguage: string | null; languages: string[] };
  caseNumber: string;
  unit: string;
  responsible: string;
  sections: {
    category: DataCategory;
    lines: string[];
    needs?: { domain: string; severity: string; description: string }[];
    period?: { from: string | null; to: string | null } | null;
    steps?: { what: string; dueDate: string | null; status: string }[];
    entries?: { occurredOn: string; kind: string; text: string }[];
  }[];
}

/** The shipped text a person reads and signs for a kind of consent (seed 004's informed consent to disclose medical information among them). */
export function shippedConsentForm(kind: ConsentKind, language: LocaleCode): string {
  return translatorFor(documentLanguage(language))(`consentForm_${kind}`);
}

const list = (items: string[]) => (items.length ? `<ul>${items.map((i) => `<li>${i}</li>`).join('')}</ul>` : '');

/**
 * A consent as the person was shown it and signed it, in the language they read it in: what it is
 * to, for what, to whom, which information, from when to when, who signed and how – and, once it
 * is withdrawn, when.
 */
export function renderConsent(input: { consent: Consent; person: PersonRow; agencyName: string; timeZone: string }): string {
  const { consent } = input;
  const lng = documentLanguage(consent.language);
  const t = translatorFor(lng);
  const names = nameForms(input.person);
  const date = (value: Date | string) => formatDocumentDate(lng, value, input.timeZone);
  const recipients = consent.recipients.map((r) => e(r.kind === 'category' ? t(`recipientKind_${r.category}`) : r.name));
  const signatures = consent.signatures.map(
    (s) =>
      `${e(t(`signer_${s.signer}`))}${s.signerName ? ` (${e(s.signerName)})` : ''}: ${e(t(`consentMethod_${s.method}`))}${
        s.witnessName ? `, ${e(t('consentWitness'))}: ${e(s.witnessName)}` : ''
      } – ${e(date(new Date(s.at)))}`,
  );
  const ownLang = names.ownLanguage ? ` lang="${e(names.ownLanguage)}"` : '';
  return `<!doctype html>
<html lang="${e(lng)}">
<head><meta charset="utf-8"><title>${e(t(`consentKind_${consent.kind}`))} – ${e(names.own)}</title><style>${documentStyles}
  .withdrawn { border: 2px solid #8a1c1c; padding: .5rem 1rem; color: #8a1c1c; font-weight: 600; }
</style></head>
<body>
<h1>${e(t(`consentKind_${consent.kind}`))}</h1>
${consent.withdrawal ? `<p class="withdrawn">${e(t('consentWithdrawnOn', { date: date(new Date(consent.withdrawal.at)) }))}</p>` : ''}
<dl>
  <dt>${e(t('consentWhose'))}</dt><dd><span${ownLang}>${e(names.own)}</span>${names.latin ? ` (${e(names.latin)})` : ''}</dd>
  <dt>${e(t('from'))}</dt><dd>${e(input.agencyName)}</dd>
  ${consent.purposes.length ? `<dt>${e(t('consentPurposes'))}</dt><dd>${consent.purposes.map((p) => e(t(`purpose_${p}`))).join('; ')}</dd>` : ''}
  ${recipients.length ? `<dt>${e(t('consentRecipients'))}</dt><dd>${recipients.join('; ')}</dd>` : ''}
  ${consent.categories.length ? `<dt>${e(t('consentCategories'))}</dt><dd>${consent.categories.map((c) => e(t(`category_${c}`))).join('; ')}</dd>` : ''}
  <dt>${e(t('consentValid'))}</dt><dd>${e(date(consent.validFrom))} – ${e(consent.validTo ? date(consent.validTo) : t('consentUntilWithdrawn'))}</dd>
</dl>
${consent.purposeNote ? `<p class="pre-wrap">${e(consent.purposeNote)}</p>` : ''}
<section><h2>${e(t('consentText'))}</h2><blockquote>${e(consent.shownText)}</blockquote></section>
<p>${e(t('consentRights'))}</p>
<section><h2>${e(t('consentSignatures'))}</h2>${list(signatures)}</section>
</body></html>`;
}

/**
 * A case summary as it was given: the recipient, the purpose and basis, each category that went
 * with what it held, and a note of what was asked for but left out, and why.
 */
export function renderCaseSummary(input: {
  disclosure: DisclosureRecord;
  content: CaseSummaryContent;
  agencyName: string;
  timeZone: string;
}): string {
  const { disclosure, content } = input;
  const lng = documentLanguage(disclosure.language);
  const t = translatorFor(lng);
  const date = (value: Date | string) => formatDocumentDate(lng, value, input.timeZone);
  const kindOf = (code: string) => t(`journalKind_${code}`, { defaultValue: code });
  const ownLang = content.person.ownLanguage ? ` lang="${e(content.person.ownLanguage)}"` : '';
  const sections = content.sections.map((s) => {
    const needs = (s.needs ?? []).map(
      (n) => `${e(t(`domain_${n.domain}`, { defaultValue: n.domain }))} (${e(t(`severity_${n.severity}`))}): ${e(n.description)}`,
    );
    const steps = (s.steps ?? []).map((step) => `${e(step.what)}${step.dueDate ? ` – ${e(date(step.dueDate))}` : ''}`);
    const entries = (s.entries ?? []).map(
      (en) => `<strong>${e(date(en.occurredOn))} · ${e(kindOf(en.kind))}</strong><br><span class="pre-wrap">${e(en.text)}</span>`,
    );
    const period = s.period
      ? `<p>${e(t('planSection_period'))}: ${s.period.from ? e(date(s.period.from)) : ''} – ${s.period.to ? e(date(s.period.to)) : ''}</p>`
      : '';
    const body = [
      list(s.lines.map(e)),
      period,
      needs.length ? `<h3>${e(t('summaryNeeds'))}</h3>${list(needs)}` : '',
      steps.length ? `<h3>${e(t('summarySteps'))}</h3>${list(steps)}` : '',
      entries.length ? `<h3>${e(t('summaryEntries'))}</h3>${list(entries)}` : '',
    ].join('');
    return `<section class="part"><h2>${e(t(`category_${s.category}`))}</h2>${body || `<p>${e(t('summaryNothingRecorded'))}</p>`}</section>`;
  });
  const leftOut = disclosure.answer.refused.map((r) => `${e(t(`category_${r.category}`))}: ${e(t(`refusal_${r.reason}`))}`);
  const basis = disclosure.legalBasis
    ? `${e(t(`legalBasis_${disclosure.legalBasis}`))}${disclosure.legalReason ? ` – ${e(disclosure.legalReason)}` : ''}`
    : e(t('summaryBasisConsent'));
  return `<!doctype html>
<html lang="${e(lng)}">
<head><meta charset="utf-8"><title>${e(t('summaryTitle'))} – ${e(content.caseNumber)}</title><style>${documentStyles}
  section.part { margin-top: 1.25rem; break-inside: avoid; } section.part h2 { font-size: 1.15rem; border-bottom: 1px solid #999; }
  li { margin-bottom: .35rem; } .left-out { margin-top: 2rem; font-style: italic; }
</style></head>
<body>
<h1>${e(t('summaryTitle'))}</h1>
<dl>
  <dt>${e(t('consentWhose'))}</dt><dd><span${ownLang}>${e(content.person.own)}</span>${content.person.latin ? ` (${e(content.person.latin)})` : ''}</dd>
  <dt>${e(t('caseNumber'))}</dt><dd>${e(content.caseNumber)}</dd>
  <dt>${e(t('from'))}</dt><dd>${e(input.agencyName)} – ${e(content.unit)}, ${e(content.responsible)}</dd>
  <dt>${e(t('summaryTo'))}</dt><dd>${e(disclosure.recipientName)}</dd>
  <dt>${e(t('consentPurposes'))}</dt><dd>${e(t(`purpose_${disclosure.purpose}`))}</dd>
  <dt>${e(t('summaryBasis'))}</dt><dd>${basis}</dd>
  <dt>${e(t('date'))}</dt><dd>${e(date(new Date(disclosure.disclosedAt)))}</dd>
</dl>
${sections.join('\n')}
${leftOut.length ? `<section class="left-out"><h2>${e(t('summaryLeftOut'))}</h2>${list(leftOut)}</section>` : ''}
</body></html>`;
}
