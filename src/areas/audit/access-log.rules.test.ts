import { describe, expect, it } from 'vitest';
import { accessKindOf } from './access-log.rules.ts';

describe('an access as the person is told of it', () => {
  it('is a read for reads, lists and searches', () => {
    expect(accessKindOf('journal.read', 'success')).toBe('read');
    expect(accessKindOf('case.list', 'success')).toBe('read');
    expect(accessKindOf('person.search', 'success')).toBe('read');
  });

  it('is a print for printed documents and letters', () => {
    expect(accessKindOf('journal.print', 'success')).toBe('printed');
    expect(accessKindOf('decision.letter', 'success')).toBe('printed');
    expect(accessKindOf('person.access_log_print', 'success')).toBe('printed');
  });

  it('is a change for everything else', () => {
    expect(accessKindOf('journal.sign', 'success')).toBe('changed');
    expect(accessKindOf('consent.withdraw', 'success')).toBe('changed');
  });

  it('is a refused attempt whatever was tried', () => {
    expect(accessKindOf('case.read', 'denied')).toBe('denied');
  });
});
