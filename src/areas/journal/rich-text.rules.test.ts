import { describe, expect, it } from 'vitest';
import { richTextHtml } from './journal.document.ts';
import { hasWords, plainText, richText } from './rich-text.rules.ts';
import { hanBigrams, searchTerms } from './search-terms.rules.ts';

const doc = (...content: unknown[]) => ({ type: 'doc', content });
const p = (text: string) => ({ type: 'paragraph', content: [{ type: 'text', text }] });

describe('the text of a journal entry', () => {
  it('accepts headings, lists, bold and italic', () => {
    const text = doc(
      { type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: 'Visit' }] },
      { type: 'bulletList', content: [{ type: 'listItem', content: [p('Rent paid')] }] },
      { type: 'paragraph', content: [{ type: 'text', text: 'Calm', marks: [{ type: 'bold' }, { type: 'italic' }] }] },
    );
    expect(richText.safeParse(text).success).toBe(true);
  });

  it('refuses a node type the journal does not use, such as raw HTML or an image', () => {
    expect(richText.safeParse(doc({ type: 'html', content: '<script>' })).success).toBe(false);
    expect(richText.safeParse(doc({ type: 'image', attrs: { src: 'x' } })).success).toBe(false);
  });

  it('refuses a link mark and unknown attributes', () => {
    expect(
      richText.safeParse(
        doc({ type: 'paragraph', content: [{ type: 'text', text: 'x', marks: [{ type: 'link', attrs: { href: 'javascript:x' } }] }] }),
      ).success,
    ).toBe(false);
    expect(richText.safeParse(doc({ type: 'paragraph', attrs: { onclick: 'x' }, content: [] })).success).toBe(false);
  });

  it('refuses lists nested deeper than five levels', () => {
    let list: unknown = { type: 'bulletList', content: [{ type: 'listItem', content: [p('deep')] }] };
    for (let i = 0; i < 6; i++) list = { type: 'bulletList', content: [{ type: 'listItem', content: [p('x'), list] }] };
    expect(richText.safeParse(doc(list)).success).toBe(false);
  });

  it('gives the words one line per block for search and plain exports', () => {
    const text = richText.parse(doc(p('First'), { type: 'bulletList', content: [{ type: 'listItem', content: [p('Second')] }] }));
    expect(plainText(text)).toBe('First\nSecond');
    expect(hasWords(richText.parse(doc(p('  ')).valueOf()))).toBe(false);
  });

  it('escapes every word when printed, so typed markup stays text', () => {
    const text = richText.parse(doc(p('<img src=x onerror=alert(1)>')));
    expect(richTextHtml(text.content)).toBe('<p>&lt;img src=x onerror=alert(1)&gt;</p>');
  });
});

describe('search terms', () => {
  it('cuts Chinese into overlapping pairs of Simplified characters', () => {
    expect(hanBigrams('住房補助')).toEqual(['住房', '房补', '补助']);
  });

  it('adds the Latin keys of Cyrillic words so a search in Latin letters finds them', () => {
    expect(searchTerms('Встреча с Ивановой')).toContain('ivanovoi');
  });

  it('adds the plain form of Latin words with diacritics', () => {
    expect(searchTerms('Bjørn ringte')).toContain('bjorn');
  });

  it('adds nothing for plain Latin words, which the index holds as they are', () => {
    expect(searchTerms('rent paid')).toEqual([]);
  });
});
