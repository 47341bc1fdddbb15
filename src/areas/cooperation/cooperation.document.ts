import { documentLanguage, documentStyles, escapeHtml as e, formatDocumentDate, translatorFor } from '../../core/documents/documents.ts';
import { type CooperationAgreement, cooperationSection } from './cooperation.contract.ts';

/** The cooperation agreement to print and sign, in its language: the parties, each section, the term, and both signatures. */
export function renderCooperation(input: { agreement: CooperationAgreement; agencyName: string; timeZone: string }): string {
  const a = input.agreement;
  const lng = documentLanguage(a.language);
  const t = translatorFor(lng);
  const date = (value: string) => formatDocumentDate(lng, value, input.timeZone);
  const sections = cooperationSection.options
    .filter((s) => a.sections[s].trim())
    .map((s) => `<section><h2>${e(t(`cooperationSection_${s}`))}</h2><p class="pre-wrap">${e(a.sections[s])}</p></section>`)
    .join('\n');
  const signature = (party: 'agency' | 'partner') => {
    const s = a.signatures.find((x) => x.party === party);
    const name = party === 'agency' ? input.agencyName : a.partnerName;
    return `<div><p><strong>${e(t('cooperationFor', { party: name }))}</strong></p><p>${
      s
        ? `${e(s.signatoryName)}${s.signatoryTitle ? `, ${e(s.signatoryTitle)}` : ''} – ${e(date(s.signedOn))}`
        : e(t('cooperationUnsigned'))
    }</p></div>`;
  };
  return `<!doctype html>
<html lang="${e(lng)}">
<head><meta charset="utf-8"><title>${e(t('cooperationTitle'))} – ${e(a.partnerName)}</title><style>${documentStyles}
  .signatures { display: grid; grid-template-columns: 1fr 1fr; gap: 2rem; margin-top: 2rem; }
</style></head>
<body>
<h1>${e(t('cooperationTitle'))}</h1>
<section><h2>${e(t('cooperationParties'))}</h2><p>${e(t('cooperationPartiesText', { agency: input.agencyName, partner: a.partnerName }))}</p></section>
${sections}
<section><h2>${e(t('cooperationTerm'))}</h2><p>${e(
    a.endsOn
      ? t('cooperationTermText', { from: date(a.startsOn), to: date(a.endsOn) })
      : t('cooperationTermOpen', { from: date(a.startsOn) }),
  )}</p><p>${e(t(`cooperationRenewal_${a.renewal}`))}</p>${
    a.endedOn ? `<p><strong>${e(t('cooperationEnded', { date: date(a.endedOn), reason: a.endReason ?? '' }))}</strong></p>` : ''
  }</section>
<section><h2>${e(t('cooperationSignatures'))}</h2><div class="signatures">${signature('agency')}${signature('partner')}</div></section>
</body></html>`;
}
