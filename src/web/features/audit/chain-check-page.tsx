import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../../format.ts';
import { ErrorSummary } from '../../ui/error-summary.tsx';
import { useLocale } from '../../ui/locale.ts';
import { Page } from '../../ui/page.tsx';
import { useForm } from '../../ui/use-form.ts';
import { type AuditVerification, auditApi } from './audit-api.ts';

/** Events committed but not chained yet: the sealer chains them within about a second, and the next check covers them. */
function Unsealed({ unsealed }: { unsealed: AuditVerification['unsealed'] }) {
  const { t } = useTranslation();
  const locale = useLocale();
  if (unsealed.count === 0) return null;
  return (
    <p>
      {t('audit.verify.unsealed', {
        count: unsealed.count,
        unsealed: formatNumber(unsealed.count, locale),
        age: formatNumber(Math.round((unsealed.oldestAgeSeconds ?? 0) * 10) / 10, locale),
      })}
    </p>
  );
}

function VerificationResult({ result }: { result: AuditVerification }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const checked = formatNumber(result.checked, locale);
  if (result.ok) {
    return (
      <>
        <p className="notice notice--success">{t('audit.verify.ok', { count: result.checked, checked })}</p>
        <Unsealed unsealed={result.unsealed} />
      </>
    );
  }
  const unlisted = result.breakCount - result.breaks.length;
  return (
    <div className="notice notice--error">
      <p>{t('audit.verify.broken', { count: result.breakCount, breaks: formatNumber(result.breakCount, locale) })}</p>
      <ul>
        {result.breaks.map((brokenEvent) => (
          <li key={brokenEvent.seq}>
            {t('audit.verify.brokenEvent', { seq: brokenEvent.seq, problem: t(`audit.verify.code.${brokenEvent.code}`) })}
          </li>
        ))}
      </ul>
      {unlisted > 0 && (
        <p>
          {t('audit.verify.unlisted', {
            count: unlisted,
            unlisted: formatNumber(unlisted, locale),
            listed: formatNumber(result.breaks.length, locale),
          })}
        </p>
      )}
      <p>{t('audit.verify.checked', { count: result.checked, checked })}</p>
      <Unsealed unsealed={result.unsealed} />
    </div>
  );
}

/** /audit/verify: recomputes the audit log's hash chains on the server and reports every break (a capped list, and the count) and the events not sealed yet. */
export function ChainCheckPage() {
  const { t } = useTranslation();
  const form = useForm('verify');
  const [result, setResult] = useState<AuditVerification | null>(null);

  const run = () => {
    setResult(null);
    void form.submit(async () => {
      setResult(await auditApi.verify());
    });
  };

  return (
    <Page title={t('audit.verify.title')}>
      <p>{t('audit.verify.intro')}</p>
      <ErrorSummary form={form} labels={{}} />
      <button
        type="button"
        className="button button--primary"
        disabled={form.submitting}
        aria-busy={form.submitting || undefined}
        onClick={run}
      >
        {form.submitting ? t('audit.verify.running') : t('audit.verify.run')}
      </button>
      <div role="status" className="verify-result">
        {result && <VerificationResult result={result} />}
      </div>
    </Page>
  );
}
