import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ApiError } from '../../api.ts';
import { formatDate, formatDateTime } from '../../format.ts';
import { EmptyState } from '../../ui/empty-state.tsx';
import { useLocale } from '../../ui/locale.ts';
import { StatusMessage } from '../../ui/notice.tsx';
import { Page } from '../../ui/page.tsx';
import { describeError } from '../../ui/validation.ts';
import { LoadStatus } from '../work/load-status.tsx';
import { useLoad } from '../work/use-load.ts';
import { linkRequestsApi, type PersonLinkRequest } from './link-requests-api.ts';

/** Requests from elsewhere in the agency to link a newly registered record with one this worker knows. */
export function LinkRequestsPage() {
  const { t } = useTranslation();
  const loaded = useLoad(() => linkRequestsApi.open(), 'link-requests');
  const [message, setMessage] = useState<string | null>(null);
  const items = loaded.data?.items ?? [];
  return (
    <Page title={t('linkRequests.title')}>
      <p>{t('linkRequests.intro')}</p>
      <StatusMessage message={message} />
      <LoadStatus loaded={loaded} />
      {loaded.data && items.length === 0 && <EmptyState title={t('linkRequests.none')} hint={t('linkRequests.noneHint')} />}
      <ul className="candidate-list">
        {items.map((item) => (
          <LinkRequestItem
            key={item.id}
            item={item}
            onDecided={(text) => {
              setMessage(text);
              loaded.reload();
            }}
          />
        ))}
      </ul>
    </Page>
  );
}

function LinkRequestItem({ item, onDecided }: { item: PersonLinkRequest; onDecided: (message: string) => void }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const id = `link-request-${item.id}`;
  const record = (r: PersonLinkRequest['person']) =>
    `${r.givenName} ${r.familyName}${r.birthDate ? `, ${t('person.bornOn', { date: formatDate(r.birthDate, locale) })}` : ''}`;
  const decide = (accept: boolean) => {
    setError(null);
    (accept ? linkRequestsApi.accept(item.id, { note }) : linkRequestsApi.decline(item.id, { note }))
      .then(() => onDecided(t(accept ? 'linkRequests.accepted' : 'linkRequests.declined')))
      .catch((e: unknown) => setError(e instanceof ApiError ? describeError(e, t) : t('error.unexpected')));
  };
  return (
    <li className="candidate">
      <p>{t('linkRequests.asked', { who: item.requestedByName ?? '–', date: formatDateTime(item.requestedAt, locale) })}</p>
      <dl className="details-list">
        <dt>{t('linkRequests.newRecord')}</dt>
        <dd>{record(item.person)}</dd>
        <dt>{t('linkRequests.yourRecord')}</dt>
        <dd>
          <Link to={`/people/${item.otherPerson.id}`}>{record(item.otherPerson)}</Link>
        </dd>
      </dl>
      <div className="field">
        <label htmlFor={id} className="field__label">
          {t('linkRequests.note')}
        </label>
        <input id={id} className="field__input" value={note} maxLength={1000} onChange={(e) => setNote(e.target.value)} />
      </div>
      {error && (
        <p role="alert" className="field__error">
          {error}
        </p>
      )}
      <div className="button-row">
        <button type="button" className="button button--primary button--small" onClick={() => decide(true)}>
          {t('linkRequests.accept')}
        </button>
        <button type="button" className="button button--secondary button--small" onClick={() => decide(false)}>
          {t('linkRequests.decline')}
        </button>
      </div>
    </li>
  );
}
