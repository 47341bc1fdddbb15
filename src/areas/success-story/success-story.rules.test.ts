import { describe, expect, it } from 'vitest';
import {
  type ConsentEventFacts,
  type CopyFacts,
  consentEventProblem,
  consentInForce,
  isCopyApproved,
  isCopyOutdated,
  mayReview,
  mayUse,
} from './success-story.rules.ts';

const given = (use: ConsentEventFacts['use'], seq: number, on = '2027-03-01'): ConsentEventFacts => ({ use, kind: 'given', on, seq });
const withdrawn = (use: ConsentEventFacts['use'], seq: number, on = '2027-03-02'): ConsentEventFacts => ({
  use,
  kind: 'withdrawn',
  on,
  seq,
});
const approved: CopyFacts = { storyRevision: 2, hasCopy: true, copySourceRevision: 2, copyRevision: 3, approvedCopyRevision: 3 };

describe('consent to a use', () => {
  it('is in force once given', () => {
    expect(consentInForce([given('published', 1)], 'published')).toBe(true);
  });

  it('is not in force after it is withdrawn, at once', () => {
    expect(consentInForce([given('published', 1), withdrawn('published', 2)], 'published')).toBe(false);
  });

  it('is in force again when given again after a withdrawal', () => {
    expect(consentInForce([given('published', 1), withdrawn('published', 2), given('published', 3, '2027-04-01')], 'published')).toBe(true);
  });

  it('to one use says nothing of another', () => {
    expect(consentInForce([given('internal_learning', 1)], 'published')).toBe(false);
  });

  it('follows the order recorded, whatever order the events come in', () => {
    expect(consentInForce([withdrawn('published', 2), given('published', 1)], 'published')).toBe(false);
  });

  it('is not given twice, nor withdrawn when not in force', () => {
    expect(consentEventProblem([given('published', 1)], { use: 'published', kind: 'given', on: '2027-03-05' })?.code).toBe(
      'already_in_force',
    );
    expect(consentEventProblem([], { use: 'published', kind: 'withdrawn', on: '2027-03-05' })?.code).toBe('not_in_force');
  });

  it('is not withdrawn on a day before it was given', () => {
    expect(
      consentEventProblem([given('published', 1, '2027-03-10')], { use: 'published', kind: 'withdrawn', on: '2027-03-09' }),
    ).toMatchObject({
      field: 'on',
      code: 'before_last',
    });
  });
});

describe('the anonymised copy', () => {
  it('is approved as it stands when the approved revision is the current one', () => {
    expect(isCopyApproved(approved)).toBe(true);
  });

  it('is no longer approved once edited', () => {
    expect(isCopyApproved({ ...approved, copyRevision: 4 })).toBe(false);
  });

  it('is outdated, and so not approved, once the story changed', () => {
    const changed = { ...approved, storyRevision: 3 };
    expect(isCopyOutdated(changed)).toBe(true);
    expect(isCopyApproved(changed)).toBe(false);
  });

  it('that was never made is neither outdated nor approved', () => {
    const none: CopyFacts = { storyRevision: 1, hasCopy: false, copySourceRevision: null, copyRevision: 0, approvedCopyRevision: null };
    expect(isCopyOutdated(none)).toBe(false);
    expect(isCopyApproved(none)).toBe(false);
  });
});

describe('may the story be used', () => {
  const noCopy: CopyFacts = { storyRevision: 1, hasCopy: false, copySourceRevision: null, copyRevision: 0, approvedCopyRevision: null };

  it('for internal learning with consent in force, without an anonymised copy', () => {
    expect(mayUse('internal_learning', [given('internal_learning', 1)], noCopy)).toEqual({
      use: 'internal_learning',
      allowed: true,
      missing: [],
    });
  });

  it('not for anything without consent to that use', () => {
    expect(mayUse('internal_learning', [given('published', 1)], approved)).toMatchObject({ allowed: false, missing: ['consent'] });
  });

  it('in reports only with consent and the anonymised copy approved', () => {
    expect(mayUse('anonymised_reports', [given('anonymised_reports', 1)], noCopy)).toMatchObject({
      allowed: false,
      missing: ['approved_copy'],
    });
    expect(mayUse('anonymised_reports', [given('anonymised_reports', 1)], approved).allowed).toBe(true);
  });

  it('published only with consent and the anonymised copy approved, and not once consent is withdrawn', () => {
    expect(mayUse('published', [given('published', 1)], approved).allowed).toBe(true);
    expect(mayUse('published', [given('published', 1), withdrawn('published', 2)], approved)).toMatchObject({
      allowed: false,
      missing: ['consent'],
    });
  });

  it('says both what is missing when neither consent nor an approved copy is there', () => {
    expect(mayUse('published', [], noCopy).missing).toEqual(['consent', 'approved_copy']);
  });
});

describe('who reviews an anonymised copy', () => {
  it('is a supervisor or the agency head', () => {
    expect(mayReview({ id: 's', roles: ['supervisor'] }, ['w'])).toBe(true);
    expect(mayReview({ id: 'h', roles: ['agency_head'] }, ['w'])).toBe(true);
  });

  it('is never one who wrote the story', () => {
    expect(mayReview({ id: 's', roles: ['supervisor'] }, ['w', 's'])).toBe(false);
  });

  it('is not a case worker', () => {
    expect(mayReview({ id: 'c', roles: ['case_worker'] }, ['w'])).toBe(false);
  });
});
