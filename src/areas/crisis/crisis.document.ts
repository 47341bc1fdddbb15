import { documentLanguage, documentStyles, escapeHtml as e, formatDocumentDate, translatorFor } from '../../core/documents/documents.ts';
import type { PersonRow } from '../person/person.store.ts';
import { printedName } from '../person/person-name.rules.ts';
import type { SafetyPlanContent } from './crisis.contract.ts';
import type { SafetyPlanRow } from './crisis.store.ts';

export interface SafetyPlanDocumentInput {
  plan: SafetyPlanRow;
  content: SafetyPlanContent;
  person: PersonRow;
  agencyName: string;
  caseNumber: string;
  workerName: string;
  /** The agency's time zone, for the day a moment was. */
  timeZone: string;
}

const list = (lines: readonly string[]) => (lines.length ? `<ul>${lines.map((l) => `<li>${e(l)}</li>`).join('')}</ul>` : '');

/** Blank lines to write on, where the printed plan is filled in by hand. */
const blanks = (n: number) => `<div class="blank">${'<div class="line"></div>'.repeat(n)}</div>`;

/**
 * The safety plan as the person keeps it, print-ready in the plan's language (the person's): the
 * steps in order, from noticing the signs to calling a professional, each with the lines written
 * together – or blank lines to fill in by hand – and the signatures of the person and the worker.
 */
export function renderSafetyPlanDocument(input: SafetyPlanDocumentInput): string {
  const { plan, content, person } = input;
  const lng = documentLanguage(plan.language);
  const t = translatorFor(lng);
  const date = (d: string | Date) => formatDocumentDate(lng, d, input.timeZone);
  const reachable = (people: readonly { name: string; phone: string }[]) =>
    people.length
      ? `<table><thead><tr><th>${e(t('safetyPlanName'))}</th><th>${e(t('safetyPlanPhone'))}</th></tr></thead><tbody>${people
          .map((p) => `<tr><td>${e(p.name)}</td><td>${e(p.phone)}</td></tr>`)
          .join('')}</tbody></table>`
      : '';
  const step = (n: number, key: string, body: string) =>
    `<section class="step"><h2><span class="step__number">${n}</span> ${e(t(key))}</h2>
<p class="hint">${e(t(`${key}Hint`))}</p>
${body || blanks(3)}</section>`;
  const name = printedName(person);
  const signed = plan.signedOn
    ? `<p>${e(t('signedOn', { date: date(plan.signedOn) }))} (${e(t(`safetyPlanMethod_${plan.signatureMethod ?? 'on_paper'}`))})</p>`
    : '';
  return `<!doctype html>
<html lang="${e(lng)}">
<head><meta charset="utf-8"><title>${e(t('safetyPlanTitle'))}</title><style>${documentStyles}
  table { border-collapse: collapse; width: 100%; margin: .25rem 0 .5rem; table-layout: fixed; } th:last-child, td:last-child { width: 30%; } th, td { border: 1px solid #999; padding: .25rem .4rem; text-align: left; vertical-align: top; }
  .step { page-break-inside: avoid; border-top: 2px solid #333; margin-top: 1rem; }
  .step h2 { font-size: 1.1rem; margin: .5rem 0 .25rem; } .step__number { display: inline-block; min-width: 1.5em; font-weight: 700; }
  .hint { color: #444; font-size: .9rem; margin: 0 0 .25rem; } .blank .line { height: 1.75rem; }
  .emergency { border: 2px solid #333; padding: .5rem .75rem; font-weight: 600; }
</style></head>
<body>
${plan.status === 'draft' ? `<p><strong>${e(t('safetyPlanDraft'))}</strong></p>` : ''}
<h1>${e(t('safetyPlanTitle'))}</h1>
<dl>
  <dt>${e(t('safetyPlanFor'))}</dt><dd>${e(name)}</dd>
  <dt>${e(t('from'))}</dt><dd>${e(input.agencyName)}</dd>
  <dt>${e(t('caseNumber'))}</dt><dd>${e(input.caseNumber)}</dd>
  <dt>${e(t('safetyPlanVersion'))}</dt><dd>${plan.planVersion}</dd>
</dl>
<p>${e(t('safetyPlanIntro'))}</p>
<p class="emergency">${e(t('safetyPlanEmergency'))}</p>
${step(1, 'safetyPlanWarningSigns', list(content.warningSigns))}
${step(2, 'safetyPlanCopingSteps', list(content.copingSteps))}
${step(3, 'safetyPlanDistractions', reachable(content.distractions))}
${step(4, 'safetyPlanHelpers', reachable(content.helpers))}
${step(5, 'safetyPlanProfessionals', reachable(content.professionals))}
${step(6, 'safetyPlanSafeSurroundings', list(content.safeSurroundings))}
<section class="step"><h2>${e(t('safetyPlanReasonForLiving'))}</h2>
${content.reasonForLiving ? `<blockquote>${e(content.reasonForLiving)}</blockquote>` : blanks(2)}</section>

<div class="signatures">
<div class="signature"><p><strong>${e(t('safetyPlanPersonSigns'))}</strong><br>${e(name)}</p>
  <div class="line"></div><p>${e(t('date'))}:</p>${signed}</div>
<div class="signature"><p><strong>${e(t('safetyPlanWorkerSigns'))}</strong><br>${e(input.workerName)}</p>
  <div class="line"></div><p>${e(t('date'))}:</p></div>
</div>
</body>
</html>
`;
}
