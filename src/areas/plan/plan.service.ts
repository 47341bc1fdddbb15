import { and, eq, inArray } from 'drizzle-orm';
import type { z } from 'zod';
import type { AuditAction } from '../../core/audit.contract.ts';
import type { RequestContext } from '../../core/context.ts';
import type { Database } from '../../core/db/pool.ts';
import type { Door } from '../../core/door.ts';
import { DomainError, invalidField, versionConflict } from '../../core/errors.ts';
import { inTransaction, type UnitOfWork } from '../../core/unit-of-work.ts';
import { guardianRequired, signatureEvidenceProblem } from '../agreement/agreement.rules.ts';
import { knownNeedIds, needsOfCase } from '../assessment/assessment.store.ts';
import { advanceCase, openCaseForWork } from '../case/case.service.ts';
import { type CaseRow, caseInReach } from '../case/case.store.ts';
import { agencySettings, agencyToday } from '../organisation/agency-settings.ts';
import { isPersonInReach, personInReach } from '../person/person.store.ts';
import { directoryServices } from '../service-directory/service-directory.schema.ts';
import { staff } from '../staff/staff.schema.ts';
import type { createPlanBody, PlanContent, signPlanBody, updatePlanBody, updateStepBody } from './plan.contract.ts';
import { checkPlanForAgreement, missingSigners } from './plan.rules.ts';
import {
  deletePlan,
  deleteSignatures,
  insertPlan,
  insertSignature,
  lastPlanVersion,
  type PlanRow,
  type PlanStatus,
  planInReach,
  plansOfCase,
  plansOfCaseIn,
  previousVersionOf,
  type SignatureRow,
  type StepRow,
  signaturesOf,
  signaturesOfPlans,
  stepForProgress,
  stepsOfCase,
  supersedePlan,
  trackSteps,
  updatePlan,
  updateStepProgress,
} from './plan.store.ts';
import { diffPlans } from './plan-diff.rules.ts';

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
  const settled = p.status === 'active' || p.status === 'superseded';
  return {
    id: p.id,
    caseId: p.caseId,
    planVersion: p.planVersion,
    status: p.status as PlanStatus,
    previousId: p.previousId,
    changeReason: p.changeReason,
    content,
    guardianRequired: p.guardianRequired,
    missingSignatures: settled
      ? []
      : missingSigners(
          p.guardianRequired,
          signatures.map((s) => s.signer),
        ),
    signatures: signatures.map((s) => ({
      signer: s.signer,
      method: s.method,
      witnessName: s.witnessName,
      signedAt: s.signedAt.toISOString(),
      hasImage: !!s.signatureImage,
    })),
    smartProblems: settled ? [] : checkPlanForAgreement(content, { today: on }).goals,
    activatedAt: p.activatedAt?.toISOString() ?? null,
    createdBy: p.createdBy,
    version: p.version,
  };
}

function emptyContent(from: string): PlanContent {
  const plusDays = (days: number) => new Date(Date.parse(`${from}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
  return {
    periodFrom: from,
    periodTo: plusDays(365),
    reviewDate: plusDays(182),
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

/** Whether a guardian must co-sign for the person (minor or without full legal capacity), and who. */
async function guardianFor(uow: UnitOfWork, theCase: CaseRow) {
  const person = await personInReach(uow.door, theCase.personId, 'plan.guardian');
  const settings = await agencySettings(uow.tx);
  const required = guardianRequired({
    birthDate: person.birthDate,
    legalCapacity: person.legalCapacity,
    today: new Date(),
    guardianRequiredUnderAge: settings.guardianRequiredUnderAge,
  });
  return { required, personId: required ? person.guardianPersonId : null };
}

/** The plan for a change: within reach, locked with its case, the case open, at the version the client saw and in one of `statuses`. */
async function planToChange(
  door: Door,
  id: string,
  action: AuditAction,
  version: number,
  statuses: readonly PlanStatus[],
  refusal: (status: string) => string,
) {
  const { plan, theCase } = await planInReach(door, id, action, { lock: true });
  if (theCase.stage === 'closed') throw new DomainError('transition_not_allowed', 'The case is closed; reopen it first');
  if (plan.version !== version) throw versionConflict('The plan');
  if (!statuses.includes(plan.status as PlanStatus)) throw new DomainError('transition_not_allowed', refusal(plan.status));
  return { plan, theCase };
}

/** Goals and services may name only needs of this case; steps only active staff; services only the agency's directory services. */
async function assertReferences(uow: UnitOfWork, caseId: string, content: PlanContent) {
  const chosen = [...new Set(content.services.map((s) => s.directoryServiceId).filter((id): id is string => !!id))];
  if (chosen.length > 0) {
    const found = await uow.tx.select({ id: directoryServices.id }).from(directoryServices).where(inArray(directoryServices.id, chosen));
    const known = new Set(found.map((r) => r.id));
    const index = content.services.findIndex((s) => s.directoryServiceId && !known.has(s.directoryServiceId));
    if (index >= 0) throw invalidField(`content.services.${index}.directoryServiceId`, 'not_found', 'No such service in the directory');
  }
  const staffIds = [...new Set(content.steps.map((s) => s.responsibleStaffId).filter((id): id is string => !!id))];
  if (staffIds.length > 0) {
    const found = await uow.tx
      .select({ id: staff.id })
      .from(staff)
      .where(and(inArray(staff.id, staffIds), eq(staff.status, 'active')));
    const active = new Set(found.map((r) => r.id));
    const stepIndex = content.steps.findIndex((s) => s.responsibleStaffId && !active.has(s.responsibleStaffId));
    if (stepIndex >= 0) throw invalidField(`content.steps.${stepIndex}.responsibleStaffId`, 'not_found', 'No such active staff member');
  }
  const named = [
    ...new Set([...content.goals.map((g) => g.needId), ...content.services.map((s) => s.needId)].filter((n): n is string => !!n)),
  ];
  if (named.length === 0) return;
  const known = await knownNeedIds(uow.door, caseId, named);
  const goalIndex = content.goals.findIndex((g) => g.needId && !known.has(g.needId));
  if (goalIndex >= 0) throw invalidField(`content.goals.${goalIndex}.needId`, 'not_found', 'No such need on this case');
  const serviceIndex = content.services.findIndex((s) => s.needId && !known.has(s.needId));
  if (serviceIndex >= 0) throw invalidField(`content.services.${serviceIndex}.needId`, 'not_found', 'No such need on this case');
}

/**
 * Service plans (seeds 000, 001, 002 §3, 004): versions of one document per case. A draft is
 * edited, then put to the person; it becomes active only when the person (and a guardian where
 * required) has signed. A change to an active plan is a new version with a reason, signed again;
 * every version is kept. The active version's steps are tracked in plan_steps.
 */
export class PlanService {
  constructor(private readonly db: Database) {}

  /** Starts a draft: the first plan, or a change to the active one (a new version, with a reason). */
  async create(ctx: RequestContext, caseId: string, input: z.infer<typeof createPlanBody>) {
    return inTransaction(this.db, ctx, async (uow) => {
      const theCase = await openCaseForWork(uow.door, caseId, 'plan.create', { lock: true });
      const current = await plansOfCaseIn(uow.door, theCase, ['draft', 'awaiting_signature', 'active'], 'plan.create');
      if (current.some((p) => p.status !== 'active'))
        throw new DomainError('already_exists', 'This case already has a plan being prepared; change that one');
      const active = current.find((p) => p.status === 'active');
      if (active && input.changeReason.length < 3) throw invalidField('changeReason', 'required', 'Say why the plan changes');
      const today = await agencyToday(uow.tx);
      const content = input.content ?? (active ? (active.content as PlanContent) : emptyContent(today));
      await assertReferences(uow, caseId, content);
      const planVersion = (await lastPlanVersion(uow.door, caseId)) + 1;
      const guardian = await guardianFor(uow, theCase);
      const row = await insertPlan(uow.door, {
        caseId,
        planVersion,
        previousId: active?.id ?? null,
        changeReason: active ? input.changeReason : '',
        content,
        guardianRequired: guardian.required,
        guardianPersonId: guardian.personId,
      });
      uow.audit({
        action: 'plan.create',
        entityType: 'plan',
        entityId: row.id,
        personId: theCase.personId,
        details: { planVersion, previousId: active?.id ?? null },
      });
      if (!active) await advanceCase(uow, theCase, 'planning', 'The first service plan was started');
      return presentPlan(row, [], today);
    });
  }

  async update(ctx: RequestContext, id: string, input: z.infer<typeof updatePlanBody>) {
    return inTransaction(this.db, ctx, async (uow) => {
      const { plan, theCase } = await planToChange(uow.door, id, 'plan.update', input.version, ['draft'], (status) =>
        status === 'awaiting_signature'
          ? 'The plan is with the person for signing; take it back to change it'
          : 'This version is settled; start a new version to change the plan',
      );
      if (input.content) await assertReferences(uow, plan.caseId, input.content);
      if (plan.previousId && input.changeReason !== undefined && input.changeReason.length < 3)
        throw invalidField('changeReason', 'required', 'Say why the plan changes');
      const updated = await updatePlan(uow.door, id, {
        ...(input.content ? { content: input.content } : {}),
        ...(input.changeReason !== undefined ? { changeReason: input.changeReason } : {}),
      });
      uow.audit({ action: 'plan.update', entityType: 'plan', entityId: id, personId: theCase.personId });
      return presentPlan(updated, [], await agencyToday(uow.tx));
    });
  }

  /** Puts the draft to the person for agreement and signature – only once every goal is SMART and the plan is sound. */
  async submit(ctx: RequestContext, id: string, version: number) {
    return inTransaction(this.db, ctx, async (uow) => {
      const { plan, theCase } = await planToChange(
        uow.door,
        id,
        'plan.submit',
        version,
        ['draft'],
        () => 'Only a draft is put to the person',
      );
      const content = plan.content as PlanContent;
      const readiness = checkPlanForAgreement(content, { today: await agencyToday(uow.tx) });
      if (!readiness.ready) {
        throw new DomainError('validation_failed', 'The plan is not ready to put before the person', [
          ...readiness.problems.map((p) => ({ field: p.path, code: p.code, message: p.message })),
          ...readiness.goals
            .filter((p) => p.severity === 'error')
            .map((p) => ({
              field: `content.goals.${content.goals.findIndex((g) => g.id === p.goalId)}.${p.field}`,
              code: p.code,
              message: p.message,
            })),
        ]);
      }
      // Who must sign is settled now, from the person as recorded today (a guardian may have been added since the draft began).
      const guardian = await guardianFor(uow, theCase);
      if (guardian.required && !guardian.personId)
        throw invalidField(
          'guardianPersonId',
          'required',
          'This person needs a guardian to co-sign; record the guardian on the person first',
        );
      const updated = await updatePlan(uow.door, id, {
        status: 'awaiting_signature',
        guardianRequired: guardian.required,
        guardianPersonId: guardian.personId,
      });
      uow.audit({ action: 'plan.submit', entityType: 'plan', entityId: id, personId: theCase.personId });
      return presentPlan(updated, [], await agencyToday(uow.tx));
    });
  }

  /** Takes a plan back from signing to change it (the person asked for changes); signatures given so far lapse. */
  async reopen(ctx: RequestContext, id: string, version: number) {
    return inTransaction(this.db, ctx, async (uow) => {
      const { theCase } = await planToChange(
        uow.door,
        id,
        'plan.reopen',
        version,
        ['awaiting_signature'],
        () => 'Only a plan awaiting signature is taken back',
      );
      await deleteSignatures(uow.door, id);
      const updated = await updatePlan(uow.door, id, { status: 'draft' });
      uow.audit({ action: 'plan.reopen', entityType: 'plan', entityId: id, personId: theCase.personId });
      return presentPlan(updated, [], await agencyToday(uow.tx));
    });
  }

  /** Discards a plan that never came into force (a draft, or one still being signed), with its signatures so far. */
  async discard(ctx: RequestContext, id: string, version: number) {
    return inTransaction(this.db, ctx, async (uow) => {
      const { plan, theCase } = await planToChange(
        uow.door,
        id,
        'plan.discard',
        version,
        ['draft', 'awaiting_signature'],
        () => 'A plan that came into force is kept; change it with a new version',
      );
      await deletePlan(uow.door, id);
      uow.audit({
        action: 'plan.discard',
        entityType: 'plan',
        entityId: id,
        personId: theCase.personId,
        details: { planVersion: plan.planVersion },
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
      const { plan, theCase } = await planToChange(uow.door, id, 'plan.sign', input.version, ['awaiting_signature'], (status) =>
        status === 'draft' ? 'Put the plan to the person before it is signed' : 'This version is already settled',
      );
      if (input.signer === 'guardian' && !plan.guardianRequired)
        throw invalidField('signer', 'not_required', 'No guardian signs this plan');
      const evidence = signatureEvidenceProblem({ method: input.method, hasImage: !!input.signatureImage, witnessName: input.witnessName });
      if (evidence === 'image_required') throw invalidField('signatureImage', evidence, 'A drawn or scanned signature needs its image');
      if (evidence === 'witness_required') throw invalidField('witnessName', evidence, 'A paper signature needs a witness');
      const inserted = await insertSignature(uow.door, {
        planId: id,
        signer: input.signer,
        method: input.method,
        signatureImage: input.signatureImage,
        witnessName: input.witnessName,
      });
      if (!inserted) throw new DomainError('already_exists', 'This signer has already signed');
      const signatures = await signaturesOf(uow.door, id);
      const complete =
        missingSigners(
          plan.guardianRequired,
          signatures.map((s) => s.signer),
        ).length === 0;
      let updated: PlanRow;
      if (complete) {
        if (plan.previousId) await supersedePlan(uow.door, plan.previousId);
        updated = await updatePlan(uow.door, id, { status: 'active', activatedAt: new Date() });
        await trackSteps(uow.door, updated);
      } else {
        updated = await updatePlan(uow.door, id, {});
      }
      uow.audit({
        action: 'plan.sign',
        entityType: 'plan',
        entityId: id,
        personId: theCase.personId,
        details: { signer: input.signer, method: input.method, activated: complete },
      });
      if (complete && !plan.previousId) await advanceCase(uow, theCase, 'implementation', 'The first service plan was signed');
      return presentPlan(updated, signatures, await agencyToday(uow.tx));
    });
  }

  /** Every version of the case's plan, newest first. */
  async listForCase(ctx: RequestContext, caseId: string) {
    return inTransaction(this.db, ctx, async (uow) => {
      const theCase = await caseInReach(uow.door, caseId, 'plan.read');
      const rows = await plansOfCase(uow.door, theCase, 'plan.read');
      const signatures = await signaturesOfPlans(
        uow.door,
        rows.map((p) => p.id),
      );
      const on = await agencyToday(uow.tx);
      return rows.map((p) => presentPlan(p, signatures.get(p.id) ?? [], on));
    });
  }

  async get(ctx: RequestContext, id: string) {
    return inTransaction(this.db, ctx, async (uow) => {
      const { plan } = await planInReach(uow.door, id, 'plan.read');
      return presentPlan(plan, await signaturesOf(uow.door, id), await agencyToday(uow.tx));
    });
  }

  /** The readable diff between this version and the one before it. */
  async changesFromPrevious(ctx: RequestContext, id: string) {
    return inTransaction(this.db, ctx, async (uow) => {
      const { plan } = await planInReach(uow.door, id, 'plan.read');
      const previous = await previousVersionOf(uow.door, plan);
      return {
        planId: plan.id,
        planVersion: plan.planVersion,
        previousId: previous?.id ?? null,
        previousVersion: previous?.planVersion ?? null,
        changeReason: plan.changeReason,
        changes: previous ? diffPlans(previous.content as PlanContent, plan.content as PlanContent) : [],
      };
    });
  }

  /** The case's tracked steps (the execution part), in due order. */
  async stepsForCase(ctx: RequestContext, caseId: string) {
    return inTransaction(this.db, ctx, async (uow) => {
      const theCase = await caseInReach(uow.door, caseId, 'plan.steps.read');
      const rows = await stepsOfCase(uow.door, theCase, 'plan.steps.read');
      const on = await agencyToday(uow.tx);
      return rows.map((s) => presentStep(s, on));
    });
  }

  /** Progress on a step of the active plan; completing it records its result. Not a change of the plan. */
  async updateStep(ctx: RequestContext, caseId: string, stepId: string, input: z.infer<typeof updateStepBody>) {
    return inTransaction(this.db, ctx, async (uow) => {
      const theCase = await openCaseForWork(uow.door, caseId, 'plan.step', { lock: true });
      const step = await stepForProgress(uow.door, caseId, stepId);
      if (!step) throw new DomainError('not_found', 'The step was not found');
      if (step.version !== input.version) throw versionConflict('The step');
      const finished = input.status === 'done' || input.status === 'cancelled';
      const updated = await updateStepProgress(uow.door, caseId, stepId, {
        status: input.status,
        result: input.result,
        completedAt: finished ? new Date() : null,
        completedBy: finished ? uow.actor.id : null,
      });
      uow.audit({
        action: 'plan.step',
        entityType: 'plan_step',
        entityId: stepId,
        personId: theCase.personId,
        details: { status: input.status },
      });
      return presentStep(updated, await agencyToday(uow.tx));
    });
  }

  /** For the printable plan: the version, its signatures, the person, the worker, needs and step progress. */
  async forPrint(ctx: RequestContext, id: string) {
    return inTransaction(this.db, ctx, async (uow) => {
      const { plan, theCase } = await planInReach(uow.door, id, 'plan.print');
      const person = await personInReach(uow.door, theCase.personId, 'plan.print');
      const [worker] = await uow.tx.select({ name: staff.displayName }).from(staff).where(eq(staff.id, theCase.responsibleStaffId));
      const settings = await agencySettings(uow.tx);
      const guardian =
        plan.guardianPersonId && (await isPersonInReach(uow.door, plan.guardianPersonId))
          ? await personInReach(uow.door, plan.guardianPersonId, 'plan.print')
          : null;
      uow.audit({ action: 'plan.print', entityType: 'plan', entityId: id, personId: theCase.personId });
      return {
        plan,
        previous: await previousVersionOf(uow.door, plan),
        signatures: await signaturesOf(uow.door, id),
        person,
        guardianName: guardian ? `${guardian.givenName} ${guardian.familyName}` : null,
        workerName: worker?.name ?? '',
        agencyName: settings.name,
        caseNumber: theCase.caseNumber,
        needs: await needsOfCase(uow.door, theCase, 'plan.print'),
        steps: await stepsOfCase(uow.door, theCase, 'plan.print'),
        timeZone: settings.timeZone,
      };
    });
  }
}
