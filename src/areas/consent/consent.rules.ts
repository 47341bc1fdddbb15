import { addCalendarDays, addCalendarMonths } from '../../core/calendar-date.ts';
import {
  type ConsentKind,
  type ConsentRecipient,
  type ConsentSigner,
  type DataCategory,
  type DisclosurePurpose,
  HEALTH_CATEGORIES,
  type LegalBasis,
  type RecipientCategory,
  SENSITIVE_CATEGORIES,
} from './consent.contract.ts';

/** Per kind: how long a consent runs when no end is given, and whether it may run without an end. */
export const CONSENT_KIND_RULES: Record<ConsentKind, { defaultMonths: number; openEnded: boolean; discloses: boolean }> = {
  programme_inclusion: { defaultMonths: 12, openEnded: true, discloses: false },
  disclosure: { defaultMonths: 12, openEnded: false, discloses: true },
  health_disclosure: { defaultMonths: 12, openEnded: false, discloses: true },
  relatives_contact: { defaultMonths: 12, openEnded: false, discloses: false },
  success_story: { defaultMonths: 24, openEnded: true, discloses: false },
};

/** How many days before a consent ends its responsible worker's Today shows it. */
export const CONSENT_ENDING_NOTICE_DAYS = 30;

/** A consent as the rules see it: its terms and its events, never a stored status. */
export interface ConsentFacts {
  id: string;
  kind: ConsentKind;
  purposes: readonly DisclosurePurpose[];
  recipients: readonly ConsentRecipient[];
  categories: readonly DataCategory[];
  /** Calendar dates in the agency's time zone, both days included; `validTo` null runs until withdrawn. */
  validFrom: string;
  validTo: string | null;
  /** Who had to sign (the guardian too, for a minor or a person without full legal capacity), and who did. */
  requiredSigners: readonly ConsentSigner[];
  signedBy: readonly ConsentSigner[];
  /** When it was withdrawn, if it was: from that instant on it allows nothing. */
  withdrawnAt: Date | null;
}

export type ConsentState = 'in_force' | 'not_yet_valid' | 'expired' | 'withdrawn' | 'signature_missing';

/** Whether a consent holds at a moment: computed from its dates and events each time it is asked. */
export function consentStateAt(consent: ConsentFacts, moment: { today: string; now: Date }): ConsentState {
  if (consent.withdrawnAt && consent.withdrawnAt.getTime() <= moment.now.getTime()) return 'withdrawn';
  if (consent.requiredSigners.some((signer) => !consent.signedBy.includes(signer))) return 'signature_missing';
  if (moment.today < consent.validFrom) return 'not_yet_valid';
  if (consent.validTo !== null && moment.today > consent.validTo) return 'expired';
  return 'in_force';
}

/** The categories a consent of a kind can ever cover: health information only under its own kind. */
export function categoriesKindMayCover(kind: ConsentKind): readonly DataCategory[] {
  if (!CONSENT_KIND_RULES[kind].discloses) return [];
  if (kind === 'health_disclosure') return HEALTH_CATEGORIES;
  return (['identity', 'request_assessment', 'plan', 'journal', 'criminal_history'] as const).filter(
    (category) => !HEALTH_CATEGORIES.includes(category),
  );
}

/** The recipient of a disclosure as the gate matches it against consents. */
export interface DisclosureRecipient {
  organisationId?: string | undefined;
  /** The kinds of recipient it is: a clinic is `health_services`. */
  categories: readonly RecipientCategory[];
  /** A named person (a relative, a lawyer), matched as written, ignoring case and spacing. */
  personName?: string | undefined;
}

const sameName = (a: string, b: string) =>
  a.normalize('NFKC').trim().replace(/\s+/g, ' ').toLocaleLowerCase() ===
  b.normalize('NFKC').trim().replace(/\s+/g, ' ').toLocaleLowerCase();

export function namesRecipient(consent: Pick<ConsentFacts, 'recipients'>, recipient: DisclosureRecipient): boolean {
  return consent.recipients.some((named) => {
    if (named.kind === 'organisation') return named.organisationId === recipient.organisationId;
    if (named.kind === 'category') return recipient.categories.includes(named.category);
    return recipient.personName !== undefined && sameName(named.name, recipient.personName);
  });
}

/** Why a category may not go: from the reason nearest to allowing it to the plainest. */
export type RefusalReason =
  | { reason: 'withdrawn'; consentId: string; withdrawnAt: Date }
  | { reason: 'expired'; consentId: string; validTo: string }
  | { reason: 'not_yet_valid'; consentId: string; validFrom: string }
  | { reason: 'signature_missing'; consentId: string; missing: ConsentSigner[] }
  | { reason: 'purpose_not_covered'; consentId: string }
  | { reason: 'recipient_not_named'; consentId: string }
  | { reason: 'no_consent' }
  | { reason: 'processing_restricted' }
  | { reason: 'check_failed' };

export interface DisclosureQuestion {
  consents: readonly ConsentFacts[];
  recipient: DisclosureRecipient;
  categories: readonly DataCategory[];
  purpose: DisclosurePurpose;
  today: string;
  now: Date;
  /** The person restricted processing (GDPR art. 18): only what the law requires may go. */
  processingRestricted?: boolean | undefined;
  /** A disclosure the law requires: it is allowed on that basis, and recorded apart. */
  legalBasis?: { basis: LegalBasis; reason: string } | undefined;
}

export type Grant = { category: DataCategory } & ({ basis: 'consent'; consentId: string } | { basis: 'legal'; legalBasis: LegalBasis });

export interface DisclosureAnswer {
  /** True when every category asked for may go. */
  allowed: boolean;
  /** What may go, and on which consent or legal basis each category relies. */
  grants: Grant[];
  /** What may not, and why – the reason nearest to allowing it. */
  refused: { category: DataCategory; why: RefusalReason }[];
}

const REASON_RANK: Record<RefusalReason['reason'], number> = {
  withdrawn: 0,
  expired: 1,
  signature_missing: 2,
  not_yet_valid: 3,
  purpose_not_covered: 4,
  recipient_not_named: 5,
  no_consent: 6,
  processing_restricted: 7,
  check_failed: 8,
};

function decideCategory(question: DisclosureQuestion, category: DataCategory): Grant | RefusalReason {
  let nearest: RefusalReason = { reason: 'no_consent' };
  const consider = (why: RefusalReason) => {
    if (REASON_RANK[why.reason] < REASON_RANK[nearest.reason]) nearest = why;
  };
  for (const consent of question.consents) {
    // A special category goes only where the consent names it; the kind must be able to carry it at all.
    if (!categoriesKindMayCover(consent.kind).includes(category) || !consent.categories.includes(category)) continue;
    if (!namesRecipient(consent, question.recipient)) {
      consider({ reason: 'recipient_not_named', consentId: consent.id });
      continue;
    }
    if (!consent.purposes.includes(question.purpose)) {
      consider({ reason: 'purpose_not_covered', consentId: consent.id });
      continue;
    }
    const state = consentStateAt(consent, question);
    if (state === 'in_force') return { category, basis: 'consent', consentId: consent.id };
    if (state === 'withdrawn') consider({ reason: 'withdrawn', consentId: consent.id, withdrawnAt: consent.withdrawnAt! });
    else if (state === 'expired') consider({ reason: 'expired', consentId: consent.id, validTo: consent.validTo! });
    else if (state === 'not_yet_valid') consider({ reason: 'not_yet_valid', consentId: consent.id, validFrom: consent.validFrom });
    else
      consider({
        reason: 'signature_missing',
        consentId: consent.id,
        missing: consent.requiredSigners.filter((signer) => !consent.signedBy.includes(signer)),
      });
  }
  return nearest;
}

function answer(question: DisclosureQuestion): DisclosureAnswer {
  const grants: Grant[] = [];
  const refused: DisclosureAnswer['refused'] = [];
  for (const category of new Set(question.categories)) {
    if (question.legalBasis) {
      if (question.legalBasis.reason.trim().length === 0) throw new Error('A legal basis needs its reason');
      grants.push({ category, basis: 'legal', legalBasis: question.legalBasis.basis });
      continue;
    }
    if (question.processingRestricted) {
      refused.push({ category, why: { reason: 'processing_restricted' } });
      continue;
    }
    const decided = decideCategory(question, category);
    if ('basis' in decided) grants.push(decided);
    else refused.push({ category, why: decided });
  }
  return { allowed: refused.length === 0 && grants.length > 0, grants, refused };
}

/**
 * The disclosure gate: may these categories of a person's record go to this recipient for this
 * purpose now? Allowed with the grant each relies on, or refused with what is missing. It fails
 * closed – anything going wrong in the check is a refusal of everything asked for.
 */
export function checkDisclosure(question: DisclosureQuestion): DisclosureAnswer {
  try {
    return answer(question);
  } catch {
    return {
      allowed: false,
      grants: [],
      refused: [...new Set(question.categories)].map((category) => ({ category, why: { reason: 'check_failed' } })),
    };
  }
}

/** Whether a category is one of the special ones, left out of lists and search snippets. */
export const isSensitiveCategory = (category: DataCategory) => SENSITIVE_CATEGORIES.includes(category);

/** The last day of a consent from `validFrom` with no end named: the kind's default period, or none where it may run open. */
export function defaultValidTo(kind: ConsentKind, validFrom: string): string | null {
  const rule = CONSENT_KIND_RULES[kind];
  // Twelve months from 1 March run to the last day of February.
  return rule.openEnded ? null : addCalendarDays(addCalendarMonths(validFrom, rule.defaultMonths), -1);
}
