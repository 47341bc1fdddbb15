import {
  informationSource,
  type LifeDomain,
  lifeDomains,
  needSeverity,
  needStatus,
} from '../../../areas/assessment/assessment.contract.ts';
import { todayIsoDate } from '../../format.ts';

export { type LifeDomain, lifeDomains };
export const informationSources = informationSource.options;
export const needSeverities = needSeverity.options;
export const needStatuses = needStatus.options;
/** The self-sufficiency scale: 1 acute problem … 5 fully self-sufficient; 0 means not applicable. */
export const scores = [0, 1, 2, 3, 4, 5] as const;

/** Today's date in the agency's time zone (YYYY-MM-DD), not in UTC: early in the morning east of Greenwich it is already tomorrow there. */
export const today = () => todayIsoDate();
