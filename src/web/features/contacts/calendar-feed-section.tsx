import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../format.ts';
import { useLocale } from '../../ui/locale.ts';
import { SavedMessage } from '../../ui/saved-message.tsx';
import { Skeleton } from '../../ui/skeleton.tsx';
import { StatusTag } from '../../ui/status-tag.tsx';
import { useForm } from '../../ui/use-form.ts';
import { LoadError } from '../work/load-status.tsx';
import { useLoad } from '../work/use-load.ts';
import { contactsApi } from './contacts-api.ts';
import './contacts.css';

/**
 * The account's calendar feed: the reader's contacts in a calendar app, by a secret address that
 * carries only case numbers, times, durations and kinds of place. The address is shown once, when
 * made; a new one makes the old stop working, and switching the feed off stops it.
 */
export function CalendarFeedSection() {
  const { t } = useTranslation();
  const locale = useLocale();
  const feed = useLoad(() => contactsApi.feed(), 'calendar-feed');
  const form = useForm('calendar-feed');
  const [url, setUrl] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const active = feed.data?.active ?? false;

  const make = () =>
    void form.submit(async () => {
      const made = await contactsApi.createFeed();
      setUrl(made.url);
      setSaved(active ? t('calendarFeed.replacedMessage') : t('calendarFeed.madeMessage'));
      feed.set({ active: true, createdAt: made.createdAt, lastUsedAt: null });
    });
  const revoke = () =>
    void form.submit(async () => {
      await contactsApi.revokeFeed();
      setUrl(null);
      setSaved(t('calendarFeed.revokedMessage'));
      feed.set({ active: false, createdAt: null, lastUsedAt: null });
    });

  return (
    <section aria-labelledby="calendar-feed-heading" className="panel">
      <h2 id="calendar-feed-heading">{t('calendarFeed.title')}</h2>
      <p>{t('calendarFeed.intro')}</p>
      <LoadError loaded={feed} />
      {!feed.data ? (
        !feed.error && <Skeleton lines={2} />
      ) : (
        <>
          <p>
            {active ? (
              <>
                <StatusTag kind="active">{t('calendarFeed.on')}</StatusTag>{' '}
                {t('calendarFeed.since', { time: formatDateTime(feed.data.createdAt, locale) })}{' '}
                {feed.data.lastUsedAt
                  ? t('calendarFeed.lastUsed', { time: formatDateTime(feed.data.lastUsedAt, locale) })
                  : t('calendarFeed.notUsed')}
              </>
            ) : (
              <StatusTag kind="ended">{t('calendarFeed.off')}</StatusTag>
            )}
          </p>
          {url && (
            <div className="notice notice--info">
              <p>
                <strong>{t('calendarFeed.addressLabel')}</strong>
              </p>
              <p className="calendar-feed__url">{url}</p>
              <p className="field__hint">{t('calendarFeed.addressHint')}</p>
            </div>
          )}
          {form.message && (
            <p role="alert" className="field__error">
              {form.message}
            </p>
          )}
          <div className="button-row">
            <button type="button" className="button button--primary" disabled={form.submitting} onClick={make}>
              {active ? t('calendarFeed.replace') : t('calendarFeed.make')}
            </button>
            {active && (
              <button type="button" className="button button--danger" disabled={form.submitting} onClick={revoke}>
                {t('calendarFeed.revoke')}
              </button>
            )}
            <SavedMessage text={saved} focus />
          </div>
          {active && <p className="field__hint">{t('calendarFeed.replaceHint')}</p>}
        </>
      )}
    </section>
  );
}
