import { describe, expect, it } from 'vitest';
import { type ConsentFacts, checkDisclosure, consentStateAt, type DisclosureQuestion, defaultValidTo } from './consent.rules.ts';

const clinic = '3f7c2a4e-6b1d-4e8a-9c5f-2d0b8e1a7c64';
const otherClinic = '9a1e5d3c-2b4f-4a6e-8d7c-1f0e9b2a3c58';
const now = new Date('2026-12-02T12:00:00Z');
const today = '2026-12-02';

const healthConsent = (over: Partial<ConsentFacts> = {}): ConsentFacts => ({
  id: 'health-1',
  kind: 'health_disclosure',
  purposes: ['health_care'],
  recipients: [{ kind: 'organisation', organisationId: clinic }],
  categories: ['health'],
  validFrom: '2026-06-01',
  validTo: '2027-05-31',
  requiredSigners: ['person'],
  signedBy: ['person'],
  withdrawnAt: null,
  ...over,
});
const generalConsent = (over: Partial<ConsentFacts> = {}): ConsentFacts =>
  healthConsent({ id: 'general-1', kind: 'disclosure', categories: ['identity', 'plan'], ...over });

const ask = (over: Partial<DisclosureQuestion>): DisclosureQuestion => ({
  consents: [healthConsent()],
  recipient: { organisationId: clinic, categories: ['health_services'] },
  categories: ['health'],
  purpose: 'health_care',
  today,
  now,
  ...over,
});

describe('whether a consent is in force', () => {
  it('is in force on its first and on its last day', () => {
    expect(consentStateAt(healthConsent({ validFrom: today }), { today, now })).toBe('in_force');
    expect(consentStateAt(healthConsent({ validTo: today }), { today, now })).toBe('in_force');
  });

  it('has expired the day after its last day', () => {
    expect(consentStateAt(healthConsent({ validTo: '2026-12-01' }), { today, now })).toBe('expired');
  });

  it('with no end runs until it is withdrawn', () => {
    expect(consentStateAt(healthConsent({ validTo: null }), { today: '2040-01-01', now })).toBe('in_force');
  });

  it('allows nothing from the moment it is withdrawn, though its dates still run', () => {
    const withdrawn = healthConsent({ withdrawnAt: new Date(now.getTime() - 60_000) });
    expect(consentStateAt(withdrawn, { today, now })).toBe('withdrawn');
    expect(consentStateAt(withdrawn, { today, now: new Date(now.getTime() - 120_000) })).toBe('in_force');
  });

  it('is not in force while a guardian who must co-sign has not', () => {
    expect(consentStateAt(healthConsent({ requiredSigners: ['person', 'guardian'] }), { today, now })).toBe('signature_missing');
  });
});

describe('the disclosure gate', () => {
  const cases: { name: string; question: DisclosureQuestion; allowed: boolean; why?: string }[] = [
    { name: 'allows health information to the clinic a health consent names', question: ask({}), allowed: true },
    {
      name: 'refuses once the consent has expired',
      question: ask({ consents: [healthConsent({ validTo: '2026-11-30' })] }),
      allowed: false,
      why: 'expired',
    },
    {
      name: 'refuses after a withdrawal a minute ago',
      question: ask({ consents: [healthConsent({ withdrawnAt: new Date(now.getTime() - 60_000) })] }),
      allowed: false,
      why: 'withdrawn',
    },
    {
      name: 'refuses a category the consent does not name',
      question: ask({ categories: ['substance_use'] }),
      allowed: false,
      why: 'no_consent',
    },
    {
      name: 'never lets a general disclosure consent carry health information, whatever it lists',
      question: ask({ consents: [generalConsent({ categories: ['identity', 'health'] })] }),
      allowed: false,
      why: 'no_consent',
    },
    {
      name: 'matches a recipient by its kind where the consent names a kind',
      question: ask({
        consents: [healthConsent({ recipients: [{ kind: 'category', category: 'health_services' }] })],
        recipient: { organisationId: otherClinic, categories: ['health_services'] },
      }),
      allowed: true,
    },
    {
      name: 'refuses a recipient the consent does not name',
      question: ask({ recipient: { organisationId: otherClinic, categories: ['housing'] } }),
      allowed: false,
      why: 'recipient_not_named',
    },
    {
      name: 'matches a named person as written, whatever the case and spacing',
      question: ask({
        consents: [generalConsent({ recipients: [{ kind: 'person', name: 'Ольга  Петрова' }], purposes: ['legal_assistance'] })],
        recipient: { categories: [], personName: 'ольга петрова' },
        categories: ['identity'],
        purpose: 'legal_assistance',
      }),
      allowed: true,
    },
    {
      name: 'refuses a purpose the consent was not given for',
      question: ask({ purpose: 'benefits_and_housing' }),
      allowed: false,
      why: 'purpose_not_covered',
    },
    {
      name: 'refuses while the guardian who must co-sign has not',
      question: ask({ consents: [healthConsent({ requiredSigners: ['person', 'guardian'], signedBy: ['person'] })] }),
      allowed: false,
      why: 'signature_missing',
    },
    {
      name: 'allows with the guardian co-signature given',
      question: ask({ consents: [healthConsent({ requiredSigners: ['person', 'guardian'], signedBy: ['person', 'guardian'] })] }),
      allowed: true,
    },
    {
      name: 'allows what the law requires on its legal basis, with no consent at all',
      question: ask({
        consents: [],
        legalBasis: { basis: 'child_protection_report', reason: 'Concern for the children reported by the school' },
      }),
      allowed: true,
    },
    {
      name: 'refuses everything about a person who restricted processing',
      question: ask({ processingRestricted: true }),
      allowed: false,
      why: 'processing_restricted',
    },
    {
      name: 'still allows what the law requires of a person who restricted processing',
      question: ask({ processingRestricted: true, legalBasis: { basis: 'court_order', reason: 'Order of the district court' } }),
      allowed: true,
    },
    {
      name: 'counts an error in the check as a refusal',
      question: ask({ consents: [{ ...healthConsent(), recipients: null } as unknown as ConsentFacts] }),
      allowed: false,
      why: 'check_failed',
    },
  ];
  for (const { name, question, allowed, why } of cases) {
    it(name, () => {
      const answer = checkDisclosure(question);
      expect(answer.allowed).toBe(allowed);
      if (why) expect(answer.refused.map((r) => r.why.reason)).toContain(why);
    });
  }

  it('names the consent each granted category relies on', () => {
    const answer = checkDisclosure(ask({ consents: [generalConsent(), healthConsent()], categories: ['identity', 'health'] }));
    expect(answer.grants).toEqual([
      { category: 'identity', basis: 'consent', consentId: 'general-1' },
      { category: 'health', basis: 'consent', consentId: 'health-1' },
    ]);
  });

  it('lets the categories that are covered go and names those that are not', () => {
    const answer = checkDisclosure(ask({ consents: [generalConsent()], categories: ['identity', 'health'] }));
    expect(answer.allowed).toBe(false);
    expect(answer.grants.map((g) => g.category)).toEqual(['identity']);
    expect(answer.refused).toEqual([{ category: 'health', why: { reason: 'no_consent' } }]);
  });

  it('gives the reason nearest to allowing: a withdrawn consent rather than one for someone else', () => {
    const withdrawnAt = new Date(now.getTime() - 1000);
    const answer = checkDisclosure(
      ask({
        consents: [
          healthConsent({ id: 'elsewhere', recipients: [{ kind: 'organisation', organisationId: otherClinic }] }),
          healthConsent({ withdrawnAt }),
        ],
      }),
    );
    expect(answer.refused[0]!.why).toEqual({ reason: 'withdrawn', consentId: 'health-1', withdrawnAt });
  });

  it('refuses a legal basis given without its reason', () => {
    expect(checkDisclosure(ask({ consents: [], legalBasis: { basis: 'court_order', reason: ' ' } })).allowed).toBe(false);
  });
});

describe('the default period of a consent', () => {
  it('runs a disclosure consent twelve months, to the day before', () => {
    expect(defaultValidTo('disclosure', '2026-03-01')).toBe('2027-02-28');
  });

  it('leaves a consent to inclusion in the programme open until withdrawn', () => {
    expect(defaultValidTo('programme_inclusion', '2026-03-01')).toBeNull();
  });
});
