import { describe, expect, it } from 'vitest';
import { caseAgreementStatus, checkSignature, guardianRequired, missingSigners, requiredSigners } from './agreement.rules.ts';

const today = new Date(Date.UTC(2026, 10, 23));

describe('guardian co-signature', () => {
  it('is required for a minor, counted to the day', () => {
    expect(guardianRequired({ birthDate: '2008-11-24', legalCapacity: 'full', today, guardianRequiredUnderAge: 18 })).toBe(true);
    expect(guardianRequired({ birthDate: '2008-11-23', legalCapacity: 'full', today, guardianRequiredUnderAge: 18 })).toBe(false);
  });
  it('is required without full legal capacity whatever the age, and the age limit is configurable', () => {
    expect(guardianRequired({ birthDate: '1960-01-01', legalCapacity: 'partial', today, guardianRequiredUnderAge: 18 })).toBe(true);
    expect(guardianRequired({ birthDate: '2012-06-01', legalCapacity: 'full', today, guardianRequiredUnderAge: 14 })).toBe(false);
    expect(guardianRequired({ birthDate: null, legalCapacity: 'full', today, guardianRequiredUnderAge: 18 })).toBe(false);
  });
});

describe('signatures', () => {
  it('need the person and the agency head, and the guardian where required', () => {
    expect(requiredSigners(false)).toEqual(['person', 'agency_head']);
    expect(missingSigners(requiredSigners(true), ['person'])).toEqual(['guardian', 'agency_head']);
  });
  it('a drawn or scanned signature carries an image; a paper one names a witness', () => {
    const required = requiredSigners(true);
    expect(checkSignature({ signer: 'person', method: 'drawn', hasImage: false, witnessName: null, required })).toBe('image_required');
    expect(checkSignature({ signer: 'person', method: 'paper', hasImage: false, witnessName: null, required })).toBe('witness_required');
    expect(checkSignature({ signer: 'guardian', method: 'paper', hasImage: false, witnessName: 'Berit Witness', required })).toBeNull();
    expect(checkSignature({ signer: 'agency_head', method: 'drawn', hasImage: true, witnessName: null, required })).toBe(
      'agency_head_signs_electronically',
    );
    expect(
      checkSignature({ signer: 'guardian', method: 'drawn', hasImage: true, witnessName: null, required: requiredSigners(false) }),
    ).toBe('not_required');
  });
});

describe('where a case stands with its service agreement', () => {
  const on = (day: number) => new Date(Date.UTC(2026, 2, day));
  it('is none until an agreement is drawn up', () => {
    expect(caseAgreementStatus([])).toBe('none');
  });
  it('is in force while any agreement is signed, even when a newer one awaits signatures', () => {
    expect(
      caseAgreementStatus([
        { status: 'signed', createdAt: on(1) },
        { status: 'awaiting_signatures', createdAt: on(5) },
      ]),
    ).toBe('signed');
  });
  it('is otherwise the newest agreement’s status', () => {
    expect(
      caseAgreementStatus([
        { status: 'awaiting_signatures', createdAt: on(9) },
        { status: 'terminated', createdAt: on(2) },
      ]),
    ).toBe('awaiting_signatures');
    expect(caseAgreementStatus([{ status: 'terminated', createdAt: on(2) }])).toBe('terminated');
  });
});
