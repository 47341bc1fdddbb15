import { type FormEvent, useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api.ts';
import { formatDateTime } from '../../format.ts';
import { useSignedInSession } from '../../session/session-context.tsx';
import { EmptyState } from '../../ui/empty-state.tsx';
import { useLocale } from '../../ui/locale.ts';
import { Notice, StatusMessage } from '../../ui/notice.tsx';
import { Page } from '../../ui/page.tsx';
import { Skeleton } from '../../ui/skeleton.tsx';
import { describeError } from '../../ui/validation.ts';
import { type MfaResetRequest, mfaResetApi } from './mfa-reset-api.ts';
import { MfaResetRequestForm } from './mfa-reset-request-form.tsx';
import { type StaffMember, staffApi } from './staff-api.ts';

interface ItemProps {
  request: MfaResetRequest;
  onDecide: (request: MfaResetRequest, decision: 'approve' | 'decline') => void;
  busy: boolean;
}

/** One request: whose factor, who asked and why, until when; the decision buttons the reader may use. */
function PendingRequest({ request, onDecide, busy }: ItemProps) {
  const { t } = useTranslation();
  const locale = useLocale();
  const { user } = useSignedInSession();
  const own = request.requestedBy.id === user.id;
  const aboutMe = request.staff.id === user.id;
  const name = request.staff.displayName;
  return (
    <li className="panel">
      <h3>{t('mfaResets.itemTitle', { name })}</h3>
      <p className="break">{request.staff.email}</p>
      <p>{t('mfaResets.requestedBy', { name: request.requestedBy.displayName, date: formatDateTime(request.requestedAt, locale) })}</p>
      <p>
        <strong>{t('mfaResets.reason')}:</strong> {request.reason}
      </p>
      <p>{t('mfaResets.expires', { date: formatDateTime(request.expiresAt, locale) })}</p>
      {aboutMe ? (
        <p>{t('mfaResets.aboutYou')}</p>
      ) : (
        <>
          {own && <p>{t('mfaResets.ownRequest')}</p>}
          <div className="button-row">
            {!own && (
              <button type="button" className="button button--danger" disabled={busy} onClick={() => onDecide(request, 'approve')}>
                {t('mfaResets.approve')}
                <span className="visually-hidden">{` ${name}`}</span>
              </button>
            )}
            <button type="button" className="button button--secondary" disabled={busy} onClick={() => onDecide(request, 'decline')}>
              {own ? t('mfaResets.withdraw') : t('mfaResets.decline')}
              <span className="visually-hidden">{` ${name}`}</span>
            </button>
          </div>
        </>
      )}
    </li>
  );
}

/** Finds a staff member by name or e-mail address, to ask for their second factor to be reset. */
function RequestReset({ onRequested }: { onRequested: (request: MfaResetRequest) => void }) {
  const { t } = useTranslation();
  const { user } = useSignedInSession();
  const [q, setQ] = useState('');
  const [found, setFound] = useState<StaffMember[] | null>(null);
  const [chosen, setChosen] = useState<StaffMember | null>(null);
  const [error, setError] = useState<ApiError | null>(null);

  const search = (event: FormEvent) => {
    event.preventDefault();
    setChosen(null);
    setError(null);
    staffApi
      .list({ q: q.trim(), limit: 20 })
      .then((page) => setFound(page.items.filter((member) => member.id !== user.id)))
      .catch((e: unknown) => setError(e instanceof ApiError ? e : null));
  };

  return (
    <section aria-labelledby="mfa-reset-request" className="panel">
      <h2 id="mfa-reset-request">{t('mfaResets.newTitle')}</h2>
      {error && <Notice kind="error">{describeError(error, t)}</Notice>}
      {/* biome-ignore lint/a11y/useSemanticElements: the search landmark on the form itself; older screen readers do not announce <search> */}
      <form role="search" aria-label={t('mfaResets.searchLabel')} onSubmit={search} className="search-form">
        <label htmlFor="mfa-reset-search">{t('staff.search')}</label>
        <input
          id="mfa-reset-search"
          type="search"
          className="field__input"
          value={q}
          onChange={(e) => setQ(e.target.value)}
          maxLength={200}
        />
        <button type="submit" className="button button--secondary">
          {t('common.search')}
        </button>
      </form>
      {found !== null && (
        <p role="status" className="list-status">
          {found.length === 0 ? t('staff.noMatches') : t('list.showing', { count: found.length })}
        </p>
      )}
      {found && found.length > 0 && (
        <ul className="plain-list">
          {found.map((member) => (
            <li key={member.id}>
              <button
                type="button"
                className="button button--secondary button--small"
                aria-expanded={chosen?.id === member.id}
                onClick={() => setChosen(chosen?.id === member.id ? null : member)}
              >
                {t('mfaResets.choose', { name: member.displayName })}
              </button>{' '}
              <span className="break">{member.email}</span>
              {chosen?.id === member.id && <MfaResetRequestForm member={member} onRequested={onRequested} />}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** /mfa-resets: second-factor resets waiting for a second person's decision, and new requests. */
export function MfaResetsPage() {
  const { t } = useTranslation();
  const [items, setItems] = useState<MfaResetRequest[] | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const load = useCallback(() => {
    mfaResetApi
      .pending()
      .then((result) => setItems(result.items))
      .catch((e: unknown) => setError(e instanceof ApiError ? e : null));
  }, []);
  useEffect(load, [load]);

  const decide = async (request: MfaResetRequest, decision: 'approve' | 'decline') => {
    setBusy(true);
    setError(null);
    setMessage(null);
    try {
      const decided = await (decision === 'approve' ? mfaResetApi.approve(request.id) : mfaResetApi.decline(request.id));
      setItems((previous) => previous?.filter((r) => r.id !== decided.id) ?? null);
      const name = decided.staff.displayName;
      setMessage(decision === 'approve' ? t('mfaResets.approved', { name }) : t('mfaResets.declined', { name }));
    } catch (e) {
      if (e instanceof ApiError) setError(e);
      load();
    } finally {
      setBusy(false);
    }
  };

  return (
    <Page title={t('mfaResets.title')}>
      <p>{t('mfaResets.intro')}</p>
      <StatusMessage message={message} />
      {error && <Notice kind="error">{describeError(error, t)}</Notice>}
      <section aria-labelledby="mfa-reset-pending" className="panel">
        <h2 id="mfa-reset-pending">{t('mfaResets.pendingTitle')}</h2>
        {items === null ? (
          !error && <Skeleton lines={4} />
        ) : (
          <div role="status" className="list-status">
            {items.length === 0 ? (
              <EmptyState title={t('mfaResets.empty')} hint={t('mfaResets.emptyHint')} />
            ) : (
              t('list.showing', { count: items.length })
            )}
          </div>
        )}
        {items && items.length > 0 && (
          <ul className="plain-list">
            {items.map((request) => (
              <PendingRequest key={request.id} request={request} busy={busy} onDecide={(r, d) => void decide(r, d)} />
            ))}
          </ul>
        )}
      </section>
      <RequestReset onRequested={(request) => setItems((previous) => [request, ...(previous ?? [])])} />
    </Page>
  );
}
