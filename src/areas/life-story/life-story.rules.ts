import type { Actor } from '../../core/access-policy.ts';
import { emptyText, hasWords, type RichText } from '../journal/rich-text.rules.ts';
import { type LifeStorySections, lifeStorySection } from './life-story.contract.ts';

export const lifeStorySectionOrder = lifeStorySection.options;

/** A life story with nothing written in it yet. */
export function emptySections(): LifeStorySections {
  return Object.fromEntries(lifeStorySectionOrder.map((section) => [section, emptyText])) as LifeStorySections;
}

/** The stored sections with any missing one as an empty text (a story begun before a section was added). */
export function completeSections(stored: Partial<Record<string, RichText>> | null | undefined): LifeStorySections {
  const sections = emptySections();
  for (const section of lifeStorySectionOrder) {
    const text = stored?.[section];
    if (text) sections[section] = text;
  }
  return sections;
}

/** Some section has words in it: a version is not kept empty. */
export function hasAnyWords(sections: LifeStorySections): boolean {
  return lifeStorySectionOrder.some((section) => hasWords(sections[section]));
}

/** The sections that have words, in their order: what a printed page shows. */
export function writtenSections(sections: LifeStorySections) {
  return lifeStorySectionOrder.filter((section) => hasWords(sections[section])).map((section) => ({ section, text: sections[section] }));
}

/** Whether two states of the story say the same: the same language and the same text in every section. */
export function sameStory(a: { language: string; sections: LifeStorySections }, b: { language: string; sections: LifeStorySections }) {
  return a.language === b.language && lifeStorySectionOrder.every((s) => JSON.stringify(a.sections[s]) === JSON.stringify(b.sections[s]));
}

/** The language a new life story is written in: the person's first language, else the agency's first. */
export function defaultStoryLanguage(personLanguages: readonly string[], agencyLanguages: readonly string[]): string {
  return personLanguages.find(Boolean) ?? agencyLanguages.find(Boolean) ?? 'en';
}

/** What decides who reads a person's life story: each of their cases, open or closed, and who holds it. */
export interface CaseOfPerson {
  open: boolean;
  unitId: string;
  responsibleStaffId: string;
  teamStaffIds: readonly string[];
}

/**
 * The life story is the person's own, told to those working with them (ADR 0016): the responsible
 * worker and the case team of an open case of theirs, and the supervisors of that case's unit.
 * Not the agency head (who reaches every case, but works with no one in particular), not someone
 * who registered the person or took a request without being on a case, not partners,
 * administrators or auditors; and once every case is closed, no one. `worksWithPerson` in
 * life-story.store.ts is the same rule in SQL.
 */
export function mayReadLifeStory(actor: Pick<Actor, 'id' | 'roles' | 'unitId'>, cases: readonly CaseOfPerson[]): boolean {
  const supervisor = actor.roles.includes('supervisor');
  return cases.some(
    (c) =>
      c.open &&
      (c.responsibleStaffId === actor.id ||
        c.teamStaffIds.includes(actor.id) ||
        (supervisor && actor.unitId !== null && c.unitId === actor.unitId)),
  );
}
