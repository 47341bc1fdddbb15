import { informationSource, lifeDomains, needSeverity, needStatus, type LifeDomain } from '../../../contracts/assessment.ts';

export { lifeDomains, type LifeDomain };
export const informationSources = informationSource.options;
export const needSeverities = needSeverity.options;
export const needStatuses = needStatus.options;
/** The self-sufficiency scale: 1 acute problem … 5 fully self-sufficient; 0 means not applicable. */
export const scores = [0, 1, 2, 3, 4, 5] as const;

export const today = () => new Date().toISOString().slice(0, 10);
