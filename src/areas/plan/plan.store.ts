/** Service plans' part of the door (src/core/door.ts): a plan is reached through its case, within the actor's scope. */
import { and, asc, desc, eq, inArray, lte, notInArray, sql } from 'drizzle-orm';
import type { AuditAction } from '../../core/audit.contract.ts';
import type { Door } from '../../core/door.ts';
import { cases } from '../case/case.schema.ts';
import type { CaseRow } from '../case/case.store.ts';
import type { PlanContent } from './plan.contract.ts';
import { planSignatures, planSteps, servicePlans } from './plan.schema.ts';

export type PlanRow = typeof servicePlans.$inferSelect;
export type PlanValues = typeof servicePlans.$inferInsert;
export type SignatureRow = typeof planSignatures.$inferSelect;
export type StepRow = typeof planSteps.$inferSelect;
export type PlanStatus = 'draft' | 'awaiting_signature' | 'active' | 'superseded';

/** A plan and its case, both within the actor's reach, in one statement; or the uniform 404. `lock` locks both. */
export async function planInReach(door: Door, id: string, action: AuditAction, options: { lock?: boolean } = {}) {
  const query = door.tx
    .select({ plan: servicePlans, theCase: cases })
    .from(servicePlans)
    .innerJoin(cases, eq(cases.id, servicePlans.caseId))
    .where(and(eq(servicePlans.id, id), door.caseInReach(sql`${cases}`)));
  return door.one({
    what: 'The plan',
    action,
    entityType: 'plan',
    entityId: id,
    rows: options.lock ? query.for('update') : query,
    personOf: ({ theCase }) => theCase.personId,
    whose: async () =>
      (
        await door.tx
          .select({ personId: cases.personId })
          .from(servicePlans)
          .innerJoin(cases, eq(cases.id, servicePlans.caseId))
          .where(eq(servicePlans.id, id))
      )[0]?.personId,
  });
}

/** Every version of the case's plan, newest first (for a case already found within reach). */
export function plansOfCase(door: Door, theCase: CaseRow, action: AuditAction): Promise<PlanRow[]> {
  return door.many({
    action,
    entityType: 'case',
    entityId: theCase.id,
    rows: door.tx.select().from(servicePlans).where(eq(servicePlans.caseId, theCase.id)).orderBy(desc(servicePlans.planVersion)),
    personOf: () => theCase.personId,
  });
}

/** The case's versions in the given statuses (for a case already found within reach). */
export function plansOfCaseIn(door: Door, theCase: CaseRow, statuses: readonly PlanStatus[], action: AuditAction): Promise<PlanRow[]> {
  return door.many({
    action,
    entityType: 'case',
    entityId: theCase.id,
    rows: door.tx
      .select()
      .from(servicePlans)
      .where(and(eq(servicePlans.caseId, theCase.id), inArray(servicePlans.status, [...statuses]))),
    personOf: () => theCase.personId,
  });
}

/** The version this one replaces (same case, so within reach when this one is). */
export async function previousVersionOf(door: Door, plan: PlanRow): Promise<PlanRow | null> {
  if (!plan.previousId) return null;
  const [row] = await door.tx
    .select()
    .from(servicePlans)
    .where(and(eq(servicePlans.id, plan.previousId), eq(servicePlans.caseId, plan.caseId)));
  return row ?? null;
}

export async function lastPlanVersion(door: Door, caseId: string): Promise<number> {
  const [row] = await door.tx
    .select({ last: sql<number>`coalesce(max(${servicePlans.planVersion}), 0)::int` })
    .from(servicePlans)
    .where(eq(servicePlans.caseId, caseId));
  return row?.last ?? 0;
}

export async function insertPlan(door: Door, values: Omit<PlanValues, 'createdBy'>): Promise<PlanRow> {
  const [row] = await door.tx
    .insert(servicePlans)
    .values({ ...values, createdBy: door.actor.id })
    .returning();
  return row!;
}

export async function updatePlan(door: Door, id: string, values: Partial<PlanValues>): Promise<PlanRow> {
  const [row] = await door.tx
    .update(servicePlans)
    .set({ ...values, version: sql`${servicePlans.version} + 1`, updatedAt: new Date() })
    .where(eq(servicePlans.id, id))
    .returning();
  return row!;
}

/** The active version gives way to the one just signed. */
export async function supersedePlan(door: Door, id: string): Promise<void> {
  await door.tx
    .update(servicePlans)
    .set({ status: 'superseded', updatedAt: new Date() })
    .where(and(eq(servicePlans.id, id), eq(servicePlans.status, 'active')));
}

/** A version that never came into force goes, with the signatures given so far. */
export async function deletePlan(door: Door, id: string): Promise<void> {
  await deleteSignatures(door, id);
  await door.tx.delete(servicePlans).where(eq(servicePlans.id, id));
}

export function signaturesOf(door: Door, planId: string): Promise<SignatureRow[]> {
  return door.tx.select().from(planSignatures).where(eq(planSignatures.planId, planId)).orderBy(asc(planSignatures.signedAt));
}

/** Signatures of several versions at once, by plan id. */
export async function signaturesOfPlans(door: Door, planIds: readonly string[]): Promise<Map<string, SignatureRow[]>> {
  const rows =
    planIds.length === 0
      ? []
      : await door.tx
          .select()
          .from(planSignatures)
          .where(inArray(planSignatures.planId, [...planIds]))
          .orderBy(asc(planSignatures.signedAt));
  const byPlan = new Map<string, SignatureRow[]>(planIds.map((id) => [id, []]));
  for (const row of rows) byPlan.get(row.planId)?.push(row);
  return byPlan;
}

/** Records a signature; null when this signer had already signed. */
export async function insertSignature(
  door: Door,
  values: Omit<typeof planSignatures.$inferInsert, 'recordedBy'>,
): Promise<SignatureRow | null> {
  const [row] = await door.tx
    .insert(planSignatures)
    .values({ ...values, recordedBy: door.actor.id })
    .onConflictDoNothing()
    .returning();
  return row ?? null;
}

export async function deleteSignatures(door: Door, planId: string): Promise<void> {
  await door.tx.delete(planSignatures).where(eq(planSignatures.planId, planId));
}

/** The active version's steps become the tracked steps; progress on steps that stay is kept, steps dropped are marked removed. */
export async function trackSteps(door: Door, plan: PlanRow): Promise<void> {
  const content = plan.content as PlanContent;
  const ids = content.steps.map((s) => s.id);
  await door.tx
    .update(planSteps)
    .set({ status: 'removed', updatedAt: new Date() })
    .where(
      and(
        eq(planSteps.caseId, plan.caseId),
        ids.length > 0 ? notInArray(planSteps.stepId, ids) : undefined,
        inArray(planSteps.status, ['planned', 'in_progress']),
      ),
    );
  for (const step of content.steps) {
    const agreed = {
      planId: plan.id,
      what: step.what,
      responsibleKind: step.responsibleKind,
      responsibleStaffId: step.responsibleStaffId,
      dueDate: step.dueDate,
    };
    await door.tx
      .insert(planSteps)
      .values({ caseId: plan.caseId, stepId: step.id, ...agreed })
      .onConflictDoUpdate({
        target: [planSteps.caseId, planSteps.stepId],
        set: {
          ...agreed,
          updatedAt: new Date(),
          status: sql`CASE WHEN ${planSteps.status} = 'removed' THEN 'planned' ELSE ${planSteps.status} END`,
        },
      });
  }
}

/** The case's tracked steps in due order (for a case already found within reach). */
export function stepsOfCase(door: Door, theCase: CaseRow, action: AuditAction): Promise<StepRow[]> {
  return door.many({
    action,
    entityType: 'case',
    entityId: theCase.id,
    rows: door.tx
      .select()
      .from(planSteps)
      .where(eq(planSteps.caseId, theCase.id))
      .orderBy(sql`${planSteps.dueDate} NULLS LAST`, asc(planSteps.what)),
    personOf: () => theCase.personId,
  });
}

/** A tracked step of a case already found within reach, locked for recording progress; removed steps are gone. */
export async function stepForProgress(door: Door, caseId: string, stepId: string): Promise<StepRow | null> {
  const [row] = await door.tx
    .select()
    .from(planSteps)
    .where(and(eq(planSteps.caseId, caseId), eq(planSteps.stepId, stepId), sql`${planSteps.status} <> 'removed'`))
    .for('update');
  return row ?? null;
}

export async function updateStepProgress(
  door: Door,
  caseId: string,
  stepId: string,
  progress: Pick<StepRow, 'status' | 'result' | 'completedAt' | 'completedBy'>,
): Promise<StepRow> {
  const [row] = await door.tx
    .update(planSteps)
    .set({ ...progress, version: sql`${planSteps.version} + 1`, updatedAt: new Date() })
    .where(and(eq(planSteps.caseId, caseId), eq(planSteps.stepId, stepId)))
    .returning();
  return row!;
}

/**
 * Steps due by `on` within reach: on open cases the actor is responsible for, or that name the
 * actor as responsible for the step. For the "today" view; one event names every person shown.
 */
export function dueStepsOf(door: Door, on: string) {
  return door.many({
    action: 'plan.step.list',
    entityType: 'plan_step',
    rows: door.tx
      .select({ step: planSteps, caseNumber: cases.caseNumber, personId: cases.personId })
      .from(planSteps)
      .innerJoin(cases, eq(cases.id, planSteps.caseId))
      .where(
        and(
          lte(planSteps.dueDate, on),
          inArray(planSteps.status, ['planned', 'in_progress']),
          sql`${cases.stage} <> 'closed'`,
          sql`(${planSteps.responsibleStaffId} = ${door.actor.id} OR ${cases.responsibleStaffId} = ${door.actor.id})`,
          door.caseInReach(sql`${cases}`),
        ),
      )
      .orderBy(asc(planSteps.dueDate))
      .limit(100),
    personOf: (r) => r.personId,
  });
}

/** Active plans of the actor's open cases whose review falls within the reminder window. */
export function plansDueForReview(door: Door, on: string, reminderDays: number) {
  return door.many({
    action: 'plan.list',
    entityType: 'plan',
    rows: door.tx
      .select({
        planId: servicePlans.id,
        caseId: cases.id,
        caseNumber: cases.caseNumber,
        personId: cases.personId,
        reviewDate: sql<string>`${servicePlans.content}->>'reviewDate'`,
      })
      .from(servicePlans)
      .innerJoin(cases, eq(cases.id, servicePlans.caseId))
      .where(
        and(
          eq(servicePlans.status, 'active'),
          eq(cases.responsibleStaffId, door.actor.id),
          sql`${cases.stage} <> 'closed'`,
          sql`(${servicePlans.content}->>'reviewDate')::date <= ${on}::date + ${reminderDays}::int`,
          door.caseInReach(sql`${cases}`),
        ),
      )
      .orderBy(sql`${servicePlans.content}->>'reviewDate'`)
      .limit(100),
    personOf: (r) => r.personId,
  });
}

/** Which of `ids` are goals (or steps) of some version of this case's plan: for references from the journal, nothing of the plan is read. */
export async function knownPlanItemIds(door: Door, caseId: string, items: 'goals' | 'steps', ids: readonly string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await door.tx.execute<{ id: string }>(
    sql`SELECT DISTINCT item->>'id' AS id FROM service_plans p, jsonb_array_elements(p.content->${items}) item
        WHERE p.case_id = ${caseId} AND item->>'id' = ANY(${sql.param([...ids])}::text[])`,
  );
  return new Set(rows.rows.map((r) => r.id));
}
