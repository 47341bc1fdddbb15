import { and, asc, desc, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { RequestContext } from '../../core/context.ts';
import type { Database } from '../../core/db/pool.ts';
import { DomainError, invalidField, notFound, versionConflict } from '../../core/errors.ts';
import { inTransaction, type UnitOfWork } from '../../core/unit-of-work.ts';
import type { CaseService } from '../case/case.service.ts';
import { agency } from '../organisation/organisation.schema.ts';
import { persons } from '../person/person.schema.ts';
import type {
  agreementSection,
  createAgreementBody,
  putAgreementTemplateBody,
  signAgreementBody,
  terminateAgreementBody,
} from './agreement.contract.ts';
import { checkSignature, guardianRequired, missingSigners, requiredSigners, type Signer } from './agreement.rules.ts';
import { agreementSignatures, agreementTemplates, serviceAgreements } from './agreement.schema.ts';

type AgreementRow = typeof serviceAgreements.$inferSelect;
type SignatureRow = typeof agreementSignatures.$inferSelect;
type Section = z.infer<typeof agreementSection>;

function present(a: AgreementRow, signatures: SignatureRow[]) {
  return {
    id: a.id,
    caseId: a.caseId,
    language: a.language,
    title: a.title,
    sections: a.sections as Section[],
    guardianRequired: a.guardianRequired,
    guardianPersonId: a.guardianPersonId,
    status: a.status as never,
    missingSignatures:
      a.status === 'terminated'
        ? []
        : missingSigners(
            requiredSigners(a.guardianRequired),
            signatures.map((s) => s.signer as Signer),
          ),
    signatures: signatures.map((s) => ({
      signer: s.signer as Signer,
      method: s.method as never,
      witnessName: s.witnessName,
      signedByStaffId: s.signedByStaffId,
      signedAt: s.signedAt.toISOString(),
      hasImage: !!s.signatureImage,
    })),
    terminatedAt: a.terminatedAt?.toISOString() ?? null,
    terminationReason: a.terminationReason,
    version: a.version,
  };
}

/** Service agreements and enrolment consent (seed 004): generated from an editable template, signed, terminated. */
export class AgreementService {
  constructor(
    private readonly db: Database,
    private readonly cases: CaseService,
  ) {}

  private async signaturesOf(uow: UnitOfWork, agreementId: string) {
    return uow.tx
      .select()
      .from(agreementSignatures)
      .where(eq(agreementSignatures.agreementId, agreementId))
      .orderBy(asc(agreementSignatures.signedAt));
  }

  private async visibleAgreement(uow: UnitOfWork, id: string, action: string) {
    const [row] = await uow.tx.select().from(serviceAgreements).where(eq(serviceAgreements.id, id)).for('update');
    if (!row) throw notFound('The agreement');
    const theCase = await this.cases.visibleCase(uow, row.caseId, action);
    return { agreement: row, theCase };
  }

  /** Generates the agreement in the person's language (or the one asked for), from the template. */
  async create(ctx: RequestContext, caseId: string, input: z.infer<typeof createAgreementBody>) {
    return inTransaction(this.db, ctx, async (uow) => {
      const theCase = await this.cases.visibleCase(uow, caseId, 'agreement.create');
      const [person] = await uow.tx.select().from(persons).where(eq(persons.id, theCase.personId));
      const [settings] = await uow.tx.select({ under: agency.guardianRequiredUnderAge }).from(agency).where(eq(agency.id, 1));
      const wanted = input.language ?? person!.languages.find(Boolean) ?? 'en';
      const [template] = (await uow.tx.select().from(agreementTemplates).where(eq(agreementTemplates.language, wanted))).concat(
        await uow.tx.select().from(agreementTemplates).where(eq(agreementTemplates.language, 'en')),
      );
      if (!template) throw new DomainError('not_found', 'No agreement template exists; an administrator must add one');
      const needsGuardian = guardianRequired({
        birthDate: person!.birthDate,
        legalCapacity: person!.legalCapacity,
        today: new Date(),
        guardianRequiredUnderAge: settings!.under,
      });
      if (needsGuardian && !person!.guardianPersonId) {
        throw invalidField(
          'guardianPersonId',
          'required',
          'This person needs a guardian to co-sign; record the guardian on the person first',
        );
      }
      const [row] = await uow.tx
        .insert(serviceAgreements)
        .values({
          caseId,
          language: template.language,
          title: template.title,
          sections: template.sections,
          guardianRequired: needsGuardian,
          guardianPersonId: needsGuardian ? person!.guardianPersonId : null,
          createdBy: uow.actor.id,
        })
        .returning();
      uow.audit({ action: 'agreement.create', entityType: 'agreement', entityId: row!.id, personId: theCase.personId });
      return present(row!, []);
    });
  }

  async listForCase(ctx: RequestContext, caseId: string) {
    return inTransaction(this.db, ctx, async (uow) => {
      const theCase = await this.cases.visibleCase(uow, caseId, 'agreement.read');
      const rows = await uow.tx
        .select()
        .from(serviceAgreements)
        .where(eq(serviceAgreements.caseId, caseId))
        .orderBy(desc(serviceAgreements.createdAt));
      uow.audit({ action: 'agreement.read', entityType: 'case', entityId: caseId, personId: theCase.personId });
      return Promise.all(rows.map(async (a) => present(a, await this.signaturesOf(uow, a.id))));
    });
  }

  /** Records one signature; the agreement is in force once every required signer has signed. */
  async sign(ctx: RequestContext, id: string, input: z.infer<typeof signAgreementBody>) {
    return inTransaction(this.db, ctx, async (uow) => {
      const { agreement, theCase } = await this.visibleAgreement(uow, id, 'agreement.sign');
      if (agreement.version !== input.version) throw versionConflict('The agreement');
      if (agreement.status !== 'awaiting_signatures')
        throw new DomainError('transition_not_allowed', 'The agreement is no longer awaiting signatures');
      if (input.signer === 'agency_head' && !uow.actor.roles.includes('agency_head')) {
        throw new DomainError('permission_denied', 'Only the agency head signs for the agency');
      }
      const required = requiredSigners(agreement.guardianRequired);
      const problem = checkSignature({
        signer: input.signer,
        method: input.method,
        hasImage: !!input.signatureImage,
        witnessName: input.witnessName,
        required,
      });
      if (problem)
        throw invalidField(
          problem === 'witness_required' ? 'witnessName' : problem === 'image_required' ? 'signatureImage' : 'signer',
          problem,
          problem.replaceAll('_', ' '),
        );
      const inserted = await uow.tx
        .insert(agreementSignatures)
        .values({
          agreementId: id,
          signer: input.signer,
          method: input.method,
          signatureImage: input.signatureImage,
          witnessName: input.witnessName,
          signedByStaffId: input.signer === 'agency_head' ? uow.actor.id : null,
          recordedBy: uow.actor.id,
        })
        .onConflictDoNothing()
        .returning();
      if (inserted.length === 0) throw new DomainError('already_exists', 'This signer has already signed');
      const signatures = await this.signaturesOf(uow, id);
      const complete =
        missingSigners(
          required,
          signatures.map((s) => s.signer as Signer),
        ).length === 0;
      const [row] = await uow.tx
        .update(serviceAgreements)
        .set({ status: complete ? 'signed' : 'awaiting_signatures', version: sql`${serviceAgreements.version} + 1`, updatedAt: new Date() })
        .where(eq(serviceAgreements.id, id))
        .returning();
      uow.audit({
        action: 'agreement.sign',
        entityType: 'agreement',
        entityId: id,
        personId: theCase.personId,
        details: { signer: input.signer, method: input.method, complete },
      });
      return present(row!, signatures);
    });
  }

  /** The person ends the agreement (their right under seed 004), or the agency does, with a reason. */
  async terminate(ctx: RequestContext, id: string, input: z.infer<typeof terminateAgreementBody>) {
    return inTransaction(this.db, ctx, async (uow) => {
      const { agreement, theCase } = await this.visibleAgreement(uow, id, 'agreement.terminate');
      if (agreement.version !== input.version) throw versionConflict('The agreement');
      if (agreement.status === 'terminated') throw new DomainError('transition_not_allowed', 'The agreement was already terminated');
      const reason = `${input.byPerson ? 'by the person' : 'by the agency'}: ${input.reason}`;
      const [row] = await uow.tx
        .update(serviceAgreements)
        .set({
          status: 'terminated',
          terminatedAt: new Date(),
          terminationReason: reason,
          version: sql`${serviceAgreements.version} + 1`,
          updatedAt: new Date(),
        })
        .where(eq(serviceAgreements.id, id))
        .returning();
      uow.audit({
        action: 'agreement.terminate',
        entityType: 'agreement',
        entityId: id,
        personId: theCase.personId,
        details: { byPerson: input.byPerson },
      });
      return present(row!, await this.signaturesOf(uow, id));
    });
  }

  /** For the printable page: the agreement with its signature images, the person and the agency. */
  async forPrint(ctx: RequestContext, id: string) {
    return inTransaction(this.db, ctx, async (uow) => {
      const { agreement, theCase } = await this.visibleAgreement(uow, id, 'agreement.print');
      const [person] = await uow.tx.select().from(persons).where(eq(persons.id, theCase.personId));
      const [guardian] = agreement.guardianPersonId
        ? await uow.tx.select().from(persons).where(eq(persons.id, agreement.guardianPersonId))
        : [];
      const [a] = await uow.tx.select({ name: agency.name }).from(agency).where(eq(agency.id, 1));
      uow.audit({ action: 'agreement.print', entityType: 'agreement', entityId: id, personId: theCase.personId });
      return {
        agreement,
        signatures: await this.signaturesOf(uow, id),
        person: person!,
        guardian: guardian ?? null,
        agencyName: a!.name,
        caseNumber: theCase.caseNumber,
      };
    });
  }

  async templates() {
    const rows = await this.db.select().from(agreementTemplates).orderBy(asc(agreementTemplates.language));
    return rows.map((t) => ({ id: t.id, language: t.language, title: t.title, sections: t.sections as Section[], version: t.version }));
  }

  async putTemplate(ctx: RequestContext, language: string, input: z.infer<typeof putAgreementTemplateBody>) {
    return inTransaction(this.db, ctx, async (uow) => {
      const [current] = await uow.tx.select().from(agreementTemplates).where(eq(agreementTemplates.language, language)).for('update');
      if (current && input.version !== current.version) throw versionConflict('The template');
      const [row] = current
        ? await uow.tx
            .update(agreementTemplates)
            .set({ title: input.title, sections: input.sections, version: sql`${agreementTemplates.version} + 1`, updatedAt: new Date() })
            .where(and(eq(agreementTemplates.id, current.id)))
            .returning()
        : await uow.tx.insert(agreementTemplates).values({ language, title: input.title, sections: input.sections }).returning();
      uow.audit({ action: 'agreement_template.save', entityType: 'agreement_template', entityId: row!.id, details: { language } });
      return { id: row!.id, language: row!.language, title: row!.title, sections: row!.sections as Section[], version: row!.version };
    });
  }
}
