import { and, asc, eq, gt, ilike, or, type SQL, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { caseHoldingRoles, isPartnerOnly, mayHoldCases, partnerRoles } from '../../core/access-policy.ts';
import type { RequestContext } from '../../core/context.ts';
import type { Database } from '../../core/db/pool.ts';
import { DomainError, invalidField, notFound, versionConflict } from '../../core/errors.ts';
import { decodeCursor, pageOf } from '../../core/pagination.ts';
import type { Role } from '../../core/roles.contract.ts';
import { inTransaction } from '../../core/unit-of-work.ts';
import { assertAcceptablePassword } from '../auth/auth.service.ts';
import { endAllSessionsOf } from '../auth/auth.store.ts';
import { hashPassword } from '../auth/password-hashing.ts';
import { TEMPORARY_PASSWORD_HOURS } from '../auth/sign-in.rules.ts';
import { generateTemporaryPassword } from '../auth/temporary-password.ts';
import { noticeStaff } from '../work/work.store.ts';
import type { createPartnerStaffBody, createStaffBody, staffListQuery, updatePartnerStaffBody, updateStaffBody } from './staff.contract.ts';
import { staff } from './staff.schema.ts';

type StaffRow = typeof staff.$inferSelect;
export const presentStaff = (s: StaffRow) => ({
  id: s.id,
  email: s.email,
  displayName: s.displayName,
  roles: s.roles as Role[],
  unitId: s.unitId,
  partnerOrganisationId: s.partnerOrganisationId,
  status: s.status as 'active' | 'disabled',
  locale: s.locale as never,
  mfaEnabled: s.totpSecret !== null,
  lastLoginAt: s.lastLoginAt?.toISOString() ?? null,
  onDuty: s.onDuty,
  notifyByEmail: s.notifyByEmail,
  holdsCases: mayHoldCases(s.roles as Role[]),
  version: s.version,
});

function assertPartnerRule(roles: readonly string[] | undefined, partnerOrganisationId: string | null | undefined): void {
  if (roles?.some((role) => partnerRoles.includes(role as Role)) && !partnerOrganisationId) {
    throw invalidField('partnerOrganisationId', 'required', 'A partner provider must belong to a partner organisation');
  }
}

/** Foreign-key and unique violations become field errors rather than 500s. */
function mapConstraint(error: unknown): never {
  const pgError = (error as { cause?: { code?: string; constraint?: string } }).cause ?? (error as { code?: string; constraint?: string });
  if (pgError?.code === '23505') throw invalidField('email', 'already_in_use', 'Already in use');
  if (pgError?.code === '23503') {
    throw invalidField(pgError.constraint?.includes('partner') ? 'partnerOrganisationId' : 'unitId', 'not_found', 'No such record');
  }
  throw error;
}

/** The platform administrator's role is given only by a platform administrator (it reaches every agency's set-up). */
function assertMayGrant(ctx: RequestContext, roles: readonly Role[], held: readonly Role[]): void {
  const platform: Role = 'platform_administrator';
  if (roles.includes(platform) && !held.includes(platform) && !ctx.actor?.roles.includes(platform)) {
    throw invalidField('roles', 'not_grantable', 'Only a platform administrator can give this role');
  }
}

export class StaffService {
  constructor(private readonly db: Database) {}

  async list(ctx: RequestContext, query: z.infer<typeof staffListQuery>) {
    const after = decodeCursor(query.cursor, 2) as [string, string] | null;
    const conditions: SQL[] = [eq(staff.agencyId, ctx.actor?.agencyId ?? 0)];
    if (query.q) {
      const pattern = `%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      conditions.push(or(ilike(staff.displayName, pattern), ilike(staff.email, pattern))!);
    }
    if (query.unitId) conditions.push(eq(staff.unitId, query.unitId));
    // The same rule as `mayHoldCases`, which opening and reassigning a case enforce.
    if (query.holdsCases) conditions.push(eq(staff.status, 'active'), sql`${staff.roles} && ${sql.param([...caseHoldingRoles])}::text[]`);
    if (after) conditions.push(or(gt(staff.displayName, after[0]), and(eq(staff.displayName, after[0]), gt(staff.id, after[1])))!);
    const rows = await inTransaction(this.db, ctx, (uow) =>
      uow.tx
        .select()
        .from(staff)
        .where(and(...conditions))
        .orderBy(asc(staff.displayName), asc(staff.id))
        .limit(query.limit + 1),
    );
    return pageOf(rows, query.limit, presentStaff, (s) => [s.displayName, s.id]);
  }

  async get(ctx: RequestContext, id: string) {
    const [row] = await inTransaction(this.db, ctx, (uow) =>
      uow.tx
        .select()
        .from(staff)
        .where(and(eq(staff.id, id), eq(staff.agencyId, uow.actor.agencyId))),
    );
    if (!row) throw notFound('The staff member');
    return presentStaff(row);
  }

  async create(ctx: RequestContext, input: z.infer<typeof createStaffBody>) {
    assertPartnerRule(input.roles, input.partnerOrganisationId);
    assertMayGrant(ctx, input.roles, []);
    await assertAcceptablePassword('initialPassword', input.initialPassword, input.email);
    const passwordHash = await hashPassword(input.initialPassword);
    // The administrator knows it: like a reset's, it is a temporary password, replaced at the first sign-in.
    const temporaryPasswordExpiresAt = new Date(Date.now() + TEMPORARY_PASSWORD_HOURS * 3600_000);
    return inTransaction(this.db, ctx, async (uow) => {
      const { initialPassword: _, ...fields } = input;
      const [row] = await uow.tx
        .insert(staff)
        .values({ ...fields, roles: [...new Set(fields.roles)], passwordHash, temporaryPasswordExpiresAt })
        .returning()
        .catch(mapConstraint);
      uow.audit({
        action: 'staff.create',
        entityType: 'staff',
        entityId: row!.id,
        details: { roles: row!.roles, temporaryPasswordExpiresAt: temporaryPasswordExpiresAt.toISOString() },
      });
      return presentStaff(row!);
    });
  }

  /** Changing roles, unit or status takes effect at the next request; disabling ends every session. */
  async update(ctx: RequestContext, id: string, input: z.infer<typeof updateStaffBody>) {
    return inTransaction(this.db, ctx, async (uow) => {
      const { version, ...fields } = input;
      const [current] = await uow.tx
        .select()
        .from(staff)
        .where(and(eq(staff.id, id), eq(staff.agencyId, uow.actor.agencyId)))
        .for('update');
      if (!current) throw notFound('The staff member');
      if (fields.roles) assertMayGrant(ctx, fields.roles, current.roles as Role[]);
      if (current.version !== version) throw versionConflict('The staff member');
      assertPartnerRule(
        fields.roles ?? current.roles,
        fields.partnerOrganisationId !== undefined ? fields.partnerOrganisationId : current.partnerOrganisationId,
      );
      if (id === uow.actor.id && (fields.status === 'disabled' || (fields.roles && !fields.roles.includes('administrator')))) {
        throw new DomainError('forbidden', 'You cannot disable yourself or remove your own administrator role');
      }
      // Not even an administrator gives themselves a role, such as one that reads case content.
      if (id === uow.actor.id && fields.roles?.some((role) => !current.roles.includes(role))) {
        throw new DomainError('forbidden', 'Another administrator must give you a new role');
      }
      const [row] = await uow.tx
        .update(staff)
        .set({
          ...fields,
          ...(fields.roles ? { roles: [...new Set(fields.roles)] } : {}),
          version: sql`${staff.version} + 1`,
          updatedAt: new Date(),
        })
        .where(eq(staff.id, id))
        .returning()
        .catch(mapConstraint);
      if (fields.status === 'disabled') await endAllSessionsOf(uow.tx, id);
      uow.audit({
        action: 'staff.update',
        entityType: 'staff',
        entityId: id,
        details: { fields: Object.keys(fields), roles: row!.roles, status: row!.status },
      });
      return presentStaff(row!);
    });
  }

  /**
   * Replaces the password with a temporary one made here, returned once for the administrator to
   * pass on: only its hash is kept. It works once, until it expires, and leads to choosing a new
   * password at sign-in; the second factor is untouched, so the administrator cannot sign in as
   * the staff member with it. Every session of the account ends; the staff member is alerted.
   */
  async resetPassword(ctx: RequestContext, id: string): Promise<{ temporaryPassword: string; expiresAt: string }> {
    if (id === ctx.actor?.id) throw new DomainError('forbidden', 'Change your own password in your account settings');
    const [target] = await inTransaction(this.db, ctx, (uow) =>
      uow.tx
        .select({ id: staff.id })
        .from(staff)
        .where(and(eq(staff.id, id), eq(staff.agencyId, uow.actor.agencyId))),
    );
    if (!target) throw notFound('The staff member');
    const temporaryPassword = generateTemporaryPassword();
    const passwordHash = await hashPassword(temporaryPassword);
    const expiresAt = new Date(Date.now() + TEMPORARY_PASSWORD_HOURS * 3600_000);
    // Never with the Idempotency-Key: its stored response would keep the password in clear.
    await inTransaction(this.db, { ...ctx, idempotency: undefined }, async (uow) => {
      await uow.tx
        .update(staff)
        .set({
          passwordHash,
          temporaryPasswordExpiresAt: expiresAt,
          temporaryPasswordUsedAt: null,
          passwordResetAt: new Date(),
          passwordResetBy: uow.actor.id,
          version: sql`${staff.version} + 1`,
          updatedAt: new Date(),
        })
        .where(eq(staff.id, id));
      await endAllSessionsOf(uow.tx, id);
      await noticeStaff(uow.tx, 'password_reset', [id]);
      uow.audit({ action: 'staff.password_reset', entityType: 'staff', entityId: id, details: { expiresAt: expiresAt.toISOString() } });
    });
    return { temporaryPassword, expiresAt: expiresAt.toISOString() };
  }

  // ---- A partner organisation's own administrator: the accounts of its staff, and no one else's ----

  /** The partner organisation the actor administers; every partner-staff call is bound to it. */
  private ownOrganisation(ctx: RequestContext): string {
    const organisationId = ctx.actor?.partnerOrganisationId;
    if (!organisationId || !ctx.actor?.roles.includes('partner_administrator'))
      throw new DomainError('permission_denied', 'Your role does not allow this');
    return organisationId;
  }

  /** One staff member of the actor's partner organisation (and only of it); the uniform 404 for anyone else. */
  private async ownStaffMember(ctx: RequestContext, id: string) {
    const organisationId = this.ownOrganisation(ctx);
    const [row] = await inTransaction(this.db, ctx, (uow) =>
      uow.tx
        .select()
        .from(staff)
        .where(and(eq(staff.id, id), eq(staff.agencyId, uow.actor.agencyId), eq(staff.partnerOrganisationId, organisationId))),
    );
    if (!row || !isPartnerOnly(row.roles as Role[])) throw notFound('The staff member');
    return row;
  }

  async listPartnerStaff(ctx: RequestContext) {
    const organisationId = this.ownOrganisation(ctx);
    const rows = await inTransaction(this.db, ctx, (uow) =>
      uow.tx
        .select()
        .from(staff)
        .where(and(eq(staff.agencyId, uow.actor.agencyId), eq(staff.partnerOrganisationId, organisationId)))
        .orderBy(asc(staff.displayName), asc(staff.id)),
    );
    return { items: rows.filter((r) => isPartnerOnly(r.roles as Role[])).map(presentStaff) };
  }

  async createPartnerStaff(ctx: RequestContext, input: z.infer<typeof createPartnerStaffBody>) {
    const { mayManageStaff, ...fields } = input;
    return this.create(ctx, {
      ...fields,
      roles: mayManageStaff ? ['partner_provider', 'partner_administrator'] : ['partner_provider'],
      unitId: null,
      partnerOrganisationId: this.ownOrganisation(ctx),
    });
  }

  /** Renames, disables or enables a colleague, or gives or takes the organisation's administration – never one's own. */
  async updatePartnerStaff(ctx: RequestContext, id: string, input: z.infer<typeof updatePartnerStaffBody>) {
    const current = await this.ownStaffMember(ctx, id);
    const { mayManageStaff, ...fields } = input;
    if (id === ctx.actor?.id && (fields.status === 'disabled' || mayManageStaff === false))
      throw new DomainError('forbidden', 'You cannot disable yourself or give up your own administration');
    const roles: Role[] | undefined =
      mayManageStaff === undefined
        ? undefined
        : mayManageStaff
          ? [...new Set([...(current.roles as Role[]), 'partner_administrator' as const])]
          : (current.roles as Role[]).filter((role) => role !== 'partner_administrator');
    if (roles && !roles.some((role) => partnerRoles.includes(role))) roles.push('partner_provider');
    if (id === ctx.actor?.id && roles?.some((role) => !current.roles.includes(role)))
      throw new DomainError('forbidden', 'Another administrator must give you a new role');
    const changed = roles && (roles.length !== current.roles.length || roles.some((role) => !current.roles.includes(role)));
    return this.update(ctx, id, { ...fields, ...(changed ? { roles } : {}) });
  }

  async resetPartnerStaffPassword(ctx: RequestContext, id: string) {
    await this.ownStaffMember(ctx, id);
    return this.resetPassword(ctx, id);
  }

  async updateOwnProfile(ctx: RequestContext, input: { displayName?: string; locale?: string; onDuty?: boolean; notifyByEmail?: boolean }) {
    return inTransaction(this.db, ctx, async (uow) => {
      if (input.onDuty !== undefined && !uow.actor.roles.includes('supervisor')) {
        throw invalidField('onDuty', 'not_supervisor', 'Only supervisors go on duty for urgent requests');
      }
      const [row] = await uow.tx
        .update(staff)
        .set({ ...input, version: sql`${staff.version} + 1`, updatedAt: new Date() })
        .where(eq(staff.id, uow.actor.id))
        .returning();
      uow.audit({ action: 'staff.update_self', entityType: 'staff', entityId: uow.actor.id, details: { fields: Object.keys(input) } });
      return presentStaff(row!);
    });
  }
}
