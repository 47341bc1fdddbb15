import { documentLanguage, documentStyles, escapeHtml as e, formatDocumentDate, translatorFor } from '../../core/documents/documents.ts';
import type { NeedRow } from '../assessment/assessment.store.ts';
import type { PersonRow } from '../person/person.store.ts';
import { printedName } from '../person/person-name.rules.ts';
import type { PlanContent } from './plan.contract.ts';
import { requiredSigners } from './plan.rules.ts';
import type { PlanRow, SignatureRow, StepRow } from './plan.store.ts';
import { diffPlans } from './plan-diff.rules.ts';

export interface PlanDocumentInput {
  plan: PlanRow;
  previous: PlanRow | null;
  signatures: SignatureRow[];
  person: PersonRow;
  /** The guardian who co-signs, where one is registered and within reach. */
  guardianName: string | null;
  workerName: string;
  agencyName: string;
  caseNumber: string;
  needs: NeedRow[];
  steps: StepRow[];
  /** The agency's time zone: a moment is printed as the day it was there. */
  timeZone: string;
}

/** A heading and what is under it, or nothing at all where there is nothing under it. */
const titled = (title: string, content: string) => (content ? `<h3>${e(title)}</h3>\n${content}` : '');

const table = (head: string[], rows: string[][]) =>
  rows.length === 0
    ? ''
    : `<table><thead><tr>${head.map((h) => `<th>${e(h)}</th>`).join('')}</tr></thead>
<tbody>${rows.map((r) => `<tr>${r.map((c) => `<td>${e(c)}</td>`).join('')}</tr>`).join('\n')}</tbody></table>`;

/**
 * The service plan as seed 004 lays it out, print-ready in the person's language: the descriptive
 * part (needs, time-fixed steps and who does them, services, expected results, meetings, changes)
 * and the execution part (who, needs with the date identified, work done, providers, completion).
 */
export function renderPlanDocument(input: PlanDocumentInput, requestedLanguage?: string): string {
  const { plan, previous, signatures, person, workerName, agencyName, caseNumber } = input;
  const lng = documentLanguage(requestedLanguage ?? person.languages.find(Boolean) ?? 'en');
  const t = translatorFor(lng);
  const date = (d: string | Date | null | undefined) => (d ? formatDocumentDate(lng, d, input.timeZone) : '');
  const c = plan.content as PlanContent;
  const needById = new Map(input.needs.map((n) => [n.id, n]));
  const goalById = new Map(c.goals.map((g) => [g.id, g]));
  const progress = new Map(input.steps.map((s) => [s.stepId, s]));
  const who = (kind: string, name: string) => [t(`planResponsible_${kind}`), name].filter(Boolean).join(': ');
  const newNeeds = input.needs.filter((n) => n.identifiedOn > c.periodFrom);
  const signatureBlock = (signer: 'person' | 'guardian') => {
    const s = signatures.find((x) => x.signer === signer);
    const name = signer === 'person' ? printedName(person) : input.guardianName;
    return `<div class="signature"><p><strong>${e(t(`signer_${signer}`))}</strong><br>${name ? e(name) : '&nbsp;'}</p>
  ${s?.signatureImage ? `<img src="${e(s.signatureImage)}" alt="${e(t(`signer_${signer}`))}">` : '<div class="line"></div>'}
  <p>${s ? `${e(t('signedOn', { date: date(s.signedAt) }))} – ${e(t(`method_${s.method}`, { witness: s.witnessName ?? '' }))}` : e(t('notSigned'))}</p></div>`;
  };
  // The responsible worker signs the printed plan by hand: a line with their name and the date.
  const workerSignatureBlock = `<div class="signature"><p><strong>${e(t('planResponsibleWorker'))}</strong><br>${e(workerName)}</p>
  <div class="line"></div>
  <p>${e(t('date'))}:</p></div>`;
  return `<!doctype html>
<html lang="${e(lng)}">
<head><meta charset="utf-8"><title>${e(t('planTitle'))}</title><style>${documentStyles}
  table { border-collapse: collapse; width: 100%; margin: .5rem 0 1rem; font-size: .9rem; } th, td { border: 1px solid #999; padding: .25rem .4rem; text-align: left; vertical-align: top; }
  h2 { page-break-after: avoid; } .part { page-break-before: always; } .part:first-of-type { page-break-before: auto; }
</style></head>
<body>
${plan.status === 'draft' || plan.status === 'awaiting_signature' ? `<p><strong>${e(t('planNotActive'))}</strong></p>` : ''}
<h1>${e(t('planTitle'))}</h1>
<dl>
  <dt>${e(t('from'))}</dt><dd>${e(agencyName)}</dd>
  <dt>${e(t('regarding'))}</dt><dd>${e(printedName(person))}${person.birthDate ? `, ${e(t('bornOn', { date: date(person.birthDate) }))}` : ''}</dd>
  <dt>${e(t('caseNumber'))}</dt><dd>${e(caseNumber)}</dd>
  <dt>${e(t('planVersion'))}</dt><dd>${plan.planVersion}</dd>
  <dt>${e(t('planPeriod'))}</dt><dd>${e(t('planPeriodValue', { from: date(c.periodFrom), to: date(c.periodTo) }))}</dd>
  <dt>${e(t('planReviewDate'))}</dt><dd>${e(date(c.reviewDate))}</dd>
</dl>

<section class="part"><h2>${e(t('planDescriptivePart'))}</h2>
${c.personWishes ? `<h3>${e(t('planPersonWishes'))}</h3><blockquote>${e(c.personWishes)}</blockquote>` : ''}
${titled(
  t('planNeeds'),
  table(
    [t('planNeed'), t('planIdentifiedOn')],
    input.needs.map((n) => [n.description, date(n.identifiedOn)]),
  ),
)}
${titled(
  t('planGoals'),
  table(
    [t('planGoal'), t('planIndicator'), t('planExpectedResult'), t('planDueDate')],
    c.goals.map((g) => [
      `${t(`planLevel_${g.level}`)}: ${g.description}`,
      [g.indicator, g.baseline ? `${t('planBaseline')} ${g.baseline}` : ''].filter(Boolean).join(' – '),
      g.target,
      date(g.dueDate),
    ]),
  ),
)}
${titled(
  t('planSteps'),
  table(
    [t('planStep'), t('planWho'), t('planDueDate'), t('planInstructions')],
    c.steps.map((s) => [
      s.goalId && goalById.get(s.goalId) ? `${s.what} (${goalById.get(s.goalId)!.description})` : s.what,
      who(s.responsibleKind, s.responsibleName),
      date(s.dueDate),
      s.instructions,
    ]),
  ),
)}
${titled(
  t('planServices'),
  table(
    [t('planServiceType'), t('planProvider'), t('planForm'), t('planFrequency'), t('planDuration'), t('planPlace')],
    c.services.map((s) => [s.type, s.provider, s.form, s.frequency, s.duration, s.place]),
  ),
)}
${titled(
  t('planMeetings'),
  table(
    [t('date'), t('planPurpose'), t('planPlace')],
    c.meetings.map((m) => [date(m.date), m.purpose, m.place]),
  ),
)}
${
  c.risks.length
    ? `<h3>${e(t('planRisks'))}</h3>${table(
        [t('planRisk'), t('planContingency')],
        c.risks.map((r) => [r.risk, r.contingency]),
      )}`
    : ''
}
${c.rightsAndDuties ? `<h3>${e(t('planRightsAndDuties'))}</h3><p>${e(c.rightsAndDuties)}</p>` : ''}
${c.evaluationMethod ? `<h3>${e(t('planEvaluation'))}</h3><p>${e(c.evaluationMethod)}</p>` : ''}
<h3>${e(t('planChanges'))}</h3>
${
  previous
    ? `<p>${e(t('planChangedFrom', { version: previous.planVersion }))} ${e(plan.changeReason)}</p>
<ul>${diffPlans(previous.content as PlanContent, c)
        .map(
          (ch) => `<li>${e(t(`planSection_${ch.section}`))}: ${e(t(`planChange_${ch.kind}`))}${ch.label ? ` – ${e(ch.label)}` : ''}</li>`,
        )
        .join('')}</ul>`
    : `<p>${e(t('planFirstVersion'))}</p>`
}
${newNeeds.length ? `<p>${e(t('planNewNeeds'))}</p><ul>${newNeeds.map((n) => `<li>${e(n.description)} (${e(date(n.identifiedOn))})</li>`).join('')}</ul>` : ''}
</section>

<section class="part"><h2>${e(t('planExecutionPart'))}</h2>
<dl>
  <dt>${e(t('planPersonName'))}</dt><dd>${e(printedName(person))}</dd>
  ${person.nationalId ? `<dt>${e(t('planIdNumber'))}</dt><dd>${e(person.nationalId)}</dd>` : ''}
  <dt>${e(t('caseNumber'))}</dt><dd>${e(caseNumber)}</dd>
  <dt>${e(t('planResponsibleWorker'))}</dt><dd>${e(workerName)}</dd>
</dl>
${table(
  [t('planNeed'), t('planIdentifiedOn'), t('planWorkDone'), t('planProvidedBy'), t('planCompletedOn'), t('planResult')],
  [
    ...c.steps.map((s) => {
      const p = progress.get(s.id);
      const goal = s.goalId ? goalById.get(s.goalId) : undefined;
      const need = goal?.needId ? needById.get(goal.needId) : undefined;
      return [
        need?.description ?? '',
        need ? date(need.identifiedOn) : '',
        s.what,
        who(s.responsibleKind, s.responsibleName),
        p?.completedAt ? date(p.completedAt) : t(`planStepStatus_${p?.status ?? 'planned'}`),
        p?.result ?? '',
      ];
    }),
    ...c.services.map((s) => {
      const need = s.needId ? needById.get(s.needId) : undefined;
      return [need?.description ?? '', need ? date(need.identifiedOn) : '', s.type, s.provider, '', ''];
    }),
  ],
)}
</section>

<div class="signatures">${requiredSigners(plan.guardianRequired).map(signatureBlock).join('\n')}
${workerSignatureBlock}</div>
</body>
</html>
`;
}
