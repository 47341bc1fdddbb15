/** The agency's setup checklist from its counts: pure. */
import type { SetupItem } from './organisation.contract.ts';

export interface SetupCounts {
  /** Service categories and catchment regions: screening checks requests against them. */
  emptyAgencyDetails: number;
  activeUnits: number;
  /** Active staff who hold a role besides administration. */
  staffBesidesAdministrators: number;
  agreementTemplates: number;
  partnerOrganisations: number;
  publishedQuestionnaires: number;
  staffWithoutSecondFactor: number;
}

export function setupChecklistOf(counts: SetupCounts): { item: SetupItem; done: boolean; count: number }[] {
  const some = (item: SetupItem, count: number) => ({ item, done: count > 0, count });
  const none = (item: SetupItem, count: number) => ({ item, done: count === 0, count });
  return [
    none('agency_details', counts.emptyAgencyDetails),
    some('units', counts.activeUnits),
    some('staff', counts.staffBesidesAdministrators),
    some('agreement_templates', counts.agreementTemplates),
    some('partner_organisations', counts.partnerOrganisations),
    some('questionnaires', counts.publishedQuestionnaires),
    none('two_step_verification', counts.staffWithoutSecondFactor),
  ];
}
