import { describe, expect, it } from 'vitest';
import { type SafetyPlanContent, safetyPlanContent } from './crisis.contract.ts';
import { followUpProblem, isInTheFuture, requiredSafetyPlanSections, safetyPlanComplete, safetyPlanProblems } from './crisis.rules.ts';

/** A plan Marit Lindqvist (fictional) made with her worker: every section filled in. */
const complete = (): SafetyPlanContent =>
  safetyPlanContent.parse({
    warningSigns: ['I stop answering the phone', 'I lie awake after three'],
    copingSteps: ['Walk the dog round the lake', 'Cold water on my face'],
    distractions: [{ name: 'The library café on Storgata' }, { name: 'Aunt Solveig', phone: '+47 912 34 567' }],
    helpers: [{ name: 'My brother Jon', phone: '+47 913 45 678' }],
    professionals: [{ name: 'Crisis line', phone: '116 123' }],
    safeSurroundings: ['Jon keeps the pills from the cabinet'],
    reasonForLiving: '',
  });

describe('a safety plan', () => {
  it('is complete when every section but the reason for living has a line', () => {
    expect(safetyPlanProblems(complete())).toEqual([]);
    expect(safetyPlanComplete(complete())).toBe(true);
  });

  it('needs no reason for living to be signed: that one is the person’s to name or not', () => {
    expect(requiredSafetyPlanSections).not.toContain('reasonForLiving');
  });

  it.each(requiredSafetyPlanSections)('is not complete while %s is empty', (section) => {
    const plan = { ...complete(), [section]: [] };
    expect(safetyPlanProblems(plan)).toEqual([{ section, code: 'empty' }]);
    expect(safetyPlanComplete(plan)).toBe(false);
  });

  it('is not complete while a professional or service has no phone number to call', () => {
    const plan = {
      ...complete(),
      professionals: [
        { name: 'Crisis line', phone: '116 123' },
        { name: 'Dr Aasen', phone: ' ' },
      ],
    };
    expect(safetyPlanProblems(plan)).toEqual([{ section: 'professionals', code: 'phone_missing' }]);
  });

  it('names every empty section of an empty plan, in the order they are written', () => {
    expect(safetyPlanProblems(safetyPlanContent.parse({})).map((p) => p.section)).toEqual([...requiredSafetyPlanSections]);
  });

  it('does not ask for a phone number of people and places that help take the mind off things', () => {
    expect(safetyPlanProblems({ ...complete(), distractions: [{ name: 'The swimming hall', phone: '' }] })).toEqual([]);
  });
});

describe('a moment recorded in a crisis', () => {
  const now = new Date('2027-03-04T10:00:00Z');

  it('may be now or earlier', () => {
    expect(isInTheFuture('2027-03-04T09:59:00Z', now)).toBe(false);
    expect(isInTheFuture(now, now)).toBe(false);
  });

  it('may be a few minutes ahead, for a client clock that runs fast', () => {
    expect(isInTheFuture('2027-03-04T10:04:00Z', now)).toBe(false);
  });

  it('may not be later than that', () => {
    expect(isInTheFuture('2027-03-04T10:06:00Z', now)).toBe(true);
  });

  it('compares moments across time zones as moments', () => {
    expect(isInTheFuture('2027-03-04T11:30:00+01:00', now)).toBe(true);
    expect(isInTheFuture('2027-03-04T10:30:00+01:00', now)).toBe(false);
  });
});

describe('the follow-up of a closed crisis', () => {
  it('may be today', () => {
    expect(followUpProblem('2027-03-04', '2027-03-04')).toBeNull();
  });

  it('may be later', () => {
    expect(followUpProblem('2027-03-11', '2027-03-04')).toBeNull();
  });

  it('may not be in the past', () => {
    expect(followUpProblem('2027-03-03', '2027-03-04')).toBe('in_the_past');
  });
});
