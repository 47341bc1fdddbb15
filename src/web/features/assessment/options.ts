import {
  informationSource,
  type LifeDomain,
  lifeDomains,
  needSeverity,
  needStatus,
} from '../../../areas/assessment/assessment.contract.ts';

export { type LifeDomain, lifeDomains };
export const informationSources = informationSource.options;
export const needSeverities = needSeverity.options;
export const needStatuses = needStatus.options;
/** The self-sufficiency scale: 1 acute problem … 5 fully self-sufficient; 0 means not applicable. */
export const scores = [0, 1, 2, 3, 4, 5] as const;

/** Today's date where the reader is (YYYY-MM-DD), not in UTC: early in the morning east of Greenwich it is already tomorrow there. */
export const today = () => {
  const now = new Date();
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
};
