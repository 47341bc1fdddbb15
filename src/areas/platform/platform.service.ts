import { and, asc, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { RequestContext } from '../../core/context.ts';
import type { Database } from '../../core/db/pool.ts';
import { DomainError, invalidField, notFound, versionConflict } from '../../core/errors.ts';
import { INSTALLATION_AGENCY, inTransaction } from '../../core/unit-of-work.ts';
import { hashPassword } from '../auth/password-hashing.ts';
import { TEMPORARY_PASSWORD_HOURS } from '../auth/sign-in.rules.ts';
import { generateTemporaryPassword } from '../auth/temporary-password.ts';
import { agency } from '../organisation/organisation.schema.ts';
import { installShippedQuestionnairesFor } from '../questionnaire/shipped-questionnaires.install.ts';
import { staff } from '../staff/staff.schema.ts';
import type { AgencySummary, createAgencyBody, updateAgencyStatusBody } from './platform.contract.ts';

type AgencyRow = typeof agency.$inferSelect;
const present = (a: AgencyRow, activeStaff: number): AgencySummary => ({
  id: a.id,
  name: a.name,
  caseNumberPrefix: a.caseNumberPrefix,
  timeZone: a.timeZone,
  languages: a.languages as AgencySummary['languages'],
  active: a.active,
  activeStaff,
  createdAt: a.createdAt.toISOString(),
  version: a.version,
});

const activeStaffOf = sql<number>`(SELECT count(*)::int FROM staff s WHERE s.agency_id = "agency"."id" AND s.status = 'active')`.mapWith(
  Number,
);

/**
 * The installation's agencies, for platform administrators: they create an agency with its first
 * administrator and can switch one off. The work spans agencies, so it runs bound to none; it
 * touches an agency's set-up only, never its case content.
 */
export class PlatformService {
  constructor(private readonly db: Database) {}

  async list(ctx: RequestContext): Promise<AgencySummary[]> {
    const rows = await inTransaction(this.db, { ...ctx, acrossAgencies: true }, (uow) =>
      uow.tx.select({ agency, activeStaff: activeStaffOf }).from(agency).orderBy(asc(agency.name), asc(agency.id)),
    );
    return rows.map((r) => present(r.agency, r.activeStaff));
  }

  /**
   * A new agency, ready to sign in to: its settings, the installation's agreement templates and the
   * shipped questionnaires as its own, and its first administrator with a temporary password
   * (returned once, only its hash kept; never stored with an Idempotency-Key's response).
   */
  async create(ctx: RequestContext, input: z.infer<typeof createAgencyBody>) {
    const temporaryPassword = generateTemporaryPassword();
    const passwordHash = await hashPassword(temporaryPassword);
    const expiresAt = new Date(Date.now() + TEMPORARY_PASSWORD_HOURS * 3600_000);
    return inTransaction(this.db, { ...ctx, acrossAgencies: true, idempotency: undefined }, async (uow) => {
      const [created] = await uow.tx
        .insert(agency)
        .values({ name: input.name, caseNumberPrefix: input.caseNumberPrefix, timeZone: input.timeZone, languages: input.languages })
        .returning();
      const id = created!.id;
      await uow.tx.execute(sql`
        INSERT INTO agreement_templates (agency_id, language, title, sections)
        SELECT ${id}, language, title, sections FROM agreement_templates WHERE agency_id = ${INSTALLATION_AGENCY}`);
      await installShippedQuestionnairesFor(uow.tx, id);
      const [administrator] = await uow.tx
        .insert(staff)
        .values({
          agencyId: id,
          email: input.administrator.email,
          displayName: input.administrator.displayName,
          locale: input.administrator.locale,
          roles: ['administrator'],
          passwordHash,
          temporaryPasswordExpiresAt: expiresAt,
        })
        .onConflictDoNothing()
        .returning({ id: staff.id });
      if (!administrator) throw invalidField('administrator.email', 'already_in_use', 'A staff account with this e-mail address exists');
      uow.audit({ action: 'agency.create', entityType: 'agency', entityId: String(id), details: { name: input.name } });
      uow.audit({
        action: 'staff.create',
        entityType: 'staff',
        entityId: administrator.id,
        details: { roles: ['administrator'], agencyId: id },
      });
      return {
        agency: present(created!, 1),
        administrator: { id: administrator.id, email: input.administrator.email, temporaryPassword, expiresAt: expiresAt.toISOString() },
      };
    });
  }

  /** Switching an agency off ends its staff's sessions at once; switched on again, they sign in as before. */
  async setActive(ctx: RequestContext, id: number, input: z.infer<typeof updateAgencyStatusBody>): Promise<AgencySummary> {
    if (id === INSTALLATION_AGENCY && !input.active) {
      throw new DomainError('forbidden', "The installation's own agency holds the platform administrators and stays on");
    }
    return inTransaction(this.db, { ...ctx, acrossAgencies: true }, async (uow) => {
      const [row] = await uow.tx
        .update(agency)
        .set({ active: input.active, version: sql`${agency.version} + 1`, updatedAt: new Date() })
        .where(and(eq(agency.id, id), eq(agency.version, input.version)))
        .returning();
      if (!row) {
        const [exists] = await uow.tx.select({ id: agency.id }).from(agency).where(eq(agency.id, id));
        throw exists ? versionConflict('The agency') : notFound('The agency');
      }
      if (!input.active) await uow.tx.execute(sql`DELETE FROM sessions WHERE agency_id = ${id}`);
      uow.audit({ action: 'agency.update', entityType: 'agency', entityId: String(id), details: { active: input.active } });
      const [{ n }] = (await uow.tx.select({ n: activeStaffOf }).from(agency).where(eq(agency.id, id))) as [{ n: number }];
      return present(row, n);
    });
  }
}
