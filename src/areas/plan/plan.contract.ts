import { z } from 'zod';
import { uuid, version } from '../../core/common.contract.ts';
import { signatureImage } from '../agreement/agreement.contract.ts';

export const planStatus = z.enum(['draft', 'awaiting_signature', 'active', 'superseded']);
export const planSigner = z.enum(['person', 'guardian', 'worker']);
export const planSignatureMethod = z.enum(['drawn', 'scan', 'paper']);

const text = (max: number) => z.string().trim().max(max);
const optionalDate = z.iso.date().nullable().default(null);

export const goalLevel = z.enum(['long_term', 'intermediate', 'short_term']);
export const stepResponsible = z.enum(['person', 'worker', 'partner', 'relative']);
export const stepStatus = z.enum(['planned', 'in_progress', 'done', 'cancelled']);
/** A tracked step's status: a step the active version no longer has is `removed`. */
export const trackedStepStatus = z.enum([...stepStatus.options, 'removed']);

/** A goal, SMART: a specific description, a measurable indicator with baseline and target, a due date, the need it serves. */
export const planGoal = z.strictObject({
  id: uuid,
  level: goalLevel,
  parentGoalId: uuid.nullable().default(null),
  themeId: uuid.nullable().default(null),
  needId: uuid.nullable().default(null),
  description: text(2000),
  indicator: text(1000).default(''),
  baseline: text(500).default(''),
  target: text(500).default(''),
  dueDate: optionalDate,
});
export const planTheme = z.strictObject({ id: uuid, title: text(300).min(1) });
export const planStep = z.strictObject({
  id: uuid,
  goalId: uuid.nullable().default(null),
  what: text(2000).min(1),
  responsibleKind: stepResponsible,
  responsibleName: text(300).default(''),
  responsibleStaffId: uuid.nullable().default(null),
  dueDate: optionalDate,
  instructions: text(5000).default('').describe('What the person is asked to do, in their words'),
});
export const planService = z.strictObject({
  id: uuid,
  type: text(300).min(1),
  provider: text(300).default(''),
  form: text(300).default(''),
  frequency: text(300).default(''),
  duration: text(300).default(''),
  place: text(300).default(''),
  needId: uuid.nullable().default(null),
  directoryServiceId: uuid.nullable().default(null).describe('The service of the service directory this is, when chosen from it'),
});
export const planMeeting = z.strictObject({ id: uuid, date: z.iso.date(), purpose: text(1000).default(''), place: text(300).default('') });
export const planRisk = z.strictObject({ id: uuid, risk: text(2000).min(1), contingency: text(2000).default('') });

/** The plan document: what a version agreed with the person says. Item ids stay the same across versions, so versions can be compared. */
export const planContent = z
  .strictObject({
    periodFrom: z.iso.date(),
    periodTo: z.iso.date(),
    reviewDate: z.iso.date(),
    personWishes: text(20_000).default(''),
    themes: z.array(planTheme).max(20).default([]),
    goals: z.array(planGoal).max(100).default([]),
    steps: z.array(planStep).max(200).default([]),
    services: z.array(planService).max(100).default([]),
    meetings: z.array(planMeeting).max(200).default([]),
    risks: z.array(planRisk).max(50).default([]),
    rightsAndDuties: text(20_000).default(''),
    evaluationMethod: text(20_000).default(''),
  })
  .superRefine((c, ctx) => {
    if (c.periodTo < c.periodFrom)
      ctx.addIssue({ code: 'custom', path: ['periodTo'], message: 'The plan period must not end before it starts' });
    if (c.reviewDate < c.periodFrom || c.reviewDate > c.periodTo)
      ctx.addIssue({ code: 'custom', path: ['reviewDate'], message: 'The review date must fall within the plan period' });
    for (const [list, items] of Object.entries({
      themes: c.themes,
      goals: c.goals,
      steps: c.steps,
      services: c.services,
      meetings: c.meetings,
      risks: c.risks,
    })) {
      const seen = new Set<string>();
      items.forEach((item, i) => {
        if (seen.has(item.id)) ctx.addIssue({ code: 'custom', path: [list, i, 'id'], message: 'Each item needs its own id' });
        seen.add(item.id);
      });
    }
    const goalIds = new Set(c.goals.map((g) => g.id));
    const themeIds = new Set(c.themes.map((th) => th.id));
    c.goals.forEach((g, i) => {
      if (g.parentGoalId && !goalIds.has(g.parentGoalId))
        ctx.addIssue({ code: 'custom', path: ['goals', i, 'parentGoalId'], message: 'No such goal in this plan' });
      if (g.themeId && !themeIds.has(g.themeId))
        ctx.addIssue({ code: 'custom', path: ['goals', i, 'themeId'], message: 'No such theme in this plan' });
    });
    c.steps.forEach((s, i) => {
      if (s.goalId && !goalIds.has(s.goalId))
        ctx.addIssue({ code: 'custom', path: ['steps', i, 'goalId'], message: 'No such goal in this plan' });
    });
  });
export type PlanContent = z.infer<typeof planContent>;

export const createPlanBody = z.strictObject({
  content: planContent.optional().describe('Omit to start from the active version (a change) or from an empty plan'),
  changeReason: text(2000).default('').describe('Required when an active plan is changed'),
});
export const updatePlanBody = z.strictObject({ content: planContent.optional(), changeReason: text(2000).optional(), version });
export const planTransitionBody = z.strictObject({ version });
export const signPlanBody = z.strictObject({
  signer: planSigner,
  method: planSignatureMethod,
  signatureImage: signatureImage.nullable().default(null),
  witnessName: text(200).nullable().default(null),
  version,
});
export const updateStepBody = z
  .strictObject({
    status: stepStatus,
    result: text(5000).default(''),
    version,
  })
  .refine((b) => b.status !== 'done' || b.result.length > 0, { path: ['result'], message: 'Record the result of the step' });

export const smartProblem = z.object({
  goalId: uuid,
  field: z.string(),
  code: z.string(),
  criterion: z.string(),
  severity: z.enum(['error', 'warning']),
  message: z.string(),
});
export const planStepProgress = z.object({
  stepId: uuid,
  what: z.string(),
  responsibleKind: stepResponsible,
  responsibleStaffId: uuid.nullable(),
  dueDate: z.iso.date().nullable(),
  status: trackedStepStatus,
  result: z.string(),
  completedAt: z.iso.datetime().nullable(),
  overdue: z.boolean(),
  version: z.int(),
});

export const servicePlan = z.object({
  id: uuid,
  caseId: uuid,
  planVersion: z.int(),
  status: planStatus,
  previousId: uuid.nullable(),
  changeReason: z.string(),
  content: planContent,
  guardianRequired: z.boolean(),
  missingSignatures: z.array(z.enum(['person', 'guardian'])),
  signatures: z.array(
    z.object({
      signer: z.string(),
      method: z.string(),
      witnessName: z.string().nullable(),
      signedAt: z.iso.datetime(),
      hasImage: z.boolean(),
    }),
  ),
  smartProblems: z.array(smartProblem),
  activatedAt: z.iso.datetime().nullable(),
  createdBy: uuid,
  version: z.int(),
});

/**
 * The plan in force as the case page shows it: its version, period and review date, how many goals
 * it has and when it took effect. The plan itself (goals, steps, services) is read on its own page.
 */
export const planInForce = z.object({
  id: uuid,
  planVersion: z.int(),
  periodFrom: z.iso.date(),
  periodTo: z.iso.date(),
  reviewDate: z.iso.date(),
  goalCount: z.int(),
  activatedAt: z.iso.datetime().nullable(),
  version: z.int(),
});

export const planDiff = z.object({
  planId: uuid,
  planVersion: z.int(),
  previousId: uuid.nullable(),
  previousVersion: z.int().nullable(),
  changeReason: z.string(),
  changes: z.array(
    z.object({
      section: z
        .string()
        .describe('period, reviewDate, goals, steps, services, meetings, risks, rightsAndDuties, evaluationMethod or personWishes'),
      kind: z.enum(['added', 'removed', 'changed']),
      itemId: z.string().nullable(),
      label: z.string().nullable(),
      fields: z.array(z.object({ field: z.string(), before: z.unknown(), after: z.unknown() })),
    }),
  ),
});
