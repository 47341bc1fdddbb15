import type { z } from 'zod';
import { calendarDateIn } from '../../core/calendar-date.ts';
import type { LocaleCode } from '../../core/common.contract.ts';
import type { RequestContext } from '../../core/context.ts';
import type { Database, Transaction } from '../../core/db/pool.ts';
import { documentLanguage, translatorFor } from '../../core/documents/documents.ts';
import { DomainError, invalidField, notFound, versionConflict } from '../../core/errors.ts';
import { inTransaction } from '../../core/unit-of-work.ts';
import { agencySettings } from '../organisation/agency-settings.ts';
import {
  type CooperationAgreement,
  type CooperationSections,
  cooperationSection,
  type createCooperationBody,
  type endCooperationBody,
  type putCooperationTemplateBody,
  type signCooperationBody,
  type updateCooperationBody,
} from './cooperation.contract.ts';
import { renderCooperation } from './cooperation.document.ts';
import { cooperationStateAt, isInForce, runsUntil } from './cooperation.rules.ts';
import {
  type CooperationRow,
  type CooperationWithPartner,
  cooperationById,
  cooperationsOfPartner,
  insertCooperation,
  partnerExists,
  saveTemplate,
  signedCooperationsOf,
  templateOf,
  updateCooperation,
} from './cooperation.store.ts';

type Signature = CooperationAgreement['signatures'][number];

/** The shipped text of each section in a language. */
function shippedSections(language: string): CooperationSections {
  const t = translatorFor(documentLanguage(language));
  return Object.fromEntries(cooperationSection.options.map((s) => [s, t(`cooperationText_${s}`)])) as CooperationSections;
}

function present({ agreement: a, partnerName }: CooperationWithPartner, today: string): CooperationAgreement {
  const signatures = a.signatures as Signature[];
  const facts = {
    startsOn: a.startsOn,
    endsOn: a.endsOn,
    renewal: a.renewal,
    signedBy: signatures.map((s) => s.party),
    endedOn: a.endedOn,
  };
  const state = cooperationStateAt(facts, today);
  return {
    id: a.id,
    partnerOrganisationId: a.partnerOrganisationId,
    partnerName,
    language: a.language as LocaleCode,
    startsOn: a.startsOn,
    endsOn: a.endsOn,
    renewal: a.renewal,
    runsUntil: runsUntil(facts, today),
    sections: { ...shippedSections(a.language), ...(a.sections as Partial<CooperationSections>) },
    signatures,
    endedOn: a.endedOn,
    endReason: a.endReason,
    state,
    may: {
      edit: signatures.length === 0,
      sign: signatures.length < 2,
      end: signatures.length === 2 && !a.endedOn && state !== 'expired',
    },
    version: a.version,
  };
}

/** Which of these partners has a cooperation agreement in force today. */
export async function partnersWithAgreementInForce(tx: Transaction, partnerIds: readonly string[], today: string): Promise<Set<string>> {
  const rows = await signedCooperationsOf(tx, partnerIds);
  const inForce = new Set<string>();
  for (const a of rows as CooperationRow[]) {
    const signedBy = (a.signatures as Signature[]).map((s) => s.party);
    if (isInForce(cooperationStateAt({ startsOn: a.startsOn, endsOn: a.endsOn, renewal: a.renewal, signedBy, endedOn: a.endedOn }, today)))
      inForce.add(a.partnerOrganisationId);
  }
  return inForce;
}

export class CooperationService {
  constructor(private readonly db: Database) {}

  private async today(tx: Transaction) {
    return calendarDateIn((await agencySettings(tx)).timeZone);
  }

  async template(ctx: RequestContext, language: LocaleCode) {
    return inTransaction(this.db, ctx, async (uow) => {
      const own = await templateOf(uow.tx, language);
      return {
        language,
        sections: { ...shippedSections(language), ...((own?.sections as Partial<CooperationSections>) ?? {}) },
        version: own?.version ?? null,
      };
    });
  }

  async saveTemplate(ctx: RequestContext, language: LocaleCode, input: z.infer<typeof putCooperationTemplateBody>) {
    return inTransaction(this.db, ctx, async (uow) => {
      const saved = await saveTemplate(uow.tx, language, input.sections, input.version);
      if (saved.conflict) throw versionConflict('The template');
      uow.audit({ action: 'cooperation_template.save', entityType: 'cooperation_template', entityId: saved.row.id, details: { language } });
      return { language, sections: input.sections, version: saved.row.version };
    });
  }

  async listOfPartner(ctx: RequestContext, partnerId: string) {
    return inTransaction(this.db, ctx, async (uow) => {
      if (!(await partnerExists(uow.tx, partnerId))) throw notFound('The partner organisation');
      const today = await this.today(uow.tx);
      return { items: (await cooperationsOfPartner(uow.tx, partnerId)).map((row) => present(row, today)) };
    });
  }

  async get(ctx: RequestContext, id: string) {
    return inTransaction(this.db, ctx, async (uow) => present(await cooperationById(uow.tx, id), await this.today(uow.tx)));
  }

  /** A new agreement with a partner, its text from the agency's template in the language chosen (or as given). */
  async create(ctx: RequestContext, partnerId: string, input: z.infer<typeof createCooperationBody>) {
    return inTransaction(this.db, ctx, async (uow) => {
      if (!(await partnerExists(uow.tx, partnerId))) throw notFound('The partner organisation');
      const own = await templateOf(uow.tx, input.language);
      const sections = { ...shippedSections(input.language), ...((own?.sections as object) ?? {}), ...(input.sections ?? {}) };
      const row = await insertCooperation(uow.tx, {
        partnerOrganisationId: partnerId,
        language: input.language,
        startsOn: input.startsOn,
        endsOn: input.endsOn,
        renewal: input.renewal,
        sections,
        createdBy: uow.actor.id,
      });
      uow.audit({
        action: 'cooperation.create',
        entityType: 'cooperation_agreement',
        entityId: row.id,
        details: { partnerOrganisationId: partnerId },
      });
      return present(await cooperationById(uow.tx, row.id), await this.today(uow.tx));
    });
  }

  /** Changes the text or the term – only before anyone has signed: a signed agreement is changed by a new one. */
  async update(ctx: RequestContext, id: string, input: z.infer<typeof updateCooperationBody>) {
    return inTransaction(this.db, ctx, async (uow) => {
      const { agreement: a } = await cooperationById(uow.tx, id, { lock: true });
      if (a.version !== input.version) throw versionConflict('The cooperation agreement');
      if ((a.signatures as Signature[]).length > 0)
        throw new DomainError('transition_not_allowed', 'A signed agreement is not changed; the parties sign a new one');
      const startsOn = input.startsOn ?? a.startsOn;
      const endsOn = input.endsOn === undefined ? a.endsOn : input.endsOn;
      if (endsOn && endsOn < startsOn) throw invalidField('endsOn', 'before_start', 'The agreement must not end before it starts');
      await updateCooperation(uow.tx, id, {
        startsOn,
        endsOn,
        ...(input.renewal ? { renewal: input.renewal } : {}),
        ...(input.sections ? { sections: { ...(a.sections as object), ...input.sections } } : {}),
      });
      uow.audit({ action: 'cooperation.update', entityType: 'cooperation_agreement', entityId: id });
      return present(await cooperationById(uow.tx, id), await this.today(uow.tx));
    });
  }

  /** Records one party's signature: who signed for it, and when. Both signed, it is in force from its first day. */
  async sign(ctx: RequestContext, id: string, input: z.infer<typeof signCooperationBody>) {
    return inTransaction(this.db, ctx, async (uow) => {
      const { agreement: a } = await cooperationById(uow.tx, id, { lock: true });
      if (a.version !== input.version) throw versionConflict('The cooperation agreement');
      const signatures = a.signatures as Signature[];
      if (signatures.some((s) => s.party === input.party)) throw invalidField('party', 'already_signed', 'That party has signed already');
      if (input.signedOn > (await this.today(uow.tx)))
        throw invalidField('signedOn', 'in_the_future', 'A signature is recorded once it is made');
      const signature: Signature = {
        party: input.party,
        signatoryName: input.signatoryName,
        signatoryTitle: input.signatoryTitle,
        signedOn: input.signedOn,
      };
      await updateCooperation(uow.tx, id, { signatures: [...signatures, signature] });
      uow.audit({ action: 'cooperation.sign', entityType: 'cooperation_agreement', entityId: id, details: { party: input.party } });
      return present(await cooperationById(uow.tx, id), await this.today(uow.tx));
    });
  }

  /** Ends an agreement in force: a party withdrew, or the parties agreed to end it, from the day given. */
  async end(ctx: RequestContext, id: string, input: z.infer<typeof endCooperationBody>) {
    return inTransaction(this.db, ctx, async (uow) => {
      const found = await cooperationById(uow.tx, id, { lock: true });
      const a = found.agreement;
      if (a.version !== input.version) throw versionConflict('The cooperation agreement');
      if (!present(found, await this.today(uow.tx)).may.end)
        throw new DomainError('transition_not_allowed', 'Only an agreement signed by both parties and not ended is ended');
      if (input.endedOn < a.startsOn) throw invalidField('endedOn', 'before_start', 'The agreement cannot end before it starts');
      await updateCooperation(uow.tx, id, { endedOn: input.endedOn, endReason: input.reason });
      uow.audit({ action: 'cooperation.end', entityType: 'cooperation_agreement', entityId: id });
      return present(await cooperationById(uow.tx, id), await this.today(uow.tx));
    });
  }

  async print(ctx: RequestContext, id: string) {
    return inTransaction(this.db, ctx, async (uow) => {
      const settings = await agencySettings(uow.tx);
      const agreement = present(await cooperationById(uow.tx, id), calendarDateIn(settings.timeZone));
      uow.audit({ action: 'cooperation.print', entityType: 'cooperation_agreement', entityId: id });
      return renderCooperation({ agreement, agencyName: settings.name, timeZone: settings.timeZone });
    });
  }
}
