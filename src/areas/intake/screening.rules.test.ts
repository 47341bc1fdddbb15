import { describe, expect, it } from 'vitest';
import { ageOn, firstResponseDueAt, type RequestForScreening, type ScreeningRules, screenRequest } from './screening.rules.ts';

const today = new Date('2026-03-15T10:00:00Z');
const rules: ScreeningRules = {
  serviceCategories: ['Substance use', 'Housing', 'Legal aid'],
  catchmentRegions: ['Gamle Oslo', 'Grünerløkka', '朝陽區'],
  minimumAge: 16,
  maximumAge: 80,
};
const calm = { dangerToLife: false, childAtRisk: false, selfHarm: false };
const request = (fields: Partial<RequestForScreening> = {}): RequestForScreening => ({
  serviceCategory: 'Housing',
  region: 'Gamle Oslo',
  ageYears: 40,
  triage: calm,
  ...fields,
});
const codes = (fields: Partial<RequestForScreening>, withRules = rules) =>
  screenRequest(withRules, request(fields), today).findings.map((f) => f.code);

describe('screening a request', () => {
  it('accepts a request within the services, area and ages the agency covers, without findings', () => {
    expect(screenRequest(rules, request(), today)).toEqual({
      inScope: true,
      findings: [],
      suggestedPriority: 'normal',
      suggestedOutcome: 'accept',
    });
  });

  it('suggests referring out a service the agency does not provide, saying which', () => {
    const result = screenRequest(rules, request({ serviceCategory: 'Debt counselling' }), today);
    expect(result).toMatchObject({ inScope: false, suggestedOutcome: 'refer_out', referralReason: 'out_of_scope' });
    expect(result.findings).toEqual([
      { code: 'category_not_served', value: 'Debt counselling', message: 'The agency does not provide Debt counselling' },
    ]);
  });

  it('suggests referring out a person living outside the catchment area', () => {
    const result = screenRequest(rules, request({ region: 'Bærum' }), today);
    expect(result).toMatchObject({ inScope: false, suggestedOutcome: 'refer_out', referralReason: 'out_of_region' });
    expect(result.findings).toEqual([
      { code: 'region_outside_catchment', value: 'Bærum', message: "Bærum is outside the agency's catchment area" },
    ]);
  });

  it('gives out of scope as the reason when both the service and the region are wrong', () => {
    expect(screenRequest(rules, request({ serviceCategory: 'Debt counselling', region: 'Bærum' }), today).referralReason).toBe(
      'out_of_scope',
    );
  });

  it('compares categories and regions regardless of case, diacritics and Chinese script', () => {
    expect(codes({ serviceCategory: ' housing ', region: 'grunerlokka' })).toEqual([]);
    expect(codes({ region: '朝阳区' })).toEqual([]);
  });

  it('flags an unknown category or region without refusing', () => {
    const result = screenRequest(rules, request({ serviceCategory: null, region: '  ' }), today);
    expect(result).toMatchObject({ inScope: true, suggestedOutcome: 'accept' });
    expect(result.findings.map((f) => f.code)).toEqual(['category_unknown', 'region_unknown']);
  });

  it('puts no limit where the agency has configured none', () => {
    const open: ScreeningRules = { serviceCategories: [], catchmentRegions: [] };
    expect(codes({ serviceCategory: 'Anything', region: 'Anywhere', ageYears: 99 }, open)).toEqual([]);
    expect(codes({ ageYears: null }, open)).toEqual([]);
  });

  it('refers out people younger or older than the agency serves, giving the age', () => {
    const young = screenRequest(rules, request({ ageYears: 15 }), today);
    expect(young).toMatchObject({ inScope: false, suggestedOutcome: 'refer_out', referralReason: 'out_of_scope' });
    expect(young.findings[0]).toEqual({ code: 'too_young', value: '15', message: 'At 15 the person is younger than the agency serves' });
    expect(codes({ ageYears: 81 })).toEqual(['too_old']);
    expect(codes({ ageYears: 16 })).toEqual(['minor']);
    expect(codes({ ageYears: 80 })).toEqual([]);
  });

  it('works out the age from the birth date, birthday included', () => {
    expect(codes({ ageYears: undefined, birthDate: '2010-03-16' })).toEqual(['too_young', 'minor']);
    expect(codes({ ageYears: undefined, birthDate: '2010-03-15' })).toEqual(['minor']);
    expect(codes({ ageYears: 40, birthDate: '1940-01-01' })).toEqual(['too_old']);
  });

  it('flags an unknown age when the agency serves some ages only', () => {
    expect(screenRequest(rules, request({ ageYears: undefined }), today)).toMatchObject({
      inScope: true,
      findings: [{ code: 'age_unknown' }],
    });
  });
});

describe('suggested priority', () => {
  it('is urgent when any danger is flagged', () => {
    for (const flag of ['dangerToLife', 'childAtRisk', 'selfHarm'] as const) {
      const result = screenRequest(rules, request({ triage: { ...calm, [flag]: true } }), today);
      expect(result.suggestedPriority).toBe('urgent');
      expect(result.findings).toHaveLength(1);
    }
    expect(codes({ triage: { dangerToLife: true, childAtRisk: true, selfHarm: true } })).toEqual([
      'danger_to_life',
      'child_at_risk',
      'self_harm',
    ]);
  });

  it('is high for minors and for people who come after a failed attempt elsewhere', () => {
    expect(screenRequest(rules, request({ ageYears: 17 }), today).suggestedPriority).toBe('high');
    const failed = screenRequest(rules, request({ afterFailedAttempt: true }), today);
    expect(failed.suggestedPriority).toBe('high');
    expect(failed.findings.map((f) => f.code)).toEqual(['after_failed_attempt']);
  });

  it('is low for a request for information only, which it suggests answering with information', () => {
    expect(screenRequest(rules, request({ helpSeekerKind: 'information_only' }), today)).toMatchObject({
      inScope: true,
      suggestedPriority: 'low',
      suggestedOutcome: 'information_only',
    });
  });

  it('suggests information only to someone who wants only information, even from outside the catchment area', () => {
    expect(screenRequest(rules, request({ helpSeekerKind: 'information_only', region: 'Bærum' }), today)).toMatchObject({
      inScope: false,
      suggestedOutcome: 'information_only',
    });
  });

  it('keeps an urgent request out of scope with the agency, acting first and referring afterwards', () => {
    const result = screenRequest(rules, request({ region: 'Bærum', triage: { ...calm, selfHarm: true } }), today);
    expect(result).toMatchObject({ inScope: false, suggestedPriority: 'urgent', suggestedOutcome: 'accept' });
    expect(result.referralReason).toBeUndefined();
    expect(result.findings.map((f) => f.code)).toEqual(['self_harm', 'region_outside_catchment', 'urgent_before_referral']);
  });
});

describe('ages', () => {
  it('count whole years, turning on the birthday', () => {
    expect(ageOn('2000-03-15', today)).toBe(26);
    expect(ageOn('2000-03-16', today)).toBe(25);
    expect(ageOn('2000-12-31', today)).toBe(25);
  });

  it('are unknown for unreadable dates', () => {
    expect(ageOn('15.03.2000', today)).toBeNull();
  });
});

describe('the first response', () => {
  const received = new Date('2026-03-15T10:00:00Z');

  it('is due 24 hours after an urgent request, 72 after a high one, a week after a normal one, two after a low one', () => {
    expect(firstResponseDueAt(received, 'urgent').toISOString()).toBe('2026-03-16T10:00:00.000Z');
    expect(firstResponseDueAt(received, 'high').toISOString()).toBe('2026-03-18T10:00:00.000Z');
    expect(firstResponseDueAt(received, 'normal').toISOString()).toBe('2026-03-22T10:00:00.000Z');
    expect(firstResponseDueAt(received, 'low').toISOString()).toBe('2026-03-29T10:00:00.000Z');
  });

  it("follows the agency's own hours when given", () => {
    expect(firstResponseDueAt(received, 'urgent', { urgent: 4, high: 24, normal: 72, low: 168 }).toISOString()).toBe(
      '2026-03-15T14:00:00.000Z',
    );
  });

  it('counts calendar hours, so a change to summer time does not move it', () => {
    expect(firstResponseDueAt(new Date('2026-03-28T12:00:00Z'), 'urgent').toISOString()).toBe('2026-03-29T12:00:00.000Z');
  });

  it('leaves the received time as it was', () => {
    const copy = new Date(received);
    firstResponseDueAt(received, 'normal');
    expect(received).toEqual(copy);
  });
});
