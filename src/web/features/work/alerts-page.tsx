import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ApiError } from '../../api.ts';
import { formatDate, formatDateTime } from '../../format.ts';
import { EmptyState } from '../../ui/empty-state.tsx';
import { useLocale } from '../../ui/locale.ts';
import { StatusMessage } from '../../ui/notice.tsx';
import { Page } from '../../ui/page.tsx';
import { Skeleton } from '../../ui/skeleton.tsx';
import { describeError } from '../../ui/validation.ts';
import { ALERTS_CHANGED } from '../shell/alerts-link.tsx';
import { type Alert, workApi } from './work-api.ts';

/** Alerts about one's own account, whose details are on the account page. */
const ACCOUNT_KINDS: readonly Alert['kind'][] = ['password_reset', 'mfa_reset'];

/**
 * /alerts: my unread alerts – what each is about, the case and the person it concerns (the person's
 * name only where they are within my reach), a link to the request, case or account page, and a
 * dismiss button.
 */
export function AlertsPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const [items, setItems] = useState<Alert[] | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [message, setMessage] = useState<string | null>(null);

  useEffect(() => {
    workApi
      .alerts()
      .then((result) => setItems(result.items))
      .catch((e: unknown) => setError(e instanceof ApiError ? e : null));
  }, []);

  const dismiss = async (alert: Alert) => {
    try {
      await workApi.dismissAlert(alert.id);
      setItems((previous) => previous?.filter((a) => a.id !== alert.id) ?? null);
      setMessage(t('alerts.dismissed'));
      window.dispatchEvent(new Event(ALERTS_CHANGED));
    } catch (e) {
      if (e instanceof ApiError) setError(e);
    }
  };

  return (
    <Page title={t('alerts.title')}>
      <StatusMessage message={message} />
      {error && (
        <p role="alert" className="notice notice--error">
          {describeError(error, t)}
        </p>
      )}
      {items === null ? (
        !error && <Skeleton lines={4} />
      ) : (
        <div role="status" className="list-status">
          {items.length === 0 ? (
            <EmptyState title={t('alerts.empty')} hint={t('alerts.emptyHint')} />
          ) : (
            t('list.showing', { count: items.length })
          )}
        </div>
      )}
      {items && items.length > 0 && (
        <ul className="plain-list">
          {items.map((alert) => (
            <li key={alert.id} className="panel">
              <p>
                <strong>{t(`alerts.kind.${alert.kind}`)}</strong> – {formatDateTime(alert.createdAt, locale)}
                {alert.dueOn && ` · ${t('alerts.dueOn', { date: formatDate(alert.dueOn, locale) })}`}
              </p>
              {(alert.caseNumber || alert.personName) && (
                <p>{[alert.caseNumber && t('alerts.case', { number: alert.caseNumber }), alert.personName].filter(Boolean).join(' – ')}</p>
              )}
              <div className="button-row">
                {alert.requestId && (
                  <Link to={`/intake/${alert.requestId}`}>{t('alerts.openRequest', { receipt: alert.receiptNumber ?? '' })}</Link>
                )}
                {alert.caseId && (
                  <Link to={`/cases/${alert.caseId}`}>
                    {alert.caseNumber ? t('alerts.openCaseNumber', { number: alert.caseNumber }) : t('alerts.openCase')}
                  </Link>
                )}
                {alert.caseId && (alert.kind === 'contact_due' || alert.kind === 'follow_up_due') && (
                  <Link to={`/cases/${alert.caseId}/contacts`}>{t('alerts.openContacts')}</Link>
                )}
                {alert.caseId && alert.kind === 'draft_unsigned' && (
                  <Link to={`/cases/${alert.caseId}/journal`}>{t('alerts.openJournal')}</Link>
                )}
                {alert.caseId &&
                  (alert.kind === 'crisis_opened' || alert.kind === 'crisis_flag' || alert.kind === 'crisis_follow_up_due') && (
                    <Link to={`/cases/${alert.caseId}/crisis`}>{t('alerts.openCrisis')}</Link>
                  )}
                {ACCOUNT_KINDS.includes(alert.kind) && <Link to="/account">{t('alerts.openAccount')}</Link>}
                {alert.kind === 'mfa_reset_requested' && <Link to="/mfa-resets">{t('alerts.openMfaResets')}</Link>}
                {alert.kind === 'link_requested' && <Link to="/link-requests">{t('alerts.openLinkRequests')}</Link>}
                <button type="button" className="button button--secondary button--small" onClick={() => void dismiss(alert)}>
                  {t('alerts.dismiss')}
                </button>
              </div>
            </li>
          ))}
        </ul>
      )}
    </Page>
  );
}
