import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDateTime } from '../../format.ts';
import { useLocale } from '../../ui/locale.ts';
import { Page } from '../../ui/page.tsx';
import { LoadStatus } from './load-status.tsx';
import { useLoad } from './use-load.ts';
import { workApi } from './work-api.ts';

function Due({ dueAt, overdue }: { dueAt: string; overdue: boolean }) {
  const { t } = useTranslation();
  const locale = useLocale();
  return (
    <span className={overdue ? 'overdue' : undefined}>
      {overdue ? t('intake.overdueAt', { time: formatDateTime(dueAt, locale) }) : formatDateTime(dueAt, locale)}
    </span>
  );
}

/** /today: overdue and due-today requests, referral follow-ups and urgent cases. */
export function TodayPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const today = useLoad(() => workApi.today(), 'today');
  const data = today.data;
  return (
    <Page title={t('today.title')}>
      <LoadStatus loaded={today} />
      {data && (
        <>
          <section aria-labelledby="today-requests" className="panel">
            <h2 id="today-requests">{t('today.requests')}</h2>
            {data.requests.length === 0 ? (
              <p>{t('today.nothing')}</p>
            ) : (
              <ul>
                {data.requests.map((r) => (
                  <li key={r.id}>
                    <Link to={`/intake/${r.id}`}>{r.receiptNumber}</Link> – {t(`priority.${r.priority}`, { defaultValue: r.priority })} –{' '}
                    <Due dueAt={r.dueAt} overdue={r.overdue} />
                  </li>
                ))}
              </ul>
            )}
          </section>
          <section aria-labelledby="today-referrals" className="panel">
            <h2 id="today-referrals">{t('today.referralFollowUps')}</h2>
            {data.referralFollowUps.length === 0 ? (
              <p>{t('today.nothing')}</p>
            ) : (
              <ul>
                {data.referralFollowUps.map((r) => (
                  <li key={r.id}>
                    <Link to={`/intake/${r.requestId}`}>{r.receiptNumber}</Link> – {r.organisationName} –{' '}
                    <Due dueAt={r.dueAt} overdue={r.overdue} />
                  </li>
                ))}
              </ul>
            )}
          </section>
          <section aria-labelledby="today-cases" className="panel">
            <h2 id="today-cases">{t('today.urgentCases')}</h2>
            {data.urgentCases.length === 0 ? (
              <p>{t('today.nothing')}</p>
            ) : (
              <ul>
                {data.urgentCases.map((c) => (
                  <li key={c.id}>
                    <Link to={`/cases/${c.id}`}>{c.caseNumber}</Link> – {t(`caseStage.${c.stage}`)} – {formatDateTime(c.openedAt, locale)}
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
