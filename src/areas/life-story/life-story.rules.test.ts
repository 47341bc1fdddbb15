import { describe, expect, it } from 'vitest';
import type { RichText } from '../journal/rich-text.rules.ts';
import {
  completeSections,
  defaultStoryLanguage,
  emptySections,
  hasAnyWords,
  mayReadLifeStory,
  sameStory,
  writtenSections,
} from './life-story.rules.ts';

const words = (text: string): RichText => ({ type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] });

const worker = { id: 'w', roles: ['case_worker'] as const, unitId: 'u1' };
const supervisor = { id: 's', roles: ['supervisor'] as const, unitId: 'u1' };
const head = { id: 'h', roles: ['agency_head'] as const, unitId: null };
const openCase = { open: true, unitId: 'u1', responsibleStaffId: 'r', teamStaffIds: ['t'] };

describe('who reads a life story', () => {
  it('is the responsible worker of an open case of the person', () => {
    expect(mayReadLifeStory({ ...worker, id: 'r' }, [openCase])).toBe(true);
  });

  it('is someone on the case team of an open case', () => {
    expect(mayReadLifeStory({ ...worker, id: 't' }, [openCase])).toBe(true);
  });

  it("is a supervisor of the open case's unit", () => {
    expect(mayReadLifeStory(supervisor, [openCase])).toBe(true);
  });

  it('is not a supervisor of another unit', () => {
    expect(mayReadLifeStory({ ...supervisor, unitId: 'u2' }, [openCase])).toBe(false);
  });

  it('is not the agency head, who reaches every case but works with no one in particular', () => {
    expect(mayReadLifeStory(head, [openCase])).toBe(false);
  });

  it('is not a worker of the same unit who is not on the case', () => {
    expect(mayReadLifeStory(worker, [openCase])).toBe(false);
  });

  it('is no one once every case of the person is closed', () => {
    const closed = { ...openCase, open: false };
    expect(mayReadLifeStory({ ...worker, id: 'r' }, [closed])).toBe(false);
    expect(mayReadLifeStory(supervisor, [closed])).toBe(false);
  });

  it('is whoever works with the person on any one of their open cases', () => {
    const other = { open: true, unitId: 'u2', responsibleStaffId: 'x', teamStaffIds: [] };
    expect(mayReadLifeStory({ ...worker, id: 'x' }, [{ ...openCase, open: false }, other])).toBe(true);
  });
});

describe('the sections of a life story', () => {
  it('fill in a section missing from what was stored as an empty text', () => {
    const sections = completeSections({ values: words('Honesty') });
    expect(sections.values).toEqual(words('Honesty'));
    expect(sections.upbringing).toEqual({ type: 'doc', content: [] });
  });

  it('count as written only when some section has words', () => {
    expect(hasAnyWords(emptySections())).toBe(false);
    expect(hasAnyWords({ ...emptySections(), interests: words('Chess') })).toBe(true);
  });

  it('print only the sections with words, in their order', () => {
    const sections = { ...emptySections(), how_to_help: words('Ask me first'), upbringing: words('Grew up in Tromsø') };
    expect(writtenSections(sections).map((s) => s.section)).toEqual(['upbringing', 'how_to_help']);
  });
});

describe('two states of a story', () => {
  it('are the same when language and every section agree', () => {
    const a = { language: 'ru', sections: { ...emptySections(), values: words('Семья') } };
    expect(sameStory(a, structuredClone(a))).toBe(true);
  });

  it('differ when only the language differs', () => {
    const a = { language: 'ru', sections: emptySections() };
    expect(sameStory(a, { ...a, language: 'uk' })).toBe(false);
  });
});

describe('the language of a new life story', () => {
  it("is the person's first language", () => {
    expect(defaultStoryLanguage(['ru', 'nb'], ['nb'])).toBe('ru');
  });

  it("is the agency's first language when the person's is not known", () => {
    expect(defaultStoryLanguage([], ['sv', 'en'])).toBe('sv');
  });
});
