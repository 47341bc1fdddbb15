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
  /** Services in the directory, and those of them not verified within the agency's months. */
  directoryServices: number;
  directoryServicesToVerify: number;
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
    // Done once there are services and each has been verified recently; the count is what is left to do.
    counts.directoryServices === 0
      ? { item: 'service_directory' as const, done: false, count: 0 }
      : {
          item: 'service_directory' as const,
          done: counts.directoryServicesToVerify === 0,
          count: counts.directoryServicesToVerify || counts.directoryServices,
        },
    some('questionnaires', counts.publishedQuestionnaires),
    none('two_step_verification', counts.staffWithoutSecondFactor),
  ];
}
