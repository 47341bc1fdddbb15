import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDate, formatDateTime } from '../../format.ts';
import { useLocale } from '../../ui/locale.ts';
import { Page } from '../../ui/page.tsx';
import { organisationApi } from '../admin/organisation-api.ts';
import { PriorityBadge } from '../intake/queue-page.tsx';
import { LoadStatus } from './load-status.tsx';
import { useLoad } from './use-load.ts';
import { workApi } from './work-api.ts';

/** "Overdue" in words as well as in colour, so it is not told by colour alone. */
function Overdue() {
  const { t } = useTranslation();
  return <span className="badge badge--urgent">{t('today.overdue')}</span>;
}

/** A deadline at a moment, in the agency's time zone. */
function DueAt({ dueAt, overdue, timeZone }: { dueAt: string; overdue: boolean; timeZone: string | undefined }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const time = formatDateTime(dueAt, locale, timeZone);
  return <span className={overdue ? 'overdue' : undefined}>{overdue ? t('intake.overdueAt', { time }) : t('today.dueAt', { time })}</span>;
}

/** A deadline on a calendar day (a step's due date, a plan's review date). */
function DueOn({ date, overdue, label }: { date: string; overdue: boolean; label: 'dueOn' | 'reviewOn' }) {
  const { t } = useTranslation();
  const locale = useLocale();
  return (
    <>
      <span className={overdue ? 'overdue' : undefined}>{t(`today.${label}`, { date: formatDate(date, locale) })}</span>
      {overdue && (
        <>
          {' '}
          <Overdue />
        </>
      )}
    </>
  );
}

/** One list of today's work, or a line saying there is none. */
function TodaySection<T>({ id, title, items, render }: { id: string; title: string; items: T[]; render: (item: T) => ReactNode }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby={id} className="panel">
      <h2 id={id}>
        {title} <span className="badge">{items.length}</span>
      </h2>
      {items.length === 0 ? <p>{t('today.nothing')}</p> : <ul className="today-list">{items.map(render)}</ul>}
    </section>
  );
}

/**
 * /today: what needs doing today or is late – requests and referral follow-ups, urgent cases and
 * those with a crisis flag, plan steps and plan reviews – each linking to where the work is done.
 * "Today" and the times are the agency's (its time zone setting), not the browser's.
 */
export function TodayPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const today = useLoad(
    () => Promise.all([workApi.today(), organisationApi.agency().catch(() => null)]).then(([work, agency]) => ({ work, agency })),
    'today',
  );
  const data = today.data?.work;
  const timeZone = today.data?.agency?.timeZone;
  return (
    <Page title={t('today.title')}>
      <LoadStatus loaded={today} />
      {data && (
        <>
          {timeZone && <p className="field__hint">{t('today.timeZone', { zone: timeZone })}</p>}
          <TodaySection
            id="today-cases"
            title={t('today.urgentCases')}
            items={data.urgentCases}
            render={(c) => (
              <li key={c.id}>
                <Link to={`/cases/${c.id}`}>{t('today.case', { number: c.caseNumber })}</Link> – {t(`caseStage.${c.stage}`)}{' '}
                <PriorityBadge priority={c.priority} />
                {c.crisisRaisedAt && (
                  <>
                    {' '}
                    <span className="badge badge--urgent">{t('today.crisis')}</span>{' '}
                    <span className="overdue">{t('today.crisisSince', { time: formatDateTime(c.crisisRaisedAt, locale, timeZone) })}</span>
                  </>
                )}
              </li>
            )}
          />
          <TodaySection
            id="today-steps"
            title={t('today.steps')}
            items={data.steps}
            render={(s) => (
              <li key={`${s.caseId}-${s.stepId}`}>
                <Link to={`/cases/${s.caseId}/plan`}>{s.what}</Link> – {t('today.case', { number: s.caseNumber })} –{' '}
                <DueOn date={s.dueDate} overdue={s.overdue} label="dueOn" />
              </li>
            )}
          />
          <TodaySection
            id="today-reviews"
            title={t('today.planReviews')}
            items={data.planReviews}
            render={(r) => (
              <li key={r.planId}>
                <Link to={`/cases/${r.caseId}/plan`}>{t('today.planOf', { number: r.caseNumber })}</Link> –{' '}
                <DueOn date={r.reviewDate} overdue={r.overdue} label="reviewOn" />
              </li>
            )}
          />
          <TodaySection
            id="today-requests"
            title={t('today.requests')}
            items={data.requests}
            render={(r) => (
              <li key={r.id}>
                <Link to={`/intake/${r.id}`}>{r.receiptNumber}</Link> <PriorityBadge priority={r.priority} /> –{' '}
                <DueAt dueAt={r.dueAt} overdue={r.overdue} timeZone={timeZone} />
              </li>
            )}
          />
          <TodaySection
            id="today-referrals"
            title={t('today.referralFollowUps')}
            items={data.referralFollowUps}
            render={(r) => (
              <li key={r.id}>
                <Link to={`/intake/${r.requestId}`}>{r.receiptNumber}</Link> – {r.organisationName} –{' '}
                <DueAt dueAt={r.dueAt} overdue={r.overdue} timeZone={timeZone} />
              </li>
            )}
          />
        </>
      )}
    </Page>
  );
}
