/**
 * The lists of a worker's day, as Today and the home page show them: each a section with its
 * count, a skeleton while the day loads, and an empty state that says what would show there.
 * Every item links to where the work is done; times are the agency's.
 */
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { NEW_ASSIGNMENT_DAYS } from '../../../areas/work/caseload.rules.ts';
import { formatDate, formatDateTime, formatNumber } from '../../format.ts';
import { useLocale } from '../../ui/locale.ts';
import { Skeleton } from '../../ui/skeleton.tsx';
import { StatusTag } from '../../ui/status-tag.tsx';
import { PriorityTag } from '../intake/priority-tag.tsx';
import type { TodayWork } from './work-api.ts';

/** "Overdue" in words as well as in colour, so it is not told by colour alone. */
function Overdue() {
  const { t } = useTranslation();
  return <StatusTag kind="overdue">{t('today.overdue')}</StatusTag>;
}

/** A deadline at a moment, in the agency's time zone. */
function DueAt({ dueAt, overdue }: { dueAt: string; overdue: boolean }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const time = formatDateTime(dueAt, locale);
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

interface SectionProps<T> {
  id: string;
  title: string;
  /** null while the day is loading. */
  items: T[] | null;
  /** What to do next when there is nothing: what would show here, and from where. */
  empty: string;
  render: (item: T) => ReactNode;
  /** Links to where more of this work is done, under the list. */
  actions?: ReactNode;
}

/** One list of the day's work: its count, the items, or a line saying what would show here. */
export function WorkSection<T>({ id, title, items, empty, render, actions }: SectionProps<T>) {
  const locale = useLocale();
  return (
    <section aria-labelledby={id} className="panel">
      <h2 id={id}>
        {title}
        {items && (
          <>
            {' '}
            <span className="badge">{formatNumber(items.length, locale)}</span>
          </>
        )}
      </h2>
      {items === null ? (
        <Skeleton lines={2} />
      ) : items.length === 0 ? (
        <p className="empty-state">{empty}</p>
      ) : (
        <ul className="work-list">{items.map(render)}</ul>
      )}
      {actions && <div className="button-row">{actions}</div>}
    </section>
  );
}

type Items<K extends keyof TodayWork> = TodayWork[K] extends (infer I)[] ? I[] | null : never;

export function UrgentCasesSection({ items }: { items: Items<'urgentCases'> }) {
  const { t } = useTranslation();
  const locale = useLocale();
  return (
    <WorkSection
      id="work-urgent-cases"
      title={t('today.urgentCases')}
      items={items}
      empty={t('work.empty.urgentCases')}
      render={(c) => (
        <li key={c.id}>
          <Link to={`/cases/${c.id}`}>{t('today.case', { number: c.caseNumber })}</Link> – {t(`caseStage.${c.stage}`)}{' '}
          <PriorityTag priority={c.priority} />
          {c.crisis ? (
            <>
              {' '}
              <StatusTag kind="urgent">{t('today.openCrisis')}</StatusTag>{' '}
              <span className="overdue">{t('today.crisisOpenSince', { time: formatDateTime(c.crisis.openedAt, locale) })}</span>{' '}
              <Link to={`/cases/${c.id}/crisis`}>{t('today.crisisLink', { number: c.caseNumber })}</Link>
            </>
          ) : (
            c.crisisRaisedAt && (
              <>
                {' '}
                <StatusTag kind="urgent">{t('today.crisis')}</StatusTag>{' '}
                <span className="overdue">{t('today.crisisSince', { time: formatDateTime(c.crisisRaisedAt, locale) })}</span>
              </>
            )
          )}
        </li>
      )}
    />
  );
}

export function NewCasesSection({ items }: { items: Items<'newCases'> }) {
  const { t } = useTranslation();
  const locale = useLocale();
  return (
    <WorkSection
      id="work-new-cases"
      title={t('work.newCases')}
      items={items}
      empty={t('work.empty.newCases', { count: NEW_ASSIGNMENT_DAYS })}
      render={(c) => (
        <li key={c.id}>
          <Link to={`/cases/${c.id}`}>{t('today.case', { number: c.caseNumber })}</Link> – {t(`caseStage.${c.stage}`)}{' '}
          <PriorityTag priority={c.priority} /> – {t('work.assignedAt', { time: formatDateTime(c.assignedAt, locale) })}
        </li>
      )}
    />
  );
}

export function StepsSection({ items }: { items: Items<'steps'> }) {
  const { t } = useTranslation();
  return (
    <WorkSection
      id="work-steps"
      title={t('today.steps')}
      items={items}
      empty={t('work.empty.steps')}
      render={(s) => (
        <li key={`${s.caseId}-${s.stepId}`}>
          <Link to={`/cases/${s.caseId}/plan`}>{s.what}</Link> –{' '}
          <Link to={`/cases/${s.caseId}`}>{t('today.case', { number: s.caseNumber })}</Link> –{' '}
          <DueOn date={s.dueDate} overdue={s.overdue} label="dueOn" />
        </li>
      )}
    />
  );
}

export function PlanReviewsSection({ items }: { items: Items<'planReviews'> }) {
  const { t } = useTranslation();
  return (
    <WorkSection
      id="work-plan-reviews"
      title={t('today.planReviews')}
      items={items}
      empty={t('work.empty.planReviews')}
      render={(r) => (
        <li key={r.planId}>
          <Link to={`/cases/${r.caseId}/plan`}>{t('today.planOf', { number: r.caseNumber })}</Link> –{' '}
          <DueOn date={r.reviewDate} overdue={r.overdue} label="reviewOn" />
        </li>
      )}
    />
  );
}

/** The reader's own journal drafts still to sign; a draft left too long, or near being signed late, is marked. */
export function JournalDraftsSection({ items }: { items: Items<'journalDrafts'> }) {
  const { t } = useTranslation();
  const locale = useLocale();
  return (
    <WorkSection
      id="work-journal-drafts"
      title={t('today.journalDrafts')}
      items={items}
      empty={t('work.empty.journalDrafts')}
      render={(d) => (
        <li key={d.id}>
          <Link to={`/cases/${d.caseId}/journal#entry-${d.id}`}>{t('today.journalDraftOf', { number: d.caseNumber })}</Link> –{' '}
          {t('today.journalDraftOn', { date: formatDate(d.occurredOn, locale) })}
          {d.late && (
            <>
              {' '}
              <StatusTag kind="late">{t('today.journalDraftLate')}</StatusTag>
            </>
          )}
        </li>
      )}
    />
  );
}

/** Consents of the reader's people that end within a month: time to renew them with the person, or to let them end. */
export function ConsentsEndingSection({ items }: { items: Items<'consentsEnding'> }) {
  const { t } = useTranslation();
  const locale = useLocale();
  return (
    <WorkSection
      id="work-consents-ending"
      title={t('today.consentsEnding')}
      items={items}
      empty={t('work.empty.consentsEnding')}
      render={(c) => (
        <li key={c.id}>
          <Link to={`/people/${c.personId}#consents`}>{t(`today.consentKind.${c.kind}`)}</Link> –{' '}
          <Link to={`/cases/${c.caseId}`}>{t('today.case', { number: c.caseNumber })}</Link> –{' '}
          {t('today.consentEndsOn', { date: formatDate(c.validTo, locale) })}
        </li>
      )}
    />
  );
}

export function RequestsSection({ items, actions }: { items: Items<'requests'>; actions?: ReactNode }) {
  const { t } = useTranslation();
  return (
    <WorkSection
      id="work-requests"
      title={t('today.requests')}
      items={items}
      empty={t('work.empty.requests')}
      actions={actions}
      render={(r) => (
        <li key={r.id}>
          <Link to={`/intake/${r.id}`}>{t('work.request', { number: r.receiptNumber })}</Link> <PriorityTag priority={r.priority} /> –{' '}
          <DueAt dueAt={r.dueAt} overdue={r.overdue} />
        </li>
      )}
    />
  );
}

export function ReferralFollowUpsSection({ items }: { items: Items<'referralFollowUps'> }) {
  const { t } = useTranslation();
  return (
    <WorkSection
      id="work-referral-follow-ups"
      title={t('today.referralFollowUps')}
      items={items}
      empty={t('work.empty.referralFollowUps')}
      render={(r) => (
        <li key={r.id}>
          <Link to={`/intake/${r.requestId}`}>{t('work.request', { number: r.receiptNumber })}</Link> – {r.organisationName} –{' '}
          <DueAt dueAt={r.dueAt} overdue={r.overdue} />
        </li>
      )}
    />
  );
}

export function ContactsSection({ items }: { items: Items<'contacts'> }) {
  const { t } = useTranslation();
  const locale = useLocale();
  return (
    <WorkSection
      id="work-contacts"
      title={t('today.contacts')}
      items={items}
      empty={t('work.empty.contacts')}
      render={(c) => (
        <li key={c.id}>
          <Link to={`/cases/${c.caseId}/contacts#contact-${c.id}`}>
            {c.plannedTime ? `${c.plannedTime} ` : ''}
            {t(`contacts.kind.${c.kind}`)}
          </Link>{' '}
          – <Link to={`/cases/${c.caseId}`}>{t('today.case', { number: c.caseNumber })}</Link> – {t(`contacts.place.${c.placeKind}`)}
          {c.overdue && (
            <>
              {' '}
              <span className="overdue">{t('today.contactNotRecorded', { date: formatDate(c.plannedOn, locale) })}</span> <Overdue />
            </>
          )}
        </li>
      )}
      actions={
        <Link className="button button--secondary" to="/week">
          {t('today.myWeek')}
        </Link>
      }
    />
  );
}

export function ContactFollowUpsSection({ items }: { items: Items<'contactFollowUps'> }) {
  const { t } = useTranslation();
  return (
    <WorkSection
      id="work-contact-follow-ups"
      title={t('today.contactFollowUps')}
      items={items}
      empty={t('work.empty.contactFollowUps')}
      render={(f) => (
        <li key={f.contactId}>
          <Link to={`/cases/${f.caseId}/contacts#contact-${f.contactId}`} dir="auto">
            {f.followUp}
          </Link>{' '}
          – <Link to={`/cases/${f.caseId}`}>{t('today.case', { number: f.caseNumber })}</Link> –{' '}
          <DueOn date={f.followUpOn} overdue={f.overdue} label="dueOn" />
        </li>
      )}
    />
  );
}
