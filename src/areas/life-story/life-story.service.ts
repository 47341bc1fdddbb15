import type { z } from 'zod';
import { hasPermission } from '../../core/access-policy.ts';
import { calendarDateIn } from '../../core/calendar-date.ts';
import type { RequestContext } from '../../core/context.ts';
import type { Database } from '../../core/db/pool.ts';
import { DomainError, invalidField, notFound, versionConflict } from '../../core/errors.ts';
import { inTransaction, type UnitOfWork } from '../../core/unit-of-work.ts';
import { agencySettings } from '../organisation/agency-settings.ts';
import type { PersonRow } from '../person/person.store.ts';
import type {
  confirmLifeStoryVersionBody,
  keepLifeStoryVersionBody,
  LifeStory,
  LifeStorySections,
  LifeStoryVersion,
  lifeStoryPrintQuery,
  saveLifeStoryDraftBody,
} from './life-story.contract.ts';
import { completeSections, defaultStoryLanguage, emptySections, hasAnyWords, sameStory } from './life-story.rules.ts';
import {
  draftChangerName,
  insertConfirmation,
  insertStory,
  insertVersion,
  type LifeStoryRow,
  personForLifeStory,
  storyOfPerson,
  updateStory,
  type VersionWithNames,
  versionInReach,
  versionsOf,
} from './life-story.store.ts';

type Summary = LifeStory['versions'][number];

/**
 * The life story (seed 001's levnadsberättelse): the person's own account of their life – where
 * they come from, who matters, what they did and like, what they believe and value, how they want
 * to be helped – written with them, in their language. One per person, read only by those working
 * with them. Everyone who does writes in one shared draft (autosaved); keeping a version keeps the
 * draft as it stands, for good; the person confirms a version as their story as they want it told.
 */
export class LifeStoryService {
  constructor(private readonly db: Database) {}

  private mayWrite(uow: UnitOfWork) {
    return hasPermission(uow.actor.roles, 'life_story.write');
  }

  private summary(uow: UnitOfWork, found: VersionWithNames): Summary {
    const { version, savedByName, confirmation, recordedByName } = found;
    return {
      id: version.id,
      number: version.number,
      language: version.language,
      note: version.note,
      savedAt: version.savedAt.toISOString(),
      savedByName,
      confirmation: confirmation
        ? {
            confirmedOn: confirmation.confirmedOn,
            method: confirmation.method,
            interpreterName: confirmation.interpreterName,
            note: confirmation.note,
            recordedByName: recordedByName ?? '',
            recordedAt: confirmation.recordedAt.toISOString(),
          }
        : null,
      may: { confirm: this.mayWrite(uow) && confirmation === null },
    };
  }

  private async present(uow: UnitOfWork, person: PersonRow, story: LifeStoryRow | null, versions: VersionWithNames[]): Promise<LifeStory> {
    const settings = await agencySettings(uow.tx);
    const language = story?.language ?? defaultStoryLanguage(person.languages, settings.languages);
    const sections = story ? completeSections(story.sections as Partial<LifeStorySections>) : emptySections();
    const newest = versions[0];
    const changedSinceVersion =
      story !== null &&
      (!newest ||
        !sameStory(
          { language, sections },
          { language: newest.version.language, sections: completeSections(newest.version.sections as Partial<LifeStorySections>) },
        ));
    return {
      personId: person.id,
      id: story?.id ?? null,
      language,
      sections,
      draftChangedAt: story?.draftChangedAt.toISOString() ?? null,
      draftChangedByName: story ? await draftChangerName(uow.door, story) : null,
      changedSinceVersion,
      versions: versions.map((v) => this.summary(uow, v)),
      may: { write: this.mayWrite(uow), keepVersion: this.mayWrite(uow) && changedSinceVersion && hasAnyWords(sections) },
      version: story?.version ?? 0,
    };
  }

  async get(ctx: RequestContext, personId: string): Promise<LifeStory> {
    return inTransaction(this.db, ctx, async (uow) => {
      const person = await personForLifeStory(uow.door, personId, 'life_story.read');
      const story = await storyOfPerson(uow.door, personId);
      return this.present(uow, person, story, story ? await versionsOf(uow.door, story.id) : []);
    });
  }

  /** The draft as it is typed: the first save begins the life story, later ones change it at the version the client saw. */
  async saveDraft(ctx: RequestContext, personId: string, input: z.infer<typeof saveLifeStoryDraftBody>): Promise<LifeStory> {
    return inTransaction(this.db, ctx, async (uow) => {
      const person = await personForLifeStory(uow.door, personId, 'life_story.update');
      const settings = await agencySettings(uow.tx);
      const earlier = await storyOfPerson(uow.door, personId, { lock: true });
      if ((earlier?.version ?? 0) !== input.version) throw versionConflict('The life story');
      const language = input.language ?? earlier?.language ?? defaultStoryLanguage(person.languages, settings.languages);
      const sections = { ...completeSections(earlier?.sections as Partial<LifeStorySections> | undefined), ...input.sections };
      const story = earlier
        ? await updateStory(uow.door, earlier.id, { language, sections })
        : await insertStory(uow.door, { personId, language, sections });
      uow.audit({
        action: 'life_story.update',
        entityType: 'life_story',
        entityId: story.id,
        personId,
        details: { sections: Object.keys(input.sections ?? {}), ...(input.language ? { language } : {}) },
      });
      return this.present(uow, person, story, await versionsOf(uow.door, story.id));
    });
  }

  /** Keeps the draft as it stands as the next version – refused while it is empty or says what the newest version says. */
  async keepVersion(ctx: RequestContext, personId: string, input: z.infer<typeof keepLifeStoryVersionBody>): Promise<LifeStory> {
    return inTransaction(this.db, ctx, async (uow) => {
      const person = await personForLifeStory(uow.door, personId, 'life_story.keep_version');
      const story = await storyOfPerson(uow.door, personId, { lock: true });
      if (!story || !hasAnyWords(completeSections(story.sections as Partial<LifeStorySections>)))
        throw invalidField('sections', 'required', 'Write at least one section with the person before keeping a version');
      if (story.version !== input.version) throw versionConflict('The life story');
      const versions = await versionsOf(uow.door, story.id);
      const newest = versions[0];
      const sections = completeSections(story.sections as Partial<LifeStorySections>);
      if (
        newest &&
        sameStory(
          { language: story.language, sections },
          { language: newest.version.language, sections: completeSections(newest.version.sections as Partial<LifeStorySections>) },
        )
      )
        throw new DomainError('transition_not_allowed', `Nothing has changed since version ${newest.version.number}`);
      const kept = await insertVersion(uow.door, story, { number: (newest?.version.number ?? 0) + 1, note: input.note });
      uow.audit({
        action: 'life_story.keep_version',
        entityType: 'life_story_version',
        entityId: kept.id,
        personId,
        details: { number: kept.number },
      });
      return this.present(uow, person, story, await versionsOf(uow.door, story.id));
    });
  }

  private presentVersion(uow: UnitOfWork, found: VersionWithNames & { person: PersonRow }): LifeStoryVersion {
    return {
      ...this.summary(uow, found),
      personId: found.person.id,
      sections: completeSections(found.version.sections as Partial<LifeStorySections>),
    };
  }

  async getVersion(ctx: RequestContext, versionId: string): Promise<LifeStoryVersion> {
    return inTransaction(this.db, ctx, async (uow) =>
      this.presentVersion(uow, await versionInReach(uow.door, versionId, 'life_story.read')),
    );
  }

  /** The person's confirmation of a version, with the day and how: once, and not before the version was kept. */
  async confirm(ctx: RequestContext, versionId: string, input: z.infer<typeof confirmLifeStoryVersionBody>): Promise<LifeStoryVersion> {
    return inTransaction(this.db, ctx, async (uow) => {
      const found = await versionInReach(uow.door, versionId, 'life_story.confirm');
      if (found.confirmation) throw new DomainError('already_exists', 'The person has already confirmed this version');
      const settings = await agencySettings(uow.tx);
      if (input.confirmedOn < calendarDateIn(settings.timeZone, found.version.savedAt))
        throw invalidField('confirmedOn', 'before_version', 'The person cannot have confirmed the version before it was kept');
      await insertConfirmation(uow.door, { versionId, personId: found.person.id, ...input });
      uow.audit({
        action: 'life_story.confirm',
        entityType: 'life_story_version',
        entityId: versionId,
        personId: found.person.id,
        details: { number: found.version.number, method: input.method },
      });
      return this.presentVersion(uow, await versionInReach(uow.door, versionId, 'life_story.confirm'));
    });
  }

  /** For the printed page: a version (the newest by default, the draft while none is kept), the person and the agency. */
  async forPrint(ctx: RequestContext, personId: string, query: z.infer<typeof lifeStoryPrintQuery>) {
    return inTransaction(this.db, ctx, async (uow) => {
      const person = await personForLifeStory(uow.door, personId, 'life_story.print');
      const story = await storyOfPerson(uow.door, personId);
      if (!story) throw notFound('The life story');
      const versions = await versionsOf(uow.door, story.id);
      const chosen = query.versionId ? versions.find((v) => v.version.id === query.versionId) : versions[0];
      if (query.versionId && !chosen) throw notFound('The life story version');
      const settings = await agencySettings(uow.tx);
      uow.audit({
        action: 'life_story.print',
        entityType: 'life_story',
        entityId: story.id,
        personId,
        details: { number: chosen?.version.number ?? null },
      });
      return {
        person,
        language: chosen?.version.language ?? story.language,
        sections: completeSections((chosen?.version.sections ?? story.sections) as Partial<LifeStorySections>),
        version: chosen ? this.summary(uow, chosen) : null,
        agencyName: settings.name,
        timeZone: settings.timeZone,
      };
    });
  }
}
