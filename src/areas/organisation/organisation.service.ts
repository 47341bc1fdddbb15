import { and, asc, eq, gt, or, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { RequestContext } from '../../core/context.ts';
import type { Database } from '../../core/db/pool.ts';
import { notFound, versionConflict } from '../../core/errors.ts';
import { decodeCursor, pageOf } from '../../core/pagination.ts';
import { inTransaction } from '../../core/unit-of-work.ts';
import type { EntryKind } from '../journal/journal.contract.ts';
import { entryKindsOf } from '../journal/journal.rules.ts';
import type {
  createPartnerOrganisationBody,
  createUnitBody,
  RecipientCategory,
  updateAgencyBody,
  updatePartnerOrganisationBody,
  updateUnitBody,
} from './organisation.contract.ts';
import { agency, partnerOrganisations, units } from './organisation.schema.ts';
import { type SetupCounts, setupChecklistOf } from './setup.rules.ts';

type AgencyRow = typeof agency.$inferSelect;
const presentAgency = (a: AgencyRow) => ({
  name: a.name,
  address: a.address,
  phone: a.phone,
  email: a.email,
  caseNumberPrefix: a.caseNumberPrefix,
  serviceCategories: a.serviceCategories,
  catchmentRegions: a.catchmentRegions,
  languages: a.languages as never,
  mfaRequiredRoles: a.mfaRequiredRoles as never,
  idleTimeoutMinutes: a.idleTimeoutMinutes,
  absoluteTimeoutHours: a.absoluteTimeoutHours,
  minimumAge: a.minimumAge,
  maximumAge: a.maximumAge,
  urgentResponseHours: a.urgentResponseHours,
  guardianRequiredUnderAge: a.guardianRequiredUnderAge,
  emergencyAccessMinutes: a.emergencyAccessMinutes,
  nationalIdCountries: a.nationalIdCountries,
  decisionRoles: a.decisionRoles as never,
  planReviewReminderDays: a.planReviewReminderDays,
  timeZone: a.timeZone,
  journalEntryKinds: entryKindsOf(a.journalEntryKinds as EntryKind[] | null),
  journalLateAfterDays: a.journalLateAfterDays,
  journalDraftReminderDays: a.journalDraftReminderDays,
  caseloadLimit: a.caseloadLimit,
  directoryVerifyMonths: a.directoryVerifyMonths,
  voucherAnswerDays: a.voucherAnswerDays,
  voucherValidDays: a.voucherValidDays,
  version: a.version,
});
const presentUnit = (u: typeof units.$inferSelect) => ({
  id: u.id,
  name: u.name,
  description: u.description,
  active: u.active,
  version: u.version,
});
const presentPartner = (p: typeof partnerOrganisations.$inferSelect) => ({
  id: p.id,
  name: p.name,
  contactPerson: p.contactPerson,
  phone: p.phone,
  email: p.email,
  address: p.address,
  services: p.services,
  regions: p.regions,
  recipientKinds: p.recipientKinds as RecipientCategory[],
  version: p.version,
});

export class OrganisationService {
  constructor(private readonly db: Database) {}

  async getAgency(ctx: RequestContext) {
    return inTransaction(this.db, ctx, async (uow) => {
      const [row] = await uow.tx.select().from(agency).where(eq(agency.id, uow.actor.agencyId));
      if (!row) throw notFound('The agency');
      return presentAgency(row);
    });
  }

  async updateAgency(ctx: RequestContext, input: z.infer<typeof updateAgencyBody>) {
    return inTransaction(this.db, ctx, async (uow) => {
      const { version, ...fields } = input;
      const [row] = await uow.tx
        .update(agency)
        .set({ ...fields, version: sql`${agency.version} + 1`, updatedAt: new Date() })
        .where(and(eq(agency.id, uow.actor.agencyId), eq(agency.version, version)))
        .returning();
      if (!row) throw versionConflict('The agency settings');
      uow.audit({ action: 'agency.update', entityType: 'agency', entityId: String(row.id), details: { fields: Object.keys(fields) } });
      return presentAgency(row);
    });
  }

  /**
   * The agency's setup checklist, counted in one statement: its details, units, staff besides the
   * administrators, agreement templates, partner organisations, published questionnaires and the
   * active staff still without a second factor. Counts only.
   */
  async setupChecklist(ctx: RequestContext) {
    return inTransaction(this.db, ctx, async (uow) => {
      const agencyId = uow.actor.agencyId;
      const result = await uow.tx.execute<{ [K in keyof SetupCounts]: number }>(sql`
        SELECT
          (SELECT (cardinality(a.service_categories) = 0)::int + (cardinality(a.catchment_regions) = 0)::int
             FROM agency a WHERE a.id = ${agencyId}) AS "emptyAgencyDetails",
          (SELECT count(*) FROM units u WHERE u.agency_id = ${agencyId} AND u.active)::int AS "activeUnits",
          (SELECT count(*) FROM staff s WHERE s.agency_id = ${agencyId} AND s.status = 'active'
             AND NOT (s.roles <@ ARRAY['administrator', 'platform_administrator']::text[]))::int AS "staffBesidesAdministrators",
          (SELECT count(*) FROM agreement_templates t WHERE t.agency_id = ${agencyId})::int AS "agreementTemplates",
          (SELECT count(*) FROM partner_organisations p WHERE p.agency_id = ${agencyId})::int AS "partnerOrganisations",
          (SELECT count(*) FROM directory_services d WHERE d.agency_id = ${agencyId} AND d.status = 'active')::int AS "directoryServices",
          (SELECT count(*) FROM directory_services d, agency a
             WHERE d.agency_id = ${agencyId} AND a.id = d.agency_id AND d.status = 'active'
               AND (d.verified_on IS NULL OR d.verified_on < (now() AT TIME ZONE a.time_zone)::date - make_interval(months => a.directory_verify_months)))::int AS "directoryServicesToVerify",
          (SELECT count(DISTINCT q.key) FROM questionnaire_templates q WHERE q.agency_id = ${agencyId} AND q.status = 'published')::int AS "publishedQuestionnaires",
          (SELECT count(*) FROM staff s WHERE s.agency_id = ${agencyId} AND s.status = 'active' AND s.totp_secret IS NULL)::int AS "staffWithoutSecondFactor"`);
      return { items: setupChecklistOf(result.rows[0]!) };
    });
  }

  async listUnits(ctx: RequestContext, limit: number, cursor?: string) {
    const after = decodeCursor(cursor, 2) as [string, string] | null;
    const rows = await inTransaction(this.db, ctx, (uow) =>
      uow.tx
        .select()
        .from(units)
        .where(
          and(
            eq(units.agencyId, uow.actor.agencyId),
            after ? or(gt(units.name, after[0]), and(eq(units.name, after[0]), gt(units.id, after[1]))) : undefined,
          ),
        )
        .orderBy(asc(units.name), asc(units.id))
        .limit(limit + 1),
    );
    return pageOf(rows, limit, presentUnit, (u) => [u.name, u.id]);
  }

  async createUnit(ctx: RequestContext, input: z.infer<typeof createUnitBody>) {
    return inTransaction(this.db, ctx, async (uow) => {
      const [row] = await uow.tx.insert(units).values(input).returning();
      uow.audit({ action: 'unit.create', entityType: 'unit', entityId: row!.id });
      return presentUnit(row!);
    });
  }

  async updateUnit(ctx: RequestContext, id: string, input: z.infer<typeof updateUnitBody>) {
    return inTransaction(this.db, ctx, async (uow) => {
      const { version, ...fields } = input;
      const [row] = await uow.tx
        .update(units)
        .set({ ...fields, version: sql`${units.version} + 1`, updatedAt: new Date() })
        .where(and(eq(units.id, id), eq(units.agencyId, uow.actor.agencyId), eq(units.version, version)))
        .returning();
      if (!row) {
        const [exists] = await uow.tx
          .select({ id: units.id })
          .from(units)
          .where(and(eq(units.id, id), eq(units.agencyId, uow.actor.agencyId)));
        throw exists ? versionConflict('The unit') : notFound('The unit');
      }
      uow.audit({ action: 'unit.update', entityType: 'unit', entityId: id, details: { fields: Object.keys(fields) } });
      return presentUnit(row);
    });
  }

  async listPartners(ctx: RequestContext, limit: number, cursor?: string) {
    const after = decodeCursor(cursor, 2) as [string, string] | null;
    const rows = await inTransaction(this.db, ctx, (uow) =>
      uow.tx
        .select()
        .from(partnerOrganisations)
        .where(
          and(
            eq(partnerOrganisations.agencyId, uow.actor.agencyId),
            after
              ? or(
                  gt(partnerOrganisations.name, after[0]),
                  and(eq(partnerOrganisations.name, after[0]), gt(partnerOrganisations.id, after[1])),
                )
              : undefined,
          ),
        )
        .orderBy(asc(partnerOrganisations.name), asc(partnerOrganisations.id))
        .limit(limit + 1),
    );
    return pageOf(rows, limit, presentPartner, (p) => [p.name, p.id]);
  }

  async createPartner(ctx: RequestContext, input: z.infer<typeof createPartnerOrganisationBody>) {
    return inTransaction(this.db, ctx, async (uow) => {
      const [row] = await uow.tx.insert(partnerOrganisations).values(input).returning();
      uow.audit({ action: 'partner_organisation.create', entityType: 'partner_organisation', entityId: row!.id });
      return presentPartner(row!);
    });
  }
  async updatePartner(ctx: RequestContext, id: string, input: z.infer<typeof updatePartnerOrganisationBody>) {
    return inTransaction(this.db, ctx, async (uow) => {
      const { version, ...fields } = input;
      const [row] = await uow.tx
        .update(partnerOrganisations)
        .set({ ...fields, version: sql`${partnerOrganisations.version} + 1`, updatedAt: new Date() })
        .where(
          and(
            eq(partnerOrganisations.id, id),
            eq(partnerOrganisations.agencyId, uow.actor.agencyId),
            eq(partnerOrganisations.version, version),
          ),
        )
        .returning();
      if (!row) {
        const [exists] = await uow.tx
          .select({ id: partnerOrganisations.id })
          .from(partnerOrganisations)
          .where(and(eq(partnerOrganisations.id, id), eq(partnerOrganisations.agencyId, uow.actor.agencyId)));
        throw exists ? versionConflict('The partner organisation') : notFound('The partner organisation');
      }
      uow.audit({
        action: 'partner_organisation.update',
        entityType: 'partner_organisation',
        entityId: id,
        details: { fields: Object.keys(fields) },
      });
      return presentPartner(row);
    });
  }
}
