import { channel, cameVia, helpSeekerKind, requestStatus } from '../../../contracts/request.ts';
import { birthDatePrecision, caseStage, legalCapacity, preferredContact, priority, sex } from '../../../contracts/person.ts';

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
