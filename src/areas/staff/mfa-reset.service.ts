import { and, desc, eq, isNull, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { RequestContext } from '../../core/context.ts';
import type { Database } from '../../core/db/pool.ts';
import { DomainError, notFound } from '../../core/errors.ts';
import { inTransaction, type UnitOfWork } from '../../core/unit-of-work.ts';
import { endAllSessionsOf } from '../auth/auth.store.ts';
import { noticeStaff, noticeStaffWithRoles } from '../work/work.store.ts';
import { MFA_RESET_REQUEST_HOURS, type MfaResetRefusal, mfaResetDecisionRefusal, mfaResetStatus } from './mfa-reset.rules.ts';
import type { MfaResetRequest } from './staff.contract.ts';
import { mfaResetRequests, staff } from './staff.schema.ts';

const refusals: Record<MfaResetRefusal, () => DomainError> = {
  not_pending: () => new DomainError('transition_not_allowed', 'This request has already been decided'),
  expired: () => new DomainError('transition_not_allowed', 'This request has expired; make a new one if the reset is still needed'),
  own_request: () => new DomainError('forbidden', 'A second person must approve a reset you requested'),
  own_account: () => new DomainError('forbidden', 'You cannot decide about your own second factor'),
};

/** Who may request and approve: the roles holding `staff.mfa_reset` (src/core/access-policy.ts). */
const APPROVER_ROLES = ['administrator', 'agency_head'] as const;

/**
 * Second-factor resets by two people: one requests with a reason, another approves; only then is
 * the factor removed, every session of the account ends and the staff member is alerted. Both
 * steps are audited; requests expire after MFA_RESET_REQUEST_HOURS.
 */
export class MfaResetService {
  constructor(private readonly db: Database) {}

  async request(ctx: RequestContext, staffId: string, reason: string): Promise<MfaResetRequest> {
    return inTransaction(this.db, ctx, async (uow) => {
      if (staffId === uow.actor.id) {
        throw new DomainError('forbidden', 'Set up your own two-step verification again in your account settings');
      }
      // The lock makes a second request for the same account wait and then see this one.
      const [target] = await uow.tx
        .select({ id: staff.id, totpSecret: staff.totpSecret })
        .from(staff)
        .where(eq(staff.id, staffId))
        .for('update');
      if (!target) throw notFound('The staff member');
      if (target.totpSecret === null) {
        throw new DomainError('transition_not_allowed', 'This staff member has no second factor to reset');
      }
      const [open] = await uow.tx
        .select({ id: mfaResetRequests.id })
        .from(mfaResetRequests)
        .where(and(eq(mfaResetRequests.staffId, staffId), isNull(mfaResetRequests.outcome), sql`${mfaResetRequests.expiresAt} > now()`));
      if (open) throw new DomainError('already_exists', 'A reset of this second factor is already waiting for approval');
      const [row] = await uow.tx
        .insert(mfaResetRequests)
        .values({
          staffId,
          requestedBy: uow.actor.id,
          reason,
          expiresAt: new Date(Date.now() + MFA_RESET_REQUEST_HOURS * 3600_000),
        })
        .returning({ id: mfaResetRequests.id });
      // Everyone else who may approve hears of it at once.
      await noticeStaffWithRoles(uow.tx, 'mfa_reset_requested', APPROVER_ROLES, [uow.actor.id, staffId]);
      uow.audit({ action: 'staff.mfa_reset_requested', entityType: 'staff', entityId: staffId, details: { requestId: row!.id } });
      return this.load(uow, row!.id);
    });
  }

  /** The requests still waiting for a decision, newest first. */
  async listPending(ctx: RequestContext): Promise<{ items: MfaResetRequest[] }> {
    return inTransaction(this.db, ctx, async (uow) => ({
      items: await this.select(uow, and(isNull(mfaResetRequests.outcome), sql`${mfaResetRequests.expiresAt} > now()`), 100),
    }));
  }

  async approve(ctx: RequestContext, id: string): Promise<MfaResetRequest> {
    return this.decide(ctx, id, 'approve');
  }

  async decline(ctx: RequestContext, id: string): Promise<MfaResetRequest> {
    return this.decide(ctx, id, 'decline');
  }

  private async decide(ctx: RequestContext, id: string, decision: 'approve' | 'decline'): Promise<MfaResetRequest> {
    return inTransaction(this.db, ctx, async (uow) => {
      const [request] = await uow.tx.select().from(mfaResetRequests).where(eq(mfaResetRequests.id, id)).for('update');
      if (!request) throw notFound('The reset request');
      const facts = { ...request, outcome: request.outcome as 'approved' | 'declined' | null };
      const refusal = mfaResetDecisionRefusal(facts, uow.actor.id, decision, new Date());
      if (refusal) {
        uow.auditDenied({
          action: decision === 'approve' ? 'staff.mfa_reset_approved' : 'staff.mfa_reset_declined',
          entityType: 'staff',
          entityId: request.staffId,
          details: { requestId: id, reason: refusal },
        });
        throw refusals[refusal]();
      }
      const outcome = decision === 'approve' ? 'approved' : 'declined';
      await uow.tx
        .update(mfaResetRequests)
        .set({ outcome, decidedBy: uow.actor.id, decidedAt: new Date() })
        .where(eq(mfaResetRequests.id, id));
      if (decision === 'approve') {
        await uow.tx
          .update(staff)
          .set({
            totpSecret: null,
            totpPendingSecret: null,
            mfaResetAt: new Date(),
            mfaResetBy: uow.actor.id,
            version: sql`${staff.version} + 1`,
            updatedAt: new Date(),
          })
          .where(eq(staff.id, request.staffId));
        await endAllSessionsOf(uow.tx, request.staffId);
        await noticeStaff(uow.tx, 'mfa_reset', [request.staffId]);
      }
      uow.audit({
        action: `staff.mfa_reset_${outcome}`,
        entityType: 'staff',
        entityId: request.staffId,
        details: { requestId: id, requestedBy: request.requestedBy },
      });
      return this.load(uow, id);
    });
  }

  private async load(uow: UnitOfWork, id: string): Promise<MfaResetRequest> {
    const [row] = await this.select(uow, eq(mfaResetRequests.id, id), 1);
    if (!row) throw notFound('The reset request');
    return row;
  }

  private async select(uow: UnitOfWork, where: SQL | undefined, limit: number): Promise<MfaResetRequest[]> {
    const subject = alias(staff, 'subject');
    const requester = alias(staff, 'requester');
    const decider = alias(staff, 'decider');
    const rows = await uow.tx
      .select({
        r: mfaResetRequests,
        subject: { id: subject.id, displayName: subject.displayName, email: subject.email },
        requester: { id: requester.id, displayName: requester.displayName },
        decider: { id: decider.id, displayName: decider.displayName },
      })
      .from(mfaResetRequests)
      .innerJoin(subject, eq(subject.id, mfaResetRequests.staffId))
      .innerJoin(requester, eq(requester.id, mfaResetRequests.requestedBy))
      .leftJoin(decider, eq(decider.id, mfaResetRequests.decidedBy))
      .where(where)
      .orderBy(desc(mfaResetRequests.requestedAt), desc(mfaResetRequests.id))
      .limit(limit);
    const now = new Date();
    return rows.map(({ r, subject, requester, decider }) => ({
      id: r.id,
      staff: subject,
      requestedBy: requester,
      reason: r.reason,
      requestedAt: r.requestedAt.toISOString(),
      expiresAt: r.expiresAt.toISOString(),
      status: mfaResetStatus({ outcome: r.outcome as 'approved' | 'declined' | null, expiresAt: r.expiresAt }, now),
      decidedBy: decider?.id ? { id: decider.id, displayName: decider.displayName } : null,
      decidedAt: r.decidedAt?.toISOString() ?? null,
    }));
  }
}
