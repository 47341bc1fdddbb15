import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Skeleton } from '../../ui/skeleton.tsx';
import { LoadError } from '../work/load-status.tsx';
import { UnitWorkload } from '../work/unit-workload.tsx';
import { useLoad } from '../work/use-load.ts';
import { workApi } from '../work/work-api.ts';

/** The supervisor's unit: who holds how much, who is overloaded, the queue. */
export function UnitSection() {
  const { t } = useTranslation();
  const unit = useLoad(() => workApi.unit(), 'unit');
  const data = unit.data;
  return (
    <section aria-labelledby="home-unit" className="panel">
      <h2 id="home-unit">{t('home.unit.title')}</h2>
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
    </section>
  );
}
