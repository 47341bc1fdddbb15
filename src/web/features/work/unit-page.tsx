import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDateTime, formatNumber } from '../../format.ts';
import { useLocale } from '../../ui/locale.ts';
import { Page } from '../../ui/page.tsx';
import { Skeleton } from '../../ui/skeleton.tsx';
import { StatusTag } from '../../ui/status-tag.tsx';
import { LoadError } from './load-status.tsx';
import { UnitWorkload } from './unit-workload.tsx';
import { useLoad } from './use-load.ts';
import { workApi } from './work-api.ts';

/** /unit: the supervisor's overview – the open crises, open cases per worker (who is overloaded) and per stage, open and overdue requests. */
export function UnitPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const unit = useLoad(() => workApi.unit(), 'unit');
  const data = unit.data;
  return (
    <Page title={t('unitOverview.title')}>
      <LoadError loaded={unit} />
      {!data && unit.loading && <Skeleton lines={5} />}
      {data && data.unitId === null && <p className="empty-state">{t('unitOverview.noUnit')}</p>}
      {data && data.unitId !== null && (
        <>
          <section aria-labelledby="unit-crises" className="panel">
            <h2 id="unit-crises">{t('unitOverview.openCrises')}</h2>
            {data.openCrises.length === 0 ? (
              <p className="empty-state">{t('unitOverview.noOpenCrises')}</p>
            ) : (
              <ul>
                {data.openCrises.map((c) => (
                  <li key={c.id}>
                    <StatusTag kind="urgent">{t('today.openCrisis')}</StatusTag>{' '}
                    <Link to={`/cases/${encodeURIComponent(c.caseId)}/crisis`}>{t('today.case', { number: c.caseNumber })}</Link> –{' '}
                    {t('unitOverview.crisisLine', { time: formatDateTime(c.openedAt, locale), worker: c.responsibleName })}
                  </li>
                ))}
              </ul>
            )}
          </section>
          <section aria-labelledby="unit-workers" className="panel">
            <h2 id="unit-workers">{t('unitOverview.byWorker')}</h2>
            <UnitWorkload data={data} headingId="unit-workers" />
          </section>
          <section aria-labelledby="unit-stages" className="panel">
            <h2 id="unit-stages">{t('unitOverview.byStage')}</h2>
            {data.byStage.length === 0 ? (
              <p className="empty-state">{t('unitOverview.noCases')}</p>
            ) : (
              <ul>
                {data.byStage.map((s) => (
                  <li key={s.stage}>
                    {t(`caseStage.${s.stage}`)}: {formatNumber(s.count, locale)}
                  </li>
                ))}
              </ul>
            )}
          </section>
        </>
      )}
    </Page>
  );
}
