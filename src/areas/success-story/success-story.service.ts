import type { z } from 'zod';
import { hasPermission } from '../../core/access-policy.ts';
import { calendarDateIn } from '../../core/calendar-date.ts';
import type { LocaleCode } from '../../core/common.contract.ts';
import type { RequestContext } from '../../core/context.ts';
import type { Database } from '../../core/db/pool.ts';
import { DomainError, invalidField, versionConflict } from '../../core/errors.ts';
import { inTransaction, type UnitOfWork } from '../../core/unit-of-work.ts';
import { caseInReach } from '../case/case.store.ts';
import { hasWords, type RichText } from '../journal/rich-text.rules.ts';
import { agencySettings } from '../organisation/agency-settings.ts';
import { type AnonymisingContext, anonymise, identifiersIn } from './anonymise.rules.ts';
import type {
  anonymiseBody,
  approveAnonymisedBody,
  createStoryBody,
  Proposal,
  recordConsentBody,
  recordUseBody,
  SuccessStory,
  storyUseRecord,
  updateAnonymisedBody,
  updateStoryBody,
} from './success-story.contract.ts';
import {
  usesOf as allowedUses,
  type ConsentEventFacts,
  type CopyFacts,
  consentEventProblem,
  consentInForce,
  isCopyOutdated,
  mayReview,
  mayUse,
} from './success-story.rules.ts';
import {
  type ConsentWithName,
  consentsOf,
  insertConsent,
  insertStory,
  insertUse,
  personAndRelativesOf,
  type StoryRow,
  type StoryWithNames,
  storiesOfCase,
  storyInReach,
  type UseWithName,
  updateStory,
  usesOf,
} from './success-story.store.ts';

/** The bracketed words that stand in for names, places and contacts in an anonymised copy, in a language. */
export type AnonymisedLabels = (language: string) => AnonymisingContext['labels'];

const copyFacts = (story: StoryRow): CopyFacts => ({
  storyRevision: story.revision,
  hasCopy: story.anonText !== null,
  copySourceRevision: story.anonSourceRevision,
  copyRevision: story.anonRevision,
  approvedCopyRevision: story.approvedRevision,
});
const eventFacts = (consents: readonly ConsentWithName[]): ConsentEventFacts[] =>
  consents.map((c) => ({ use: c.use, kind: c.kind, on: c.on, seq: c.seq }));

/**
 * Success stories (seed 004): a free-form story on a chosen case, used only as the person agreed –
 * for learning inside the agency, anonymised in reports, published – each use with its own consent,
 * withdrawable at any time. Beyond the agency the story goes only as its anonymised copy, made by
 * the anonymiser (anonymise.rules.ts), read and approved by a reviewer who did not write it.
 */
export class SuccessStoryService {
  constructor(
    private readonly db: Database,
    private readonly labels: AnonymisedLabels,
  ) {}

  private present(uow: UnitOfWork, found: StoryWithNames, consents: ConsentWithName[], uses: UseWithName[]): SuccessStory {
    const { story } = found;
    const mine = consents.filter((c) => c.storyId === story.id);
    const events = eventFacts(mine);
    const facts = copyFacts(story);
    const write = hasPermission(uow.actor.roles, 'success_story.write');
    const outdated = isCopyOutdated(facts);
    const usable = allowedUses(events, facts);
    return {
      id: story.id,
      caseId: story.caseId,
      language: story.language,
      title: story.title,
      text: story.text as RichText,
      authorName: found.authorName,
      createdAt: story.createdAt.toISOString(),
      updatedAt: story.updatedAt.toISOString(),
      anonymised:
        story.anonText !== null && story.anonymisedAt
          ? {
              title: story.anonTitle ?? '',
              text: story.anonText as RichText,
              dates: story.anonDates ?? 'month_year',
              proposals: story.anonProposals as Proposal[],
              remaining: story.anonRemaining as Proposal[],
              madeAt: story.anonymisedAt.toISOString(),
              madeByName: found.anonymisedByName ?? '',
              editedByName: found.editedByName,
              outdated,
              approval:
                story.approvedRevision === story.anonRevision && !outdated && story.approvedAt
                  ? { approvedAt: story.approvedAt.toISOString(), approvedByName: found.approvedByName ?? '' }
                  : null,
            }
          : null,
      consents: usable.map(({ use }) => ({
        use,
        inForce: consentInForce(events, use),
        events: mine
          .filter((c) => c.use === use)
          .map((c) => ({
            use: c.use,
            kind: c.kind,
            on: c.on,
            method: c.method,
            givenBy: c.givenBy,
            note: c.note,
            recordedAt: c.recordedAt.toISOString(),
            recordedByName: c.recordedByName,
          })),
      })),
      uses: usable,
      usesRecorded: uses
        .filter((u) => u.storyId === story.id)
        .map((u) => ({ use: u.use, purpose: u.purpose, recordedAt: u.recordedAt.toISOString(), recordedByName: u.recordedByName })),
      may: {
        change: write,
        recordConsent: write,
        anonymise: write && hasWords(story.text as RichText),
        review:
          hasPermission(uow.actor.roles, 'success_story.review') && mayReview(uow.actor, story.writerIds) && facts.hasCopy && !outdated,
        recordUse: write && usable.some((u) => u.allowed),
      },
      version: story.version,
    };
  }

  /** The story as it is now, read again inside the unit of work (after a change). */
  private async reread(uow: UnitOfWork, id: string, action: Parameters<typeof storyInReach>[2]): Promise<SuccessStory> {
    const found = await storyInReach(uow.door, id, action);
    return this.present(uow, found, await consentsOf(uow.door, [id]), await usesOf(uow.door, [id]));
  }

  async list(ctx: RequestContext, caseId: string) {
    return inTransaction(this.db, ctx, async (uow) => {
      const theCase = await caseInReach(uow.door, caseId, 'success_story.list');
      const stories = await storiesOfCase(uow.door, theCase);
      const ids = stories.map((s) => s.story.id);
      const [consents, uses] = [await consentsOf(uow.door, ids), await usesOf(uow.door, ids)];
      return { items: stories.map((found) => this.present(uow, found, consents, uses)) };
    });
  }

  async get(ctx: RequestContext, id: string) {
    return inTransaction(this.db, ctx, async (uow) => this.reread(uow, id, 'success_story.read'));
  }

  /** A new story on a case within reach – also a closed one: a success is often seen when the work is done. */
  async create(ctx: RequestContext, caseId: string, input: z.infer<typeof createStoryBody>) {
    return inTransaction(this.db, ctx, async (uow) => {
      const theCase = await caseInReach(uow.door, caseId, 'success_story.create');
      const settings = await agencySettings(uow.tx);
      const language = input.language ?? (settings.languages[0] as LocaleCode | undefined) ?? 'en';
      const row = await insertStory(uow.door, { caseId, language, title: input.title, text: input.text });
      uow.audit({ action: 'success_story.create', entityType: 'success_story', entityId: row.id, personId: theCase.personId });
      return this.reread(uow, row.id, 'success_story.create');
    });
  }

  /** A change of title or text: the story's revision moves on, so an anonymised copy made before is outdated and unapproved. */
  async update(ctx: RequestContext, id: string, input: z.infer<typeof updateStoryBody>) {
    return inTransaction(this.db, ctx, async (uow) => {
      const { story, theCase } = await storyInReach(uow.door, id, 'success_story.update', { lock: true });
      if (story.version !== input.version) throw versionConflict('The success story');
      const changed =
        (input.title !== undefined && input.title !== story.title) ||
        (input.text !== undefined && JSON.stringify(input.text) !== JSON.stringify(story.text));
      await updateStory(uow.door, id, {
        ...(input.title !== undefined ? { title: input.title } : {}),
        ...(input.text !== undefined ? { text: input.text } : {}),
        ...(changed ? { revision: story.revision + 1, writerIds: [...new Set([...story.writerIds, uow.actor.id])] } : {}),
      });
      uow.audit({
        action: 'success_story.update',
        entityType: 'success_story',
        entityId: id,
        personId: theCase.personId,
        details: { fields: Object.keys(input).filter((k) => k !== 'version') },
      });
      return this.reread(uow, id, 'success_story.update');
    });
  }

  /** A consent given to a use, or withdrawn: an event appended to the ledger; a withdrawal holds from the moment it is recorded. */
  async recordConsent(ctx: RequestContext, id: string, input: z.infer<typeof recordConsentBody>) {
    return inTransaction(this.db, ctx, async (uow) => {
      const { theCase } = await storyInReach(uow.door, id, 'success_story.consent', { lock: true });
      const problem = consentEventProblem(eventFacts(await consentsOf(uow.door, [id])), input);
      if (problem?.field === 'kind')
        throw new DomainError('transition_not_allowed', problem.message, [
          { field: problem.field, code: problem.code, message: problem.message },
        ]);
      if (problem) throw invalidField(problem.field, problem.code, problem.message);
      await insertConsent(uow.door, { storyId: id, ...input });
      uow.audit({
        action: 'success_story.consent',
        entityType: 'success_story',
        entityId: id,
        personId: theCase.personId,
        details: { use: input.use, kind: input.kind, givenBy: input.givenBy },
      });
      return this.reread(uow, id, 'success_story.consent');
    });
  }

  private async anonymisingContext(
    uow: UnitOfWork,
    story: StoryRow,
    theCase: Parameters<typeof personAndRelativesOf>[1],
    dates: AnonymisingContext['dates'],
  ) {
    const { person, relatives } = await personAndRelativesOf(uow.door, theCase);
    const settings = await agencySettings(uow.tx);
    return {
      person,
      relatives,
      language: story.language,
      writtenOn: calendarDateIn(settings.timeZone, story.createdAt),
      dates,
      labels: this.labels(story.language),
    } satisfies AnonymisingContext;
  }

  /** Runs the anonymiser on the story as it is now: a new copy, its proposals, and no approval until a reviewer gives it. */
  async anonymise(ctx: RequestContext, id: string, input: z.infer<typeof anonymiseBody>) {
    return inTransaction(this.db, ctx, async (uow) => {
      const { story, theCase } = await storyInReach(uow.door, id, 'success_story.anonymise', { lock: true });
      if (story.version !== input.version) throw versionConflict('The success story');
      if (!hasWords(story.text as RichText)) throw invalidField('text', 'required', 'Write the story before making an anonymised copy');
      const context = await this.anonymisingContext(uow, story, theCase, input.dates);
      const copy = anonymise({ title: story.title, text: story.text as RichText }, context, input.keep);
      await updateStory(uow.door, id, {
        anonTitle: copy.title,
        anonText: copy.text,
        anonProposals: copy.proposals,
        anonRemaining: identifiersIn(copy, context, input.keep),
        anonDates: input.dates,
        anonSourceRevision: story.revision,
        anonRevision: story.anonRevision + 1,
        anonymisedBy: uow.actor.id,
        anonymisedAt: new Date(),
        anonEditedBy: null,
        approvedRevision: null,
        approvedBy: null,
        approvedAt: null,
      });
      uow.audit({
        action: 'success_story.anonymise',
        entityType: 'success_story',
        entityId: id,
        personId: theCase.personId,
        details: { replaced: copy.proposals.filter((p) => p.applied).length, kept: copy.proposals.filter((p) => !p.applied).length },
      });
      return this.reread(uow, id, 'success_story.anonymise');
    });
  }

  /** The reviewer's hold on a copy: there is one, made from the story as it is, and the actor reviews (supervision, not a writer of it). */
  private assertReviewable(uow: UnitOfWork, story: StoryRow, version: number) {
    if (story.anonText === null) throw new DomainError('transition_not_allowed', 'Make the anonymised copy first');
    if (isCopyOutdated(copyFacts(story)))
      throw new DomainError('transition_not_allowed', 'The story has changed since the copy was made; make the anonymised copy again');
    if (!mayReview(uow.actor, story.writerIds))
      throw new DomainError('permission_denied', 'The anonymised copy is reviewed by someone who did not write the story');
    if (story.version !== version) throw versionConflict('The success story');
  }

  /** The reviewer's edit of the copy: what the copy still names is worked out again, and an approval given before lapses. */
  async editCopy(ctx: RequestContext, id: string, input: z.infer<typeof updateAnonymisedBody>) {
    return inTransaction(this.db, ctx, async (uow) => {
      const { story, theCase } = await storyInReach(uow.door, id, 'success_story.edit_copy', { lock: true });
      this.assertReviewable(uow, story, input.version);
      const copy = { title: input.title ?? story.anonTitle ?? '', text: input.text ?? (story.anonText as RichText) };
      const context = await this.anonymisingContext(uow, story, theCase, story.anonDates ?? 'month_year');
      const kept = (story.anonProposals as Proposal[]).filter((p) => !p.applied).map((p) => p.id);
      await updateStory(uow.door, id, {
        anonTitle: copy.title,
        anonText: copy.text,
        anonRemaining: identifiersIn(copy, context, kept),
        anonRevision: story.anonRevision + 1,
        anonEditedBy: uow.actor.id,
      });
      uow.audit({ action: 'success_story.edit_copy', entityType: 'success_story', entityId: id, personId: theCase.personId });
      return this.reread(uow, id, 'success_story.edit_copy');
    });
  }

  /** The reviewer approves the copy as it stands; where it still names something, only once they say they read that and accept it. */
  async approve(ctx: RequestContext, id: string, input: z.infer<typeof approveAnonymisedBody>) {
    return inTransaction(this.db, ctx, async (uow) => {
      const { story, theCase } = await storyInReach(uow.door, id, 'success_story.approve', { lock: true });
      this.assertReviewable(uow, story, input.version);
      if (story.approvedRevision === story.anonRevision)
        throw new DomainError('transition_not_allowed', 'The anonymised copy is already approved as it stands');
      const remaining = story.anonRemaining as Proposal[];
      if (remaining.length > 0 && !input.acceptRemaining)
        throw new DomainError(
          'transition_not_allowed',
          'The copy still names what may tell who the person is',
          remaining.map((p) => ({ field: 'acceptRemaining', code: `remaining_${p.kind}`, message: p.original })),
        );
      await updateStory(uow.door, id, { approvedRevision: story.anonRevision, approvedBy: uow.actor.id, approvedAt: new Date() });
      uow.audit({
        action: 'success_story.approve',
        entityType: 'success_story',
        entityId: id,
        personId: theCase.personId,
        details: { copyRevision: story.anonRevision, acceptedRemaining: remaining.length },
      });
      return this.reread(uow, id, 'success_story.approve');
    });
  }

  /**
   * A use of the story, recorded – only when it is allowed now: the person's consent to that use in
   * force and, for reports and publishing, the anonymised copy approved. Answers with what may be used.
   */
  async recordUse(ctx: RequestContext, id: string, input: z.infer<typeof recordUseBody>): Promise<z.infer<typeof storyUseRecord>> {
    return inTransaction(this.db, ctx, async (uow) => {
      const { story, theCase } = await storyInReach(uow.door, id, 'success_story.use', { lock: true });
      const verdict = mayUse(input.use, eventFacts(await consentsOf(uow.door, [id])), copyFacts(story));
      if (!verdict.allowed)
        throw new DomainError(
          'transition_not_allowed',
          verdict.missing.includes('consent')
            ? "The person's consent to this use is not in force"
            : 'The anonymised copy must be approved, as it stands, before this use',
          verdict.missing.map((missing) => ({
            field: 'use',
            code: missing === 'consent' ? 'consent_not_in_force' : 'copy_not_approved',
            message: missing === 'consent' ? 'No consent in force for this use' : 'No approved anonymised copy',
          })),
        );
      const anonymous = input.use !== 'internal_learning';
      const row = await insertUse(uow.door, {
        storyId: id,
        use: input.use,
        purpose: input.purpose,
        storyRevision: story.revision,
        anonRevision: anonymous ? story.anonRevision : null,
      });
      uow.audit({
        action: 'success_story.use',
        entityType: 'success_story',
        entityId: id,
        personId: theCase.personId,
        details: { use: input.use },
      });
      return {
        use: row.use,
        purpose: row.purpose,
        title: anonymous ? (story.anonTitle ?? '') : story.title,
        text: (anonymous ? story.anonText : story.text) as RichText,
        recordedAt: row.recordedAt.toISOString(),
      };
    });
  }
}
