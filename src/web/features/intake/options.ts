import { caseStage, priority } from '../../../areas/case/case.contract.ts';
import { cameVia, channel, helpSeekerKind, requestStatus } from '../../../areas/intake/intake.contract.ts';
import { birthDatePrecision, legalCapacity, preferredContact, sex } from '../../../areas/person/person.contract.ts';

export const channels = channel.options;
export const cameViaOptions = cameVia.options;
export const helpSeekerKinds = helpSeekerKind.options;
export const requestStatuses = requestStatus.options;
export const precisions = birthDatePrecision.options;
export const sexes = sex.options;
export const capacities = legalCapacity.options;
export const contactOptions = preferredContact.options;
export const caseStages = caseStage.options;
export const priorities = priority.options;
