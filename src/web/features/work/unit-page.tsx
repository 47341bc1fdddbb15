import { useTranslation } from 'react-i18next';
import { formatNumber } from '../../format.ts';
import { useLocale } from '../../ui/locale.ts';
import { Page } from '../../ui/page.tsx';
import { TableWrap } from '../../ui/table-wrap.tsx';
import { LoadStatus } from './load-status.tsx';
import { useLoad } from './use-load.ts';
import { workApi } from './work-api.ts';

/** /unit: the supervisor's overview – open cases per worker and per stage, open and overdue requests. */
export function UnitPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const unit = useLoad(() => workApi.unit(), 'unit');
  const data = unit.data;
  return (
    <Page title={t('unitOverview.title')}>
      <LoadStatus loaded={unit} />
      {data && (
        <>
          <p>
            {t('unitOverview.requests', {
              open: formatNumber(data.openRequests, locale),
              overdue: formatNumber(data.overdueRequests, locale),
            })}
          </p>
          <section aria-labelledby="unit-workers" className="panel">
            <h2 id="unit-workers">{t('unitOverview.byWorker')}</h2>
            <TableWrap label={t('unitOverview.byWorker')}>
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t('unitOverview.worker')}</th>
                    <th scope="col">{t('unitOverview.openCases')}</th>
                    <th scope="col">{t('unitOverview.urgentCases')}</th>
                  </tr>
                </thead>
                <tbody>
                  {data.byWorker.map((w) => (
                    <tr key={w.staffId}>
                      <th scope="row">{w.name}</th>
                      <td>{formatNumber(w.openCases, locale)}</td>
                      <td>{formatNumber(w.urgentCases, locale)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableWrap>
          </section>
          <section aria-labelledby="unit-stages" className="panel">
            <h2 id="unit-stages">{t('unitOverview.byStage')}</h2>
            <ul>
              {data.byStage.map((s) => (
                <li key={s.stage}>
                  {t(`caseStage.${s.stage}`)}: {formatNumber(s.count, locale)}
                </li>
              ))}
            </ul>
          </section>
        </>
      )}
    </Page>
  );
}
