import { and, asc, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { RequestContext } from '../../core/context.ts';
import type { Database } from '../../core/db/pool.ts';
import { DomainError, invalidField, notFound, versionConflict } from '../../core/errors.ts';
import type { Role } from '../../core/roles.contract.ts';
import { inTransaction, type UnitOfWork } from '../../core/unit-of-work.ts';
import type { CaseService } from '../case/case.service.ts';
import { agency } from '../organisation/organisation.schema.ts';
import { persons } from '../person/person.schema.ts';
import { staff } from '../staff/staff.schema.ts';
import type { createDecisionBody, DecisionItem, updateDecisionBody } from './decision.contract.ts';
import { decisions } from './decision.schema.ts';

type DecisionRow = typeof decisions.$inferSelect;

function present(d: DecisionRow, extra: { supersededById: string | null; decidedByName: string | null }) {
  return {
    id: d.id,
    caseId: d.caseId,
    status: d.status as 'draft' | 'signed',
    supersedesId: d.supersedesId,
    supersededById: extra.supersededById,
    language: d.language,
    appealInstructions: d.appealInstructions,
    items: d.items as DecisionItem[],
    createdBy: d.createdBy,
    decidedBy: d.decidedBy,
    decidedByName: extra.decidedByName,
    decidedAt: d.decidedAt?.toISOString() ?? null,
    version: d.version,
  };
}

/**
 * Formal decisions on requested services (seed 001: biståndsbeslut, vedtak): per service granted,
 * partly granted or refused, with basis, justification, validity and how to appeal. Only roles
 * with decision authority (agency setting) sign; a signed decision never changes – the database
 * refuses it – and a change is a new decision that refers to the one it replaces.
 */
export class DecisionService {
  /** `standardAppealText` gives the agency's standard appeal instructions in a language (from the letter catalogs). */
  constructor(
    private readonly db: Database,
    private readonly cases: CaseService,
    private readonly standardAppealText: (language: string) => string,
  ) {}

  private async details(uow: UnitOfWork, d: DecisionRow) {
    const [next] = await uow.tx
      .select({ id: decisions.id })
      .from(decisions)
      .where(and(eq(decisions.supersedesId, d.id), eq(decisions.status, 'signed')));
    const [who] = d.decidedBy ? await uow.tx.select({ name: staff.displayName }).from(staff).where(eq(staff.id, d.decidedBy)) : [];
    return present(d, { supersededById: next?.id ?? null, decidedByName: who?.name ?? null });
  }

  private async visibleDecision(uow: UnitOfWork, id: string, action: string, lock = false) {
    const query = uow.tx.select().from(decisions).where(eq(decisions.id, id));
    const [row] = lock ? await query.for('update') : await query;
    if (!row) throw notFound('The decision');
    const theCase = lock
      ? await this.cases.openCaseForWork(uow, row.caseId, action)
      : await this.cases.visibleCase(uow, row.caseId, action);
    return { row, theCase };
  }

  /** A signed decision of this case that no other signed decision has replaced yet (locked until commit). */
  private async assertReplaceable(uow: UnitOfWork, caseId: string, earlierId: string) {
    const [earlier] = await uow.tx
      .select()
      .from(decisions)
      .where(and(eq(decisions.id, earlierId), eq(decisions.caseId, caseId)))
      .for('update');
    if (!earlier) throw invalidField('supersedesId', 'not_found', 'No such decision on this case');
    if (earlier.status !== 'signed')
      throw invalidField('supersedesId', 'not_signed', 'Only a signed decision is replaced by a new one; change the draft instead');
    const [successor] = await uow.tx
      .select({ id: decisions.id })
      .from(decisions)
      .where(and(eq(decisions.supersedesId, earlierId), eq(decisions.status, 'signed')));
    if (successor)
      throw new DomainError('already_exists', 'This decision has already been replaced', [
        { field: 'supersedesId', code: 'already_replaced', message: successor.id },
      ]);
  }

  async create(ctx: RequestContext, caseId: string, input: z.infer<typeof createDecisionBody>) {
    return inTransaction(this.db, ctx, async (uow) => {
      const theCase = await this.cases.openCaseForWork(uow, caseId, 'decision.create');
      if (input.supersedesId) await this.assertReplaceable(uow, caseId, input.supersedesId);
      const [person] = await uow.tx.select({ languages: persons.languages }).from(persons).where(eq(persons.id, theCase.personId));
      const language = input.language ?? person!.languages.find(Boolean) ?? 'en';
      const appealInstructions = input.appealInstructions ?? this.standardAppealText(language);
      const [row] = await uow.tx
        .insert(decisions)
        .values({
          caseId,
          items: input.items,
          language,
          appealInstructions,
          supersedesId: input.supersedesId ?? null,
          createdBy: uow.actor.id,
        })
        .returning();
      uow.audit({
        action: 'decision.create',
        entityType: 'decision',
        entityId: row!.id,
        personId: theCase.personId,
        details: { supersedesId: input.supersedesId ?? null },
      });
      return this.details(uow, row!);
    });
  }

  async listForCase(ctx: RequestContext, caseId: string) {
    return inTransaction(this.db, ctx, async (uow) => {
      const theCase = await this.cases.visibleCase(uow, caseId, 'decision.read');
      const rows = await uow.tx.select().from(decisions).where(eq(decisions.caseId, caseId)).orderBy(asc(decisions.createdAt));
      uow.audit({ action: 'decision.read', entityType: 'case', entityId: caseId, personId: theCase.personId });
      return Promise.all(rows.map((d) => this.details(uow, d)));
    });
  }

  async get(ctx: RequestContext, id: string) {
    return inTransaction(this.db, ctx, async (uow) => {
      const { row, theCase } = await this.visibleDecision(uow, id, 'decision.read');
      uow.audit({ action: 'decision.read', entityType: 'decision', entityId: id, personId: theCase.personId });
      return this.details(uow, row);
    });
  }

  async update(ctx: RequestContext, id: string, input: z.infer<typeof updateDecisionBody>) {
    return inTransaction(this.db, ctx, async (uow) => {
      const { row, theCase } = await this.visibleDecision(uow, id, 'decision.update', true);
      if (row.version !== input.version) throw versionConflict('The decision');
      if (row.status === 'signed')
        throw new DomainError('transition_not_allowed', 'A signed decision never changes; make a new decision that refers to it');
      const { version: _v, ...changes } = input;
      const [updated] = await uow.tx
        .update(decisions)
        .set({ ...changes, version: sql`${decisions.version} + 1`, updatedAt: new Date() })
        .where(eq(decisions.id, id))
        .returning();
      uow.audit({
        action: 'decision.update',
        entityType: 'decision',
        entityId: id,
        personId: theCase.personId,
        details: { fields: Object.keys(changes) },
      });
      return this.details(uow, updated!);
    });
  }

  /** Signing makes the decision final. Only roles the agency gave decision authority may sign. */
  async sign(ctx: RequestContext, id: string, version: number) {
    return inTransaction(this.db, ctx, async (uow) => {
      const { row, theCase } = await this.visibleDecision(uow, id, 'decision.sign', true);
      const [settings] = await uow.tx.select({ roles: agency.decisionRoles }).from(agency).where(eq(agency.id, 1));
      if (!uow.actor.roles.some((r) => (settings!.roles as Role[]).includes(r))) {
        uow.auditDenied({ action: 'decision.sign', entityType: 'decision', entityId: id, personId: theCase.personId });
        throw new DomainError('permission_denied', 'Your role has no authority to decide on services here');
      }
      if (row.version !== version) throw versionConflict('The decision');
      if (row.status === 'signed') throw new DomainError('transition_not_allowed', 'The decision is already signed');
      if (row.supersedesId) await this.assertReplaceable(uow, row.caseId, row.supersedesId);
      const [updated] = await uow.tx
        .update(decisions)
        .set({
          status: 'signed',
          decidedBy: uow.actor.id,
          decidedAt: new Date(),
          version: sql`${decisions.version} + 1`,
          updatedAt: new Date(),
        })
        .where(eq(decisions.id, id))
        .returning();
      uow.audit({
        action: 'decision.sign',
        entityType: 'decision',
        entityId: id,
        personId: theCase.personId,
        details: { supersedesId: row.supersedesId },
      });
      return this.details(uow, updated!);
    });
  }

  /** For the printable decision letter: the decision, the person, the agency, and who decided. */
  async forLetter(ctx: RequestContext, id: string) {
    return inTransaction(this.db, ctx, async (uow) => {
      const { row, theCase } = await this.visibleDecision(uow, id, 'decision.print');
      const [person] = await uow.tx.select().from(persons).where(eq(persons.id, theCase.personId));
      const [a] = await uow.tx.select({ name: agency.name }).from(agency).where(eq(agency.id, 1));
      const [earlier] = row.supersedesId
        ? await uow.tx.select({ decidedAt: decisions.decidedAt }).from(decisions).where(eq(decisions.id, row.supersedesId))
        : [];
      uow.audit({ action: 'decision.print', entityType: 'decision', entityId: id, personId: theCase.personId });
      return {
        decision: await this.details(uow, row),
        person: person!,
        agencyName: a!.name,
        caseNumber: theCase.caseNumber,
        supersedesDecidedAt: earlier?.decidedAt ?? null,
      };
    });
  }
}
