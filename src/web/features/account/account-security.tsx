import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api.ts';
import { formatDateTime } from '../../format.ts';
import { useLocale } from '../../ui/locale.ts';
import { Notice } from '../../ui/notice.tsx';
import { Skeleton } from '../../ui/skeleton.tsx';
import { describeError } from '../../ui/validation.ts';
import { type AccountSecurity, meApi } from './account-api.ts';

/** Who last reset this account's password or second factor, and when: the owner learns of every reset. */
export function AccountSecuritySection() {
  const { t } = useTranslation();
  const locale = useLocale();
  const [security, setSecurity] = useState<AccountSecurity | null>(null);
  const [error, setError] = useState<ApiError | null>(null);

  useEffect(() => {
    meApi
      .security()
      .then(setSecurity)
      .catch((e: unknown) => setError(e instanceof ApiError ? e : null));
  }, []);

  const { passwordReset, mfaReset } = security ?? { passwordReset: null, mfaReset: null };
  return (
    <section aria-labelledby="security-heading" className="panel">
      <h2 id="security-heading">{t('account.security.title')}</h2>
      {error && <Notice kind="error">{describeError(error, t)}</Notice>}
      {security === null ? (
        !error && <Skeleton lines={2} />
      ) : passwordReset || mfaReset ? (
        <>
          {passwordReset && (
            <p>{t('account.security.passwordReset', { name: passwordReset.byName, date: formatDateTime(passwordReset.at, locale) })}</p>
          )}
          {mfaReset && <p>{t('account.security.mfaReset', { name: mfaReset.byName, date: formatDateTime(mfaReset.at, locale) })}</p>}
          <p>{t('account.security.unexpected')}</p>
        </>
      ) : (
        <p>{t('account.security.none')}</p>
      )}
    </section>
  );
}
