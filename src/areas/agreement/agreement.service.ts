import { and, asc, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { type Actor, mayHandleAgreements, maySignForAgency } from '../../core/access-policy.ts';
import type { RequestContext } from '../../core/context.ts';
import type { Database } from '../../core/db/pool.ts';
import { DomainError, invalidField, versionConflict } from '../../core/errors.ts';
import { inTransaction } from '../../core/unit-of-work.ts';
import { caseInReach } from '../case/case.store.ts';
import { agencySettings } from '../organisation/agency-settings.ts';
import { personInReach } from '../person/person.store.ts';
import type {
  agreementSection,
  createAgreementBody,
  putAgreementTemplateBody,
  signAgreementBody,
  terminateAgreementBody,
} from './agreement.contract.ts';
import { checkSignature, guardianRequired, missingSigners, requiredSigners, type Signer } from './agreement.rules.ts';
import { agreementTemplates } from './agreement.schema.ts';
import {
  type AgreementRow,
  type AgreementSignatureRow,
  agreementInReach,
  agreementSignaturesOf,
  agreementsOfCase,
  insertAgreement,
  insertAgreementSignature,
  signaturesOfAgreements,
  updateAgreement,
} from './agreement.store.ts';

type Section = z.infer<typeof agreementSection>;

/** The agreement as shown, with its signatures and what the actor may do with it. */
function present(actor: Actor, a: AgreementRow, signatures: AgreementSignatureRow[]) {
  const awaiting = a.status === 'awaiting_signatures';
  const signed = new Set(signatures.map((s) => s.signer));
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
    may: {
      recordSignature: awaiting && mayHandleAgreements(actor),
      signForAgency: awaiting && !signed.has('agency_head') && maySignForAgency(actor),
      terminate: a.status !== 'terminated' && mayHandleAgreements(actor),
    },
  };
}

/** Service agreements and enrolment consent (seed 004): generated from an editable template, signed, terminated. */
export class AgreementService {
  constructor(private readonly db: Database) {}

  /** Generates the agreement in the person's language (or the one asked for), from the template. */
  async create(ctx: RequestContext, caseId: string, input: z.infer<typeof createAgreementBody>) {
    return inTransaction(this.db, ctx, async (uow) => {
      const theCase = await caseInReach(uow.door, caseId, 'agreement.create', { lock: true });
      const person = await personInReach(uow.door, theCase.personId, 'agreement.create');
      const settings = await agencySettings(uow.tx);
      const wanted = input.language ?? person.languages.find(Boolean) ?? 'en';
      const templateIn = (language: string) =>
        uow.tx
          .select()
          .from(agreementTemplates)
          .where(and(eq(agreementTemplates.agencyId, uow.actor.agencyId), eq(agreementTemplates.language, language)));
      const [template] = (await templateIn(wanted)).concat(await templateIn('en'));
      if (!template) throw new DomainError('not_found', 'No agreement template exists; an administrator must add one');
      const needsGuardian = guardianRequired({
        birthDate: person.birthDate,
        legalCapacity: person.legalCapacity,
        today: new Date(),
        guardianRequiredUnderAge: settings.guardianRequiredUnderAge,
      });
      if (needsGuardian && !person.guardianPersonId) {
        throw invalidField(
          'guardianPersonId',
          'required',
          'This person needs a guardian to co-sign; record the guardian on the person first',
        );
      }
      const row = await insertAgreement(uow.door, {
        caseId,
        language: template.language,
        title: template.title,
        sections: template.sections,
        guardianRequired: needsGuardian,
        guardianPersonId: needsGuardian ? person.guardianPersonId : null,
      });
      uow.audit({ action: 'agreement.create', entityType: 'agreement', entityId: row.id, personId: theCase.personId });
      return present(uow.actor, row, []);
    });
  }

  async listForCase(ctx: RequestContext, caseId: string) {
    return inTransaction(this.db, ctx, async (uow) => {
      const theCase = await caseInReach(uow.door, caseId, 'agreement.read');
      const rows = await agreementsOfCase(uow.door, theCase, 'agreement.read');
      const signatures = await signaturesOfAgreements(
        uow.door,
        rows.map((a) => a.id),
      );
      return rows.map((a) => present(uow.actor, a, signatures.get(a.id) ?? []));
    });
  }

  /** Records one signature; the agreement is in force once every required signer has signed. */
  async sign(ctx: RequestContext, id: string, input: z.infer<typeof signAgreementBody>) {
    return inTransaction(this.db, ctx, async (uow) => {
      const { row: agreement, theCase } = await agreementInReach(uow.door, id, 'agreement.sign', { lock: true });
      if (agreement.version !== input.version) throw versionConflict('The agreement');
      if (agreement.status !== 'awaiting_signatures')
        throw new DomainError('transition_not_allowed', 'The agreement is no longer awaiting signatures');
      if (input.signer === 'agency_head' && !maySignForAgency(uow.actor)) {
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
      const inserted = await insertAgreementSignature(uow.door, {
        agreementId: id,
        signer: input.signer,
        method: input.method,
        signatureImage: input.signatureImage,
        witnessName: input.witnessName,
        signedByStaffId: input.signer === 'agency_head' ? uow.actor.id : null,
      });
      if (!inserted) throw new DomainError('already_exists', 'This signer has already signed');
      const signatures = await agreementSignaturesOf(uow.door, id);
      const complete =
        missingSigners(
          required,
          signatures.map((s) => s.signer as Signer),
        ).length === 0;
      const row = await updateAgreement(uow.door, id, { status: complete ? 'signed' : 'awaiting_signatures' });
      uow.audit({
        action: 'agreement.sign',
        entityType: 'agreement',
        entityId: id,
        personId: theCase.personId,
        details: { signer: input.signer, method: input.method, complete },
      });
      return present(uow.actor, row, signatures);
    });
  }

  /** The person ends the agreement (their right under seed 004), or the agency does, with a reason. */
  async terminate(ctx: RequestContext, id: string, input: z.infer<typeof terminateAgreementBody>) {
    return inTransaction(this.db, ctx, async (uow) => {
      const { row: agreement, theCase } = await agreementInReach(uow.door, id, 'agreement.terminate', { lock: true });
      if (agreement.version !== input.version) throw versionConflict('The agreement');
      if (agreement.status === 'terminated') throw new DomainError('transition_not_allowed', 'The agreement was already terminated');
      const reason = `${input.byPerson ? 'by the person' : 'by the agency'}: ${input.reason}`;
      const row = await updateAgreement(uow.door, id, { status: 'terminated', terminatedAt: new Date(), terminationReason: reason });
      uow.audit({
        action: 'agreement.terminate',
        entityType: 'agreement',
        entityId: id,
        personId: theCase.personId,
        details: { byPerson: input.byPerson },
      });
      return present(uow.actor, row, await agreementSignaturesOf(uow.door, id));
    });
  }

  /** For the printable page: the agreement with its signature images, the person and the agency. */
  async forPrint(ctx: RequestContext, id: string) {
    return inTransaction(this.db, ctx, async (uow) => {
      const { row: agreement, theCase } = await agreementInReach(uow.door, id, 'agreement.print');
      const person = await personInReach(uow.door, theCase.personId, 'agreement.print');
      const guardian = agreement.guardianPersonId ? await personInReach(uow.door, agreement.guardianPersonId, 'agreement.print') : null;
      uow.audit({ action: 'agreement.print', entityType: 'agreement', entityId: id, personId: theCase.personId });
      const settings = await agencySettings(uow.tx);
      return {
        agreement,
        signatures: await agreementSignaturesOf(uow.door, id),
        person,
        guardian,
        agencyName: settings.name,
        caseNumber: theCase.caseNumber,
        timeZone: settings.timeZone,
      };
    });
  }

  async templates(ctx: RequestContext) {
    const rows = await inTransaction(this.db, ctx, (uow) =>
      uow.tx
        .select()
        .from(agreementTemplates)
        .where(eq(agreementTemplates.agencyId, uow.actor.agencyId))
        .orderBy(asc(agreementTemplates.language)),
    );
    return rows.map((t) => ({ id: t.id, language: t.language, title: t.title, sections: t.sections as Section[], version: t.version }));
  }

  async putTemplate(ctx: RequestContext, language: string, input: z.infer<typeof putAgreementTemplateBody>) {
    return inTransaction(this.db, ctx, async (uow) => {
      const [current] = await uow.tx
        .select()
        .from(agreementTemplates)
        .where(and(eq(agreementTemplates.agencyId, uow.actor.agencyId), eq(agreementTemplates.language, language)))
        .for('update');
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
