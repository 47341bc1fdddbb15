import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useSignedInSession } from '../../session/session-context.tsx';
import { Skeleton } from '../../ui/skeleton.tsx';
import { LoadError } from '../work/load-status.tsx';
import { UnitWorkload } from '../work/unit-workload.tsx';
import { useLoad } from '../work/use-load.ts';
import { workApi } from '../work/work-api.ts';

function UnitFrame({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="home-unit" className="panel">
      <h2 id="home-unit">{t('home.unit.title')}</h2>
      {children}
    </section>
  );
}

function UnitWorkloadLoaded() {
  const { t } = useTranslation();
  const unit = useLoad(() => workApi.unit(), 'unit');
  const data = unit.data;
  return (
    <UnitFrame>
      <LoadError loaded={unit} />
      {!data && unit.loading && <Skeleton lines={4} />}
      {data && data.unitId === null && <p className="empty-state">{t('unitOverview.noUnit')}</p>}
      {data && data.unitId !== null && (
        <>
          <UnitWorkload data={data} headingId="home-unit" />
          <Link to="/unit" className="button button--secondary">
            {t('home.unit.link')}
          </Link>
        </>
      )}
    </UnitFrame>
  );
}

/**
 * The supervisor's unit: who holds how much, who is overloaded, the queue. Someone in no unit is
 * told so, without asking the server – unless the agency's own figures are on their page already
 * (the agency head), where a missing unit is no news.
 */
export function UnitSection({ agencyWide }: { agencyWide: boolean }) {
  const { t } = useTranslation();
  const { user } = useSignedInSession();
  if (user.unitId) return <UnitWorkloadLoaded />;
  if (agencyWide) return null;
  return (
    <UnitFrame>
      <p className="empty-state">{t('unitOverview.noUnit')}</p>
    </UnitFrame>
  );
}
