import { and, asc, desc, eq, inArray, lte, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { calendarDateIn } from '../../core/calendar-date.ts';
import type { RequestContext } from '../../core/context.ts';
import type { Database } from '../../core/db/pool.ts';
import { DomainError, invalidField, notFound, versionConflict } from '../../core/errors.ts';
import { inTransaction, type UnitOfWork } from '../../core/unit-of-work.ts';
import { guardianRequired, signatureEvidenceProblem } from '../agreement/agreement.rules.ts';
import { needs } from '../assessment/assessment.schema.ts';
import type { CaseService } from '../case/case.service.ts';
import { agency } from '../organisation/organisation.schema.ts';
import { persons } from '../person/person.schema.ts';
import { staff } from '../staff/staff.schema.ts';
import type { createPlanBody, PlanContent, signPlanBody, updatePlanBody, updateStepBody } from './plan.contract.ts';
import { planSignatures, planSteps, servicePlans } from './plan.schema.ts';
import { diffPlans } from './plan-diff.rules.ts';
import type { ServicePlan } from './service-plan.ts';
import { checkPlanGoals } from './smart-goal.rules.ts';

type PlanRow = typeof servicePlans.$inferSelect;
type SignatureRow = typeof planSignatures.$inferSelect;
type StepRow = typeof planSteps.$inferSelect;
type PlanSigner = 'person' | 'guardian';

/** Today in the agency's time zone. */
export async function agencyToday(tx: UnitOfWork['tx']): Promise<string> {
  const [settings] = await tx.select({ timeZone: agency.timeZone }).from(agency).where(eq(agency.id, 1));
  return calendarDateIn(settings?.timeZone ?? 'UTC');
}

/** What the SMART checker finds in the plan's goals, judged against the plan period. */
export function planSmartProblems(content: PlanContent, on: string) {
  return checkPlanGoals(content.goals, { today: on, planPeriod: { start: content.periodFrom, end: content.periodTo } });
}

export function requiredPlanSigners(guardianNeeded: boolean): PlanSigner[] {
  return guardianNeeded ? ['person', 'guardian'] : ['person'];
}

export function presentStep(s: StepRow, on: string) {
  return {
    stepId: s.stepId,
    what: s.what,
    responsibleKind: s.responsibleKind as never,
    responsibleStaffId: s.responsibleStaffId,
    dueDate: s.dueDate,
    status: s.status as never,
    result: s.result,
    completedAt: s.completedAt?.toISOString() ?? null,
    overdue: (s.status === 'planned' || s.status === 'in_progress') && s.dueDate !== null && s.dueDate < on,
    version: s.version,
  };
}

export function presentPlan(p: PlanRow, signatures: SignatureRow[], on: string) {
  const content = p.content as PlanContent;
  const signed = new Set(signatures.map((s) => s.signer));
  return {
    id: p.id,
    caseId: p.caseId,
    planVersion: p.planVersion,
    status: p.status as never,
    previousId: p.previousId,
    changeReason: p.changeReason,
    content,
    guardianRequired: p.guardianRequired,
    missingSignatures:
      p.status === 'active' || p.status === 'superseded' ? [] : requiredPlanSigners(p.guardianRequired).filter((s) => !signed.has(s)),
    signatures: signatures.map((s) => ({
      signer: s.signer,
      method: s.method,
      witnessName: s.witnessName,
      signedAt: s.signedAt.toISOString(),
      hasImage: !!s.signatureImage,
    })),
    smartProblems: p.status === 'draft' || p.status === 'awaiting_signature' ? planSmartProblems(content, on) : [],
    activatedAt: p.activatedAt?.toISOString() ?? null,
    createdBy: p.createdBy,
    version: p.version,
  };
}

/** The plan document in the domain's terms, for comparing versions; progress is not part of what was agreed. */
export function asDomainPlan(c: PlanContent): ServicePlan {
  return {
    period: { start: c.periodFrom, end: c.periodTo },
    reviewDate: c.reviewDate,
    goals: c.goals.map((g) => ({ ...g, indicator: g.indicator, baseline: g.baseline, target: g.target })),
    steps: c.steps.map((s) => ({
      id: s.id,
      goalId: s.goalId,
      description: s.what,
      responsible: s.responsibleKind === 'relative' ? 'family' : s.responsibleKind,
      responsibleName: s.responsibleName,
      dueDate: s.dueDate,
      instructions: s.instructions,
      status: 'planned',
      result: null,
      completedOn: null,
    })),
    services: c.services.map((s) => ({
      id: s.id,
      name: s.type,
      form: s.form,
      frequency: s.frequency,
      duration: s.duration,
      place: s.place,
      provider: s.provider,
      partnerOrganisationId: null,
      startDate: null,
      endDate: null,
    })),
    meetings: c.meetings.map((m) => ({ id: m.id, date: m.date, frequency: null, purpose: m.purpose, participants: null, place: m.place })),
    risks: c.risks.map((r) => ({ id: r.id, description: r.risk, contingency: r.contingency })),
    rightsAndDuties: c.rightsAndDuties,
    evaluationMethod: c.evaluationMethod,
    personWishes: c.personWishes,
  };
}

/** What changed from the previous version to this one, section by section. */
export function planChanges(previous: PlanContent | null, current: PlanContent) {
  return previous ? diffPlans(asDomainPlan(previous), asDomainPlan(current)) : [];
}

function emptyContent(from: string): PlanContent {
  const plusDays = (days: number) => new Date(Date.parse(`${from}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
  const to = plusDays(365);
  const review = plusDays(182);
  return {
    periodFrom: from,
    periodTo: to,
    reviewDate: review,
    personWishes: '',
    themes: [],
    goals: [],
    steps: [],
    services: [],
    meetings: [],
    risks: [],
    rightsAndDuties: '',
    evaluationMethod: '',
  };
}

/**
 * Service plans (seeds 000, 001, 002 §3, 004): versions of one document per case. A draft is
 * edited, then put to the person; it becomes active only when the person (and a guardian where
 * required) has signed. A change to an active plan is a new version with a reason, signed again;
 * every version is kept. The active version's steps are tracked in plan_steps.
 */
export class PlanService {
  constructor(
    private readonly db: Database,
    private readonly cases: CaseService,
  ) {}

  private signaturesOf(uow: UnitOfWork, planId: string) {
    return uow.tx.select().from(planSignatures).where(eq(planSignatures.planId, planId)).orderBy(asc(planSignatures.signedAt));
  }

  private async visiblePlan(uow: UnitOfWork, id: string, action: string, lock = false) {
    const query = uow.tx.select().from(servicePlans).where(eq(servicePlans.id, id));
    const [row] = lock ? await query.for('update') : await query;
    if (!row) throw notFound('The plan');
    const theCase = lock
      ? await this.cases.openCaseForWork(uow, row.caseId, action, true)
      : await this.cases.visibleCase(uow, row.caseId, action);
    return { row, theCase };
  }

  /** Whether a guardian must co-sign for the person (minor or without full legal capacity), and who. */
  private async guardianFor(uow: UnitOfWork, personId: string) {
    const [person] = await uow.tx.select().from(persons).where(eq(persons.id, personId));
    const [settings] = await uow.tx.select({ under: agency.guardianRequiredUnderAge }).from(agency).where(eq(agency.id, 1));
    const required = guardianRequired({
      birthDate: person!.birthDate,
      legalCapacity: person!.legalCapacity,
      today: new Date(),
      guardianRequiredUnderAge: settings!.under,
    });
    return { required, personId: required ? person!.guardianPersonId : null };
  }

  /** The plan for a change: visible, locked, on an open case, at the version the client saw and in one of `statuses`. */
  private async planToChange(
    uow: UnitOfWork,
    id: string,
    action: string,
    version: number,
    statuses: readonly PlanRow['status'][],
    refusal: (status: string) => string,
  ) {
    const found = await this.visiblePlan(uow, id, action, true);
    if (found.row.version !== version) throw versionConflict('The plan');
    if (!statuses.includes(found.row.status)) throw new DomainError('transition_not_allowed', refusal(found.row.status));
    return found;
  }

  /** Goals and services may name only needs of this case; steps only active staff. */
  private async assertReferences(uow: UnitOfWork, caseId: string, content: PlanContent) {
    const staffIds = [...new Set(content.steps.map((s) => s.responsibleStaffId).filter((id): id is string => !!id))];
    if (staffIds.length > 0) {
      const active = new Set(
        (
          await uow.tx
            .select({ id: staff.id })
            .from(staff)
            .where(and(inArray(staff.id, staffIds), eq(staff.status, 'active')))
        ).map((r) => r.id),
      );
      const stepIndex = content.steps.findIndex((s) => s.responsibleStaffId && !active.has(s.responsibleStaffId));
      if (stepIndex >= 0) throw invalidField(`content.steps.${stepIndex}.responsibleStaffId`, 'not_found', 'No such active staff member');
    }
    const named = [
      ...new Set([...content.goals.map((g) => g.needId), ...content.services.map((s) => s.needId)].filter((n): n is string => !!n)),
    ];
    if (named.length === 0) return;
    const found = await uow.tx
      .select({ id: needs.id })
      .from(needs)
      .where(and(eq(needs.caseId, caseId), inArray(needs.id, named)));
    const known = new Set(found.map((n) => n.id));
    const goalIndex = content.goals.findIndex((g) => g.needId && !known.has(g.needId));
    if (goalIndex >= 0) throw invalidField(`content.goals.${goalIndex}.needId`, 'not_found', 'No such need on this case');
    const serviceIndex = content.services.findIndex((s) => s.needId && !known.has(s.needId));
    if (serviceIndex >= 0) throw invalidField(`content.services.${serviceIndex}.needId`, 'not_found', 'No such need on this case');
  }

  /** Starts a draft: the first plan, or a change to the active one (a new version, with a reason). */
  async create(ctx: RequestContext, caseId: string, input: z.infer<typeof createPlanBody>) {
    return inTransaction(this.db, ctx, async (uow) => {
      const theCase = await this.cases.openCaseForWork(uow, caseId, 'plan.create', true);
      const [open] = await uow.tx
        .select({ id: servicePlans.id })
        .from(servicePlans)
        .where(and(eq(servicePlans.caseId, caseId), inArray(servicePlans.status, ['draft', 'awaiting_signature'])));
      if (open) throw new DomainError('already_exists', 'This case already has a plan being prepared; change that one');
      const [active] = await uow.tx
        .select()
        .from(servicePlans)
        .where(and(eq(servicePlans.caseId, caseId), eq(servicePlans.status, 'active')));
      if (active && input.changeReason.length < 3) throw invalidField('changeReason', 'required', 'Say why the plan changes');
      const content = input.content ?? (active ? (active.content as PlanContent) : emptyContent(await agencyToday(uow.tx)));
      await this.assertReferences(uow, caseId, content);
      const [{ last }] = (await uow.tx
        .select({ last: sql<number>`coalesce(max(${servicePlans.planVersion}), 0)::int` })
        .from(servicePlans)
        .where(eq(servicePlans.caseId, caseId))) as [{ last: number }];
      const guardian = await this.guardianFor(uow, theCase.personId);
      const [row] = await uow.tx
        .insert(servicePlans)
        .values({
          caseId,
          planVersion: last + 1,
          previousId: active?.id ?? null,
          changeReason: active ? input.changeReason : '',
          content,
          guardianRequired: guardian.required,
          guardianPersonId: guardian.personId,
          createdBy: uow.actor.id,
        })
        .returning();
      uow.audit({
        action: 'plan.create',
        entityType: 'plan',
        entityId: row!.id,
        personId: theCase.personId,
        details: { planVersion: last + 1, previousId: active?.id ?? null },
      });
      return presentPlan(row!, [], await agencyToday(uow.tx));
    });
  }

  async update(ctx: RequestContext, id: string, input: z.infer<typeof updatePlanBody>) {
    return inTransaction(this.db, ctx, async (uow) => {
      const { row, theCase } = await this.planToChange(uow, id, 'plan.update', input.version, ['draft'], (status) =>
        status === 'awaiting_signature'
          ? 'The plan is with the person for signing; take it back to change it'
          : 'This version is settled; start a new version to change the plan',
      );
      if (input.content) await this.assertReferences(uow, row.caseId, input.content);
      if (row.previousId && input.changeReason !== undefined && input.changeReason.length < 3)
        throw invalidField('changeReason', 'required', 'Say why the plan changes');
      const [updated] = await uow.tx
        .update(servicePlans)
        .set({
          ...(input.content ? { content: input.content } : {}),
          ...(input.changeReason !== undefined ? { changeReason: input.changeReason } : {}),
          version: sql`${servicePlans.version} + 1`,
          updatedAt: new Date(),
        })
        .where(eq(servicePlans.id, id))
        .returning();
      uow.audit({ action: 'plan.update', entityType: 'plan', entityId: id, personId: theCase.personId });
      return presentPlan(updated!, [], await agencyToday(uow.tx));
    });
  }

  /** Puts the draft to the person for agreement and signature – only once every goal is SMART. */
  async submit(ctx: RequestContext, id: string, version: number) {
    return inTransaction(this.db, ctx, async (uow) => {
      const { row, theCase } = await this.planToChange(
        uow,
        id,
        'plan.submit',
        version,
        ['draft'],
        () => 'Only a draft is put to the person',
      );
      const content = row.content as PlanContent;
      if (content.goals.length === 0) throw invalidField('content.goals', 'required', 'A plan needs at least one goal');
      const problems = planSmartProblems(content, await agencyToday(uow.tx)).filter((p) => p.severity === 'error');
      if (problems.length > 0) {
        throw new DomainError(
          'validation_failed',
          'Some goals are not yet SMART',
          problems.map((p) => ({
            field: `content.goals.${content.goals.findIndex((g) => g.id === p.goalId)}.${p.field}`,
            code: p.code,
            message: p.message,
          })),
        );
      }
      // Who must sign is settled now, from the person as recorded today (a guardian may have been added since the draft began).
      const guardian = await this.guardianFor(uow, theCase.personId);
      if (guardian.required && !guardian.personId)
        throw invalidField(
          'guardianPersonId',
          'required',
          'This person needs a guardian to co-sign; record the guardian on the person first',
        );
      const [updated] = await uow.tx
        .update(servicePlans)
        .set({
          status: 'awaiting_signature',
          guardianRequired: guardian.required,
          guardianPersonId: guardian.personId,
          version: sql`${servicePlans.version} + 1`,
          updatedAt: new Date(),
        })
        .where(eq(servicePlans.id, id))
        .returning();
      uow.audit({ action: 'plan.submit', entityType: 'plan', entityId: id, personId: theCase.personId });
      return presentPlan(updated!, [], await agencyToday(uow.tx));
    });
  }

  /** Takes a plan back from signing to change it (the person asked for changes); signatures given so far lapse. */
  async reopen(ctx: RequestContext, id: string, version: number) {
    return inTransaction(this.db, ctx, async (uow) => {
      const { theCase } = await this.planToChange(
        uow,
        id,
        'plan.reopen',
        version,
        ['awaiting_signature'],
        () => 'Only a plan awaiting signature is taken back',
      );
      await uow.tx.delete(planSignatures).where(eq(planSignatures.planId, id));
      const [updated] = await uow.tx
        .update(servicePlans)
        .set({ status: 'draft', version: sql`${servicePlans.version} + 1`, updatedAt: new Date() })
        .where(eq(servicePlans.id, id))
        .returning();
      uow.audit({ action: 'plan.reopen', entityType: 'plan', entityId: id, personId: theCase.personId });
      return presentPlan(updated!, [], await agencyToday(uow.tx));
    });
  }

  /** Discards a plan that never came into force (a draft, or one still being signed), with its signatures so far. */
  async discard(ctx: RequestContext, id: string, version: number) {
    return inTransaction(this.db, ctx, async (uow) => {
      const { row, theCase } = await this.planToChange(
        uow,
        id,
        'plan.discard',
        version,
        ['draft', 'awaiting_signature'],
        () => 'A plan that came into force is kept; change it with a new version',
      );
      await uow.tx.delete(planSignatures).where(eq(planSignatures.planId, id));
      await uow.tx.delete(servicePlans).where(eq(servicePlans.id, id));
      uow.audit({
        action: 'plan.discard',
        entityType: 'plan',
        entityId: id,
        personId: theCase.personId,
        details: { planVersion: row.planVersion },
      });
      return { ok: true as const };
    });
  }

  /**
   * Records the person's (or guardian's, or worker's) signature. When every required signer has
   * signed, this version becomes the active plan, the previous one is superseded, its steps are
   * tracked, and a case still before implementation moves there.
   */
  async sign(ctx: RequestContext, id: string, input: z.infer<typeof signPlanBody>) {
    return inTransaction(this.db, ctx, async (uow) => {
      const { row, theCase } = await this.planToChange(uow, id, 'plan.sign', input.version, ['awaiting_signature'], (status) =>
        status === 'draft' ? 'Put the plan to the person before it is signed' : 'This version is already settled',
      );
      if (input.signer === 'guardian' && !row.guardianRequired) throw invalidField('signer', 'not_required', 'No guardian signs this plan');
      const evidence = signatureEvidenceProblem({ method: input.method, hasImage: !!input.signatureImage, witnessName: input.witnessName });
      if (evidence === 'image_required') throw invalidField('signatureImage', evidence, 'A drawn or scanned signature needs its image');
      if (evidence === 'witness_required') throw invalidField('witnessName', evidence, 'A paper signature needs a witness');
      const inserted = await uow.tx
        .insert(planSignatures)
        .values({
          planId: id,
          signer: input.signer,
          method: input.method,
          signatureImage: input.signatureImage,
          witnessName: input.witnessName,
          recordedBy: uow.actor.id,
        })
        .onConflictDoNothing()
        .returning();
      if (inserted.length === 0) throw new DomainError('already_exists', 'This signer has already signed');
      const signatures = await this.signaturesOf(uow, id);
      const signed = new Set(signatures.map((s) => s.signer));
      const complete = requiredPlanSigners(row.guardianRequired).every((s) => signed.has(s));
      let updated: PlanRow;
      if (complete) {
        if (row.previousId) {
          await uow.tx
            .update(servicePlans)
            .set({ status: 'superseded', updatedAt: new Date() })
            .where(and(eq(servicePlans.id, row.previousId), eq(servicePlans.status, 'active')));
        }
        [updated] = (await uow.tx
          .update(servicePlans)
          .set({ status: 'active', activatedAt: new Date(), version: sql`${servicePlans.version} + 1`, updatedAt: new Date() })
          .where(eq(servicePlans.id, id))
          .returning()) as [PlanRow];
        await this.trackSteps(uow, updated);
        if (!row.previousId) await this.cases.advanceIn(uow, theCase, 'implementation', 'The first service plan was signed');
      } else {
        [updated] = (await uow.tx
          .update(servicePlans)
          .set({ version: sql`${servicePlans.version} + 1`, updatedAt: new Date() })
          .where(eq(servicePlans.id, id))
          .returning()) as [PlanRow];
      }
      uow.audit({
        action: 'plan.sign',
        entityType: 'plan',
        entityId: id,
        personId: theCase.personId,
        details: { signer: input.signer, method: input.method, activated: complete },
      });
      return presentPlan(updated, signatures, await agencyToday(uow.tx));
    });
  }

  /** The active version's steps become the tracked steps; progress on steps that stay is kept, steps dropped are marked removed. */
  private async trackSteps(uow: UnitOfWork, plan: PlanRow) {
    const content = plan.content as PlanContent;
    const ids = content.steps.map((s) => s.id);
    await uow.tx
      .update(planSteps)
      .set({ status: 'removed', updatedAt: new Date() })
      .where(
        and(
          eq(planSteps.caseId, plan.caseId),
          ids.length > 0
            ? sql`${planSteps.stepId} NOT IN (${sql.join(
                ids.map((i) => sql`${i}::uuid`),
                sql`, `,
              )})`
            : sql`true`,
          inArray(planSteps.status, ['planned', 'in_progress']),
        ),
      );
    for (const step of content.steps) {
      await uow.tx
        .insert(planSteps)
        .values({
          caseId: plan.caseId,
          stepId: step.id,
          planId: plan.id,
          what: step.what,
          responsibleKind: step.responsibleKind,
          responsibleStaffId: step.responsibleStaffId,
          dueDate: step.dueDate,
        })
        .onConflictDoUpdate({
          target: [planSteps.caseId, planSteps.stepId],
          set: {
            planId: plan.id,
            what: step.what,
            responsibleKind: step.responsibleKind,
            responsibleStaffId: step.responsibleStaffId,
            dueDate: step.dueDate,
            updatedAt: new Date(),
            status: sql`CASE WHEN ${planSteps.status} = 'removed' THEN 'planned' ELSE ${planSteps.status} END`,
          },
        });
    }
  }

  /** Every version of the case's plan, newest first. */
  async listForCase(ctx: RequestContext, caseId: string) {
    return inTransaction(this.db, ctx, async (uow) => {
      const theCase = await this.cases.visibleCase(uow, caseId, 'plan.read');
      const rows = await uow.tx.select().from(servicePlans).where(eq(servicePlans.caseId, caseId)).orderBy(desc(servicePlans.planVersion));
      uow.audit({ action: 'plan.read', entityType: 'case', entityId: caseId, personId: theCase.personId });
      const on = await agencyToday(uow.tx);
      return Promise.all(rows.map(async (p) => presentPlan(p, await this.signaturesOf(uow, p.id), on)));
    });
  }

  async get(ctx: RequestContext, id: string) {
    return inTransaction(this.db, ctx, async (uow) => {
      const { row, theCase } = await this.visiblePlan(uow, id, 'plan.read');
      uow.audit({ action: 'plan.read', entityType: 'plan', entityId: id, personId: theCase.personId });
      return presentPlan(row, await this.signaturesOf(uow, id), await agencyToday(uow.tx));
    });
  }

  /** The readable diff between this version and the one before it. */
  async changesFromPrevious(ctx: RequestContext, id: string) {
    return inTransaction(this.db, ctx, async (uow) => {
      const { row, theCase } = await this.visiblePlan(uow, id, 'plan.read');
      const [previous] = row.previousId ? await uow.tx.select().from(servicePlans).where(eq(servicePlans.id, row.previousId)) : [];
      uow.audit({ action: 'plan.read', entityType: 'plan', entityId: id, personId: theCase.personId, details: { diff: true } });
      return {
        planId: row.id,
        planVersion: row.planVersion,
        previousId: previous?.id ?? null,
        previousVersion: previous?.planVersion ?? null,
        changeReason: row.changeReason,
        changes: planChanges(previous ? (previous.content as PlanContent) : null, row.content as PlanContent),
      };
    });
  }

  /** The case's tracked steps (the execution part), in due order. */
  async stepsForCase(ctx: RequestContext, caseId: string) {
    return inTransaction(this.db, ctx, async (uow) => {
      const theCase = await this.cases.visibleCase(uow, caseId, 'plan.read');
      const rows = await uow.tx
        .select()
        .from(planSteps)
        .where(eq(planSteps.caseId, caseId))
        .orderBy(sql`${planSteps.dueDate} NULLS LAST`, asc(planSteps.what));
      uow.audit({ action: 'plan.steps.read', entityType: 'case', entityId: caseId, personId: theCase.personId });
      const on = await agencyToday(uow.tx);
      return rows.map((s) => presentStep(s, on));
    });
  }

  /** Progress on a step of the active plan; completing it records its result. Not a change of the plan. */
  async updateStep(ctx: RequestContext, caseId: string, stepId: string, input: z.infer<typeof updateStepBody>) {
    return inTransaction(this.db, ctx, async (uow) => {
      const theCase = await this.cases.openCaseForWork(uow, caseId, 'plan.step', true);
      const [step] = await uow.tx
        .select()
        .from(planSteps)
        .where(and(eq(planSteps.caseId, caseId), eq(planSteps.stepId, stepId)))
        .for('update');
      if (!step || step.status === 'removed') throw notFound('The step');
      if (step.version !== input.version) throw versionConflict('The step');
      const finished = input.status === 'done' || input.status === 'cancelled';
      const [updated] = await uow.tx
        .update(planSteps)
        .set({
          status: input.status,
          result: input.result,
          completedAt: finished ? new Date() : null,
          completedBy: finished ? uow.actor.id : null,
          version: sql`${planSteps.version} + 1`,
          updatedAt: new Date(),
        })
        .where(and(eq(planSteps.caseId, caseId), eq(planSteps.stepId, stepId)))
        .returning();
      uow.audit({
        action: 'plan.step',
        entityType: 'plan_step',
        entityId: stepId,
        personId: theCase.personId,
        details: { status: input.status },
      });
      return presentStep(updated!, await agencyToday(uow.tx));
    });
  }

  /** For the printable plan: the version, its signatures, the person, the worker, needs and step progress. */
  async forPrint(ctx: RequestContext, id: string) {
    return inTransaction(this.db, ctx, async (uow) => {
      const { row, theCase } = await this.visiblePlan(uow, id, 'plan.print');
      const [person] = await uow.tx.select().from(persons).where(eq(persons.id, theCase.personId));
      const [worker] = await uow.tx.select({ name: staff.displayName }).from(staff).where(eq(staff.id, theCase.responsibleStaffId));
      const [a] = await uow.tx.select({ name: agency.name }).from(agency).where(eq(agency.id, 1));
      const needRows = await uow.tx.select().from(needs).where(eq(needs.caseId, theCase.id)).orderBy(asc(needs.identifiedOn));
      const steps = await uow.tx.select().from(planSteps).where(eq(planSteps.caseId, theCase.id));
      const [previous] = row.previousId ? await uow.tx.select().from(servicePlans).where(eq(servicePlans.id, row.previousId)) : [];
      uow.audit({ action: 'plan.print', entityType: 'plan', entityId: id, personId: theCase.personId });
      return {
        plan: row,
        previous: previous ?? null,
        signatures: await this.signaturesOf(uow, id),
        person: person!,
        workerName: worker?.name ?? '',
        agencyName: a!.name,
        caseNumber: theCase.caseNumber,
        needs: needRows,
        steps,
      };
    });
  }

  /** Steps due by `on` on cases the worker is responsible for, or that name them as responsible. */
  static dueStepsCondition(staffId: string, on: string) {
    return and(
      lte(planSteps.dueDate, on),
      inArray(planSteps.status, ['planned', 'in_progress']),
      sql`(${planSteps.responsibleStaffId} = ${staffId} OR EXISTS (SELECT 1 FROM cases c WHERE c.id = ${planSteps.caseId} AND c.responsible_staff_id = ${staffId} AND c.stage <> 'closed'))`,
    );
  }
}
