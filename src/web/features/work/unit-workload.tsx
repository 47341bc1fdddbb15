import { useTranslation } from 'react-i18next';
import { formatNumber } from '../../format.ts';
import { useLocale } from '../../ui/locale.ts';
import { StatusTag } from '../../ui/status-tag.tsx';
import { TableWrap } from '../../ui/table-wrap.tsx';
import type { UnitOverview } from './work-api.ts';

/**
 * Who in the unit holds how much: open, urgent (or crisis-flagged) cases and overdue steps per
 * worker, the most loaded first, those over the caseload limit marked in words; and the unit's
 * intake queue. Counts only.
 */
export function UnitWorkload({ data, headingId }: { data: UnitOverview; headingId: string }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const overloaded = data.byWorker.filter((w) => w.overloaded).length;
  return (
    <>
      <p>
        {t('unitOverview.requests', {
          open: formatNumber(data.openRequests, locale),
          overdue: formatNumber(data.overdueRequests, locale),
        })}
      </p>
      {data.byWorker.length === 0 ? (
        <p className="empty-state">{t('unitOverview.noWorkers')}</p>
      ) : (
        <>
          <p>
            {overloaded > 0
              ? t('unitOverview.overloadedCount', { count: overloaded, limit: formatNumber(data.caseloadLimit, locale) })
              : t('unitOverview.noneOverloaded', { limit: formatNumber(data.caseloadLimit, locale) })}
          </p>
          <TableWrap label={t('unitOverview.byWorker')}>
            <table aria-labelledby={headingId}>
              <thead>
                <tr>
                  <th scope="col">{t('unitOverview.worker')}</th>
                  <th scope="col">{t('unitOverview.openCases')}</th>
                  <th scope="col">{t('unitOverview.urgentCases')}</th>
                  <th scope="col">{t('unitOverview.overdueSteps')}</th>
                  <th scope="col">{t('unitOverview.staleDrafts', { days: formatNumber(data.draftReminderDays, locale) })}</th>
                </tr>
              </thead>
              <tbody>
                {data.byWorker.map((w) => (
                  <tr key={w.staffId}>
                    <th scope="row">
                      {w.name}
                      {w.overloaded && (
                        <>
                          {' '}
                          <StatusTag kind="overloaded">{t('unitOverview.overloaded')}</StatusTag>
                        </>
                      )}
                    </th>
                    <td>{formatNumber(w.openCases, locale)}</td>
                    <td>{formatNumber(w.urgentCases, locale)}</td>
                    <td className={w.overdueSteps > 0 ? 'overdue' : undefined}>{formatNumber(w.overdueSteps, locale)}</td>
                    <td className={w.staleDrafts > 0 ? 'overdue' : undefined}>{formatNumber(w.staleDrafts, locale)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        </>
      )}
    </>
  );
}
