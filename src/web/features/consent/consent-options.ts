import {
  consentKind,
  consentMethod,
  dataCategory,
  disclosurePurpose,
  legalBasis,
  recipientCategory,
} from '../../../areas/consent/consent.contract.ts';

export { CONSENT_KIND_RULES, categoriesKindMayCover, defaultValidTo } from '../../../areas/consent/consent.rules.ts';

export const KINDS = consentKind.options;
export const METHODS = consentMethod.options;
export const PURPOSES = disclosurePurpose.options;
export const CATEGORIES = dataCategory.options;
export const RECIPIENT_KINDS = recipientCategory.options;
export const LEGAL_BASES = legalBasis.options;
