import { ChevronLeft, ChevronRight } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { daysBetween, isIsoWeek, isoWeekOf } from '../../../areas/contact/week.rules.ts';
import { formatDate, formatNumber, formatWeekday, todayIsoDate } from '../../format.ts';
import { useSignedInSession } from '../../session/session-context.tsx';
import { EmptyState } from '../../ui/empty-state.tsx';
import { Icon } from '../../ui/icon.tsx';
import { useLocale } from '../../ui/locale.ts';
import { Page } from '../../ui/page.tsx';
import { Skeleton } from '../../ui/skeleton.tsx';
import { StatusTag } from '../../ui/status-tag.tsx';
import { LoadError } from '../work/load-status.tsx';
import { useLoad } from '../work/use-load.ts';
import { contactsApi, type WeekContact } from './contacts-api.ts';
import { contactStatusTag } from './contacts-page.tsx';
import './contacts.css';

/**
 * /week – "My week": the contacts the reader takes part in, day by day from Monday, across their
 * cases, with the weeks before and after. Days and times are the agency's.
 */
export function WeekPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const { agencyTimeZone } = useSignedInSession();
  const [params] = useSearchParams();
  const asked = params.get('week');
  const isoWeek = asked && isIsoWeek(asked) ? asked : null;
  const loaded = useLoad(() => contactsApi.week(isoWeek), `week:${isoWeek ?? 'this'}`);
  const week = loaded.data;
  const today = todayIsoDate();
  const byDay = new Map<string, WeekContact[]>();
  for (const contact of week?.items ?? []) byDay.set(contact.plannedOn, [...(byDay.get(contact.plannedOn) ?? []), contact]);
  return (
    <Page title={t('week.title')}>
      <p className="field__hint">{t('today.timeZone', { zone: agencyTimeZone })}</p>
      <LoadError loaded={loaded} />
      {week && (
        <nav className="week-nav" aria-label={t('week.navigation')}>
          <Link className="button button--secondary" to={`/week?week=${week.previousWeek}`}>
            <Icon icon={ChevronLeft} />
            {t('week.previous')}
          </Link>
          <p className="week-nav__shown" aria-live="polite">
            <strong>{t('week.number', { number: formatNumber(Number(isoWeekOf(week.from).slice(6)), locale) })}</strong>{' '}
            {t('week.range', { from: formatDate(week.from, locale), to: formatDate(week.to, locale) })}
          </p>
          <Link className="button button--secondary" to={`/week?week=${week.nextWeek}`}>
            {t('week.next')}
            <Icon icon={ChevronRight} />
          </Link>
          {isoWeek && (
            <Link className="button button--secondary" to="/week">
              {t('week.thisWeek')}
            </Link>
          )}
        </nav>
      )}
      {!week ? (
        !loaded.error && <Skeleton lines={7} />
      ) : week.items.length === 0 ? (
        <EmptyState title={t('week.none')} hint={t('week.noneHint')} />
      ) : (
        daysBetween(week.from, week.to).map((day) => (
          <section key={day} className="week-day" aria-labelledby={`day-${day}`}>
            <h2 id={`day-${day}`}>
              {formatWeekday(day, locale)} {day === today && <StatusTag kind="info">{t('week.today')}</StatusTag>}
            </h2>
            {(byDay.get(day) ?? []).length === 0 ? (
              <p className="empty-state">{t('week.dayFree')}</p>
            ) : (
              <ul className="week-day__list">
                {(byDay.get(day) ?? []).map((contact) => (
                  <li key={contact.id} className="week-contact">
                    <span className="week-contact__time">{contact.plannedTime ?? t('week.noTime')}</span>
                    <span className="week-contact__what">
                      <Link to={`/cases/${contact.caseId}/contacts#contact-${contact.id}`}>
                        {t(`contacts.kind.${contact.kind}`)} – {contact.personName}
                      </Link>{' '}
                      <span>({t('today.case', { number: contact.caseNumber })})</span>{' '}
                      {contact.status !== 'planned' && (
                        <StatusTag kind={contactStatusTag[contact.status]}>{t(`contacts.status.${contact.status}`)}</StatusTag>
                      )}
                      <br />
                      <span className="week-contact__place" dir="auto">
                        {t('contacts.minutes', { count: contact.durationMinutes })} · {t(`contacts.place.${contact.placeKind}`)}
                        {contact.placeText && ` – ${contact.placeText}`}
                      </span>
                    </span>
                  </li>
                ))}
              </ul>
            )}
          </section>
        ))
      )}
    </Page>
  );
}
