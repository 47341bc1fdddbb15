import { describe, expect, it } from 'vitest';
import { CATEGORY_TAXONOMY, hsdsServiceOf, isVerificationDue, openingHoursOf, serviceFieldsOf } from './hsds.rules.ts';
import { createServiceBody } from './service-directory.contract.ts';

const organisationId = '5b0c3a8e-1f2d-4c6b-9a7e-3d2c1b0a9f8e';
const fields = createServiceBody.parse({
  organisationId,
  name: 'Gjeldsrådgivning',
  categories: ['Debt advice'],
  languages: ['nb'],
  openingHours: [{ days: ['MO', 'WE'], opensAt: '08:30', closesAt: '14:00' }],
  phones: [{ number: '+47 22 00 00 00' }],
});
const assurance = { assuredDate: null, assurerEmail: null, lastModified: new Date('2026-12-01T10:00:00Z') };

describe('a service in HSDS', () => {
  it('reads back the fields it was written from', () => {
    expect(serviceFieldsOf(hsdsServiceOf('7f1e2d3c-4b5a-4968-8776-655443322110', fields, assurance), organisationId)).toEqual(fields);
  });

  it('keeps the ids of its parts and the fields the form does not edit from one save to the next', () => {
    const first = hsdsServiceOf('7f1e2d3c-4b5a-4968-8776-655443322110', fields, assurance, { accreditations: 'Approved by the county' });
    const second = hsdsServiceOf('7f1e2d3c-4b5a-4968-8776-655443322110', { ...fields, name: 'Renamed' }, assurance, first);
    expect(second.accreditations).toBe('Approved by the county');
    expect((second.phones as { id: string }[])[0]!.id).toBe((first.phones as { id: string }[])[0]!.id);
    expect((second.schedules as { id: string }[])[0]!.id).toBe((first.schedules as { id: string }[])[0]!.id);
  });

  it("files the agency's categories as terms of its own taxonomy, and leaves an import's other terms alone", () => {
    const imported = {
      attributes: [{ id: 'a1', taxonomy_term: { id: 't1', name: 'Food bank', description: 'Food', taxonomy: 'open-eligibility' } }],
    };
    const doc = hsdsServiceOf('7f1e2d3c-4b5a-4968-8776-655443322110', fields, assurance, imported);
    const terms = (doc.attributes as { taxonomy_term: { name: string; taxonomy: string } }[]).map((a) => a.taxonomy_term);
    expect(terms).toEqual([
      expect.objectContaining({ name: 'Food bank', taxonomy: 'open-eligibility' }),
      expect.objectContaining({ name: 'Debt advice', taxonomy: CATEGORY_TAXONOMY }),
    ]);
  });

  it('writes weekly hours as HSDS schedules, and reads only the weekly ones back', () => {
    expect(openingHoursOf([{ id: 's1', freq: 'WEEKLY', byday: 'MO,WE', opens_at: '08:30:00', closes_at: '14:00:00' }])).toEqual([
      { days: ['MO', 'WE'], opensAt: '08:30', closesAt: '14:00', note: null },
    ]);
    expect(openingHoursOf([{ id: 's2', freq: 'MONTHLY', bymonthday: '1', opens_at: '10:00:00', closes_at: '12:00:00' }])).toEqual([]);
  });
});

describe('verification', () => {
  it('is due for a service never verified', () => {
    expect(isVerificationDue(null, '2026-12-01', 12)).toBe(true);
  });
  it('is due once the months have passed, and not on the last day of them', () => {
    expect(isVerificationDue('2025-12-01', '2026-12-01', 12)).toBe(false);
    expect(isVerificationDue('2025-11-30', '2026-12-01', 12)).toBe(true);
  });
});
