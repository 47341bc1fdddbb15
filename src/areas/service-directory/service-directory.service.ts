import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import type { Bundle } from 'fhir/r4.js';
import { v5 as uuidFrom } from 'uuid';
import { addCalendarMonths, calendarDateIn } from '../../core/calendar-date.ts';
import type { RequestContext } from '../../core/context.ts';
import type { Database, Transaction } from '../../core/db/pool.ts';
import { DomainError, type FieldError, invalidField, notFound, versionConflict } from '../../core/errors.ts';
import { decodeCursor, pageOf } from '../../core/pagination.ts';
import { inTransaction, type UnitOfWork } from '../../core/unit-of-work.ts';
import { agencySettings } from '../organisation/agency-settings.ts';
import { partnerOrganisations } from '../organisation/organisation.schema.ts';
import { staff } from '../staff/staff.schema.ts';
import { directoryAsFhir } from './directory-fhir.rules.ts';
import { type HsdsObject, type HsdsService, hsdsServiceOf, isVerificationDue, serviceFieldsOf } from './hsds.rules.ts';
import type { CreateServiceInput, DirectoryQuery, DirectoryService } from './service-directory.contract.ts';
import { hsdsProblems, hsdsTabularPackage } from './service-directory.document.ts';
import {
  everyService,
  insertService,
  type PartnerRow,
  partnerById,
  type ServiceColumns,
  type ServiceRow,
  searchServices,
  serviceById,
  updateService,
} from './service-directory.store.ts';

/** Every taxonomy term a service is filed under – the agency's categories and an import's own taxonomies – for search. */
function termNamesOf(doc: HsdsObject): string[] {
  const attributes = Array.isArray(doc.attributes) ? (doc.attributes as HsdsObject[]) : [];
  const names = attributes.flatMap((a) => {
    const name = (a?.taxonomy_term as HsdsObject | undefined)?.name;
    return typeof name === 'string' && name !== '' ? [name] : [];
  });
  return [...new Set(names)];
}

function columnsOf(doc: HsdsService, organisationId: string): ServiceColumns {
  const fields = serviceFieldsOf(doc, organisationId);
  return {
    organisationId,
    name: doc.name,
    status: fields.status,
    categories: termNamesOf(doc),
    areas: fields.areas,
    languages: fields.languages,
    verifiedOn: typeof doc.assured_date === 'string' && /^\d{4}-\d{2}-\d{2}/.test(doc.assured_date) ? doc.assured_date.slice(0, 10) : null,
    document: doc,
  };
}

/** The partner organisation as an HSDS organization; the ids of its phone and contact are made from its own, so they stay the same. */
export function hsdsOrganisationOf(p: PartnerRow): HsdsObject {
  return {
    id: p.id,
    name: p.name,
    // HSDS requires a description: what it offers, or its name, until one is written.
    description: p.description || p.services.join(', ') || p.name,
    ...(p.email ? { email: p.email } : {}),
    ...(p.website ? { website: p.website } : {}),
    phones: p.phone ? [{ id: uuidFrom('phone', p.id), organization_id: p.id, number: p.phone }] : [],
    contacts: p.contactPerson ? [{ id: uuidFrom('contact', p.id), organization_id: p.id, name: p.contactPerson }] : [],
  };
}

export class ServiceDirectoryService {
  constructor(private readonly db: Database) {}

  /** The agency's today and the last day a service counts as verified. */
  private async verificationCutoff(tx: Transaction) {
    const settings = await agencySettings(tx);
    const today = calendarDateIn(settings.timeZone);
    return { today, months: settings.directoryVerifyMonths, verifiedBefore: addCalendarMonths(today, -settings.directoryVerifyMonths) };
  }

  private present(row: ServiceRow, organisationName: string, cutoff: { today: string; months: number }): DirectoryService {
    const fields = serviceFieldsOf(row.document, row.organisationId);
    return {
      id: row.id,
      organisationName,
      ...fields,
      categories: row.categories,
      verifiedOn: row.verifiedOn,
      verifiedBy: typeof row.document.assurer_email === 'string' ? row.document.assurer_email : null,
      verificationDue: isVerificationDue(row.verifiedOn, cutoff.today, cutoff.months),
      version: row.version,
    };
  }

  async list(ctx: RequestContext, query: DirectoryQuery) {
    return inTransaction(this.db, ctx, async (uow) => {
      const cutoff = await this.verificationCutoff(uow.tx);
      const after = decodeCursor(query.cursor, 2) as [string, string] | null;
      const rows = await searchServices(uow.tx, query, cutoff.verifiedBefore, after);
      return pageOf(
        rows,
        query.limit,
        (r) => this.present(r.service, r.organisationName, cutoff),
        (r) => [r.service.name, r.service.id],
      );
    });
  }

  async get(ctx: RequestContext, id: string) {
    return inTransaction(this.db, ctx, async (uow) => {
      const found = await serviceById(uow.tx, id);
      if (!found) throw notFound('The service');
      return this.present(found.service, found.organisationName, await this.verificationCutoff(uow.tx));
    });
  }

  private async organisation(uow: UnitOfWork, id: string): Promise<PartnerRow> {
    const found = await partnerById(uow.tx, id);
    if (!found) throw invalidField('organisationId', 'not_found', 'No such partner organisation');
    return found;
  }

  async create(ctx: RequestContext, input: CreateServiceInput) {
    return inTransaction(this.db, ctx, async (uow) => {
      const organisation = await this.organisation(uow, input.organisationId);
      const id = randomUUID();
      const doc = hsdsServiceOf(id, input, { assuredDate: null, assurerEmail: null, lastModified: new Date() });
      const row = await insertService(uow.tx, id, columnsOf(doc, organisation.id));
      uow.audit({ action: 'directory_service.create', entityType: 'directory_service', entityId: row.id });
      return this.present(row, organisation.name, await this.verificationCutoff(uow.tx));
    });
  }

  async update(ctx: RequestContext, id: string, input: CreateServiceInput & { version: number }) {
    return inTransaction(this.db, ctx, async (uow) => {
      const { version, ...fields } = input;
      const found = await serviceById(uow.tx, id, { lock: true });
      if (!found) throw notFound('The service');
      if (found.service.version !== version) throw versionConflict('The service');
      const organisation = await this.organisation(uow, fields.organisationId);
      const previous = found.service.document;
      const doc = hsdsServiceOf(
        id,
        fields,
        {
          assuredDate: typeof previous.assured_date === 'string' ? previous.assured_date : null,
          assurerEmail: typeof previous.assurer_email === 'string' ? previous.assurer_email : null,
          lastModified: new Date(),
        },
        previous,
      );
      const row = await updateService(uow.tx, id, columnsOf(doc, organisation.id));
      uow.audit({ action: 'directory_service.update', entityType: 'directory_service', entityId: id });
      return this.present(row, organisation.name, await this.verificationCutoff(uow.tx));
    });
  }

  /** Someone checked with the partner that the information is right: verified today, by them. */
  async verify(ctx: RequestContext, id: string, version: number) {
    return inTransaction(this.db, ctx, async (uow) => {
      const found = await serviceById(uow.tx, id, { lock: true });
      if (!found) throw notFound('The service');
      if (found.service.version !== version) throw versionConflict('The service');
      const cutoff = await this.verificationCutoff(uow.tx);
      const [me] = await uow.tx.select({ email: staff.email }).from(staff).where(eq(staff.id, uow.actor.id));
      const doc: HsdsService = {
        ...found.service.document,
        assured_date: cutoff.today,
        assurer_email: me?.email,
        last_modified: new Date().toISOString(),
      };
      const row = await updateService(uow.tx, id, columnsOf(doc, found.service.organisationId));
      uow.audit({ action: 'directory_service.verify', entityType: 'directory_service', entityId: id });
      return this.present(row, found.organisationName, cutoff);
    });
  }

  /** Every service with its organisation, as HSDS 3.0 service documents; the export is audited with its format. */
  private async exported(uow: UnitOfWork, format: 'json' | 'tabular' | 'fhir'): Promise<HsdsObject[]> {
    const rows = await everyService(uow.tx);
    uow.audit({ action: 'directory.export', entityType: 'directory_service', details: { format, services: rows.length } });
    return rows.map(({ service, organisation }) => ({ ...service.document, organization: hsdsOrganisationOf(organisation) }));
  }

  /** Every service with its organisation, as HSDS 3.0 service documents. */
  async exportJson(ctx: RequestContext): Promise<HsdsObject[]> {
    return inTransaction(this.db, ctx, (uow) => this.exported(uow, 'json'));
  }

  async exportTabular(ctx: RequestContext): Promise<Uint8Array> {
    return inTransaction(this.db, ctx, async (uow) => {
      const services = await this.exported(uow, 'tabular');
      return hsdsTabularPackage(services, (await agencySettings(uow.tx)).name, new Date());
    });
  }

  /** The directory as a FHIR R4 collection Bundle (Organization, HealthcareService, Location). */
  async exportFhir(ctx: RequestContext): Promise<Bundle> {
    return inTransaction(this.db, ctx, async (uow) => directoryAsFhir(await this.exported(uow, 'fhir'), new Date()));
  }

  /**
   * HSDS 3.0 services, each checked against the official schema first – one that fails names
   * itself and its problems, and nothing is saved. Organisations and services already here (by
   * id) are updated; others are added, with the given ids where they are free.
   */
  async import(ctx: RequestContext, input: HsdsObject | HsdsObject[]) {
    const services = Array.isArray(input) ? input : [input];
    const problems: FieldError[] = services.flatMap((service, i) => {
      const found = hsdsProblems(service).map((message) => ({ field: `[${i}]`, code: 'hsds_invalid', message }));
      const organisation = service.organization as HsdsObject | undefined;
      if (!organisation || typeof organisation !== 'object' || typeof organisation.id !== 'string')
        found.push({ field: `[${i}].organization`, code: 'required', message: 'Each service carries its organisation' });
      return found;
    });
    if (problems.length > 0) throw new DomainError('validation_failed', 'Not valid HSDS 3.0', problems.slice(0, 50));
    return inTransaction(this.db, ctx, async (uow) => {
      const counts = { organisationsCreated: 0, organisationsUpdated: 0, servicesCreated: 0, servicesUpdated: 0 };
      const organisationIds = new Map<string, string>();
      for (const raw of services as HsdsService[]) {
        const organisation = raw.organization as HsdsObject;
        const givenId = organisation.id as string;
        let organisationId = organisationIds.get(givenId);
        if (!organisationId) {
          organisationId = await this.upsertOrganisation(uow.tx, organisation, counts);
          organisationIds.set(givenId, organisationId);
        }
        const { organization: _organisation, ...doc } = raw;
        const service = { ...doc, organization_id: organisationId } as HsdsService;
        const existing = await serviceById(uow.tx, service.id, { lock: true });
        if (existing) {
          await updateService(uow.tx, service.id, columnsOf(service, organisationId));
          counts.servicesUpdated++;
        } else {
          await insertService(uow.tx, service.id, columnsOf(service, organisationId));
          counts.servicesCreated++;
        }
      }
      uow.audit({ action: 'directory.import', entityType: 'directory_service', details: counts });
      return counts;
    });
  }

  private async upsertOrganisation(
    tx: Transaction,
    organisation: HsdsObject,
    counts: { organisationsCreated: number; organisationsUpdated: number },
  ): Promise<string> {
    const text = (value: unknown) => (typeof value === 'string' && value.trim() !== '' ? value.trim() : null);
    const phones = Array.isArray(organisation.phones) ? (organisation.phones as HsdsObject[]) : [];
    const contacts = Array.isArray(organisation.contacts) ? (organisation.contacts as HsdsObject[]) : [];
    const values = {
      name: text(organisation.name) ?? '',
      description: text(organisation.description) ?? '',
      email: text(organisation.email),
      website: text(organisation.website),
      phone: text(phones[0]?.number),
      contactPerson: text(contacts[0]?.name),
    };
    const id = organisation.id as string;
    const known = await partnerById(tx, id);
    if (known) {
      await tx
        .update(partnerOrganisations)
        .set({ ...values, version: sql`${partnerOrganisations.version} + 1`, updatedAt: new Date() })
        .where(eq(partnerOrganisations.id, id));
      counts.organisationsUpdated++;
      return id;
    }
    const [inserted] = await tx
      .insert(partnerOrganisations)
      .values({ id, ...values })
      .onConflictDoNothing()
      .returning();
    counts.organisationsCreated++;
    if (inserted) return inserted.id;
    // The id is another agency's: the organisation is added under a new one.
    const [fresh] = await tx.insert(partnerOrganisations).values(values).returning();
    return fresh!.id;
  }
}
