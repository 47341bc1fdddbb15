import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { mfaCodeBody } from '../../../areas/auth/auth.contract.ts';
import { useSession } from '../../session/session-context.tsx';
import { SubmitButton } from '../../ui/buttons.tsx';
import { ErrorSummary } from '../../ui/error-summary.tsx';
import { Page } from '../../ui/page.tsx';
import { useForm } from '../../ui/use-form.ts';
import { authApi } from './auth-api.ts';
import { MfaCodeField, mfaCodeOverrides } from './mfa-code-field.tsx';

/** Second step of sign-in for staff with two-step verification. */
export function MfaCodeStep() {
  const { t } = useTranslation();
  const { refresh, signOut } = useSession();
  const form = useForm('mfa');
  const [code, setCode] = useState('');

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const body = form.check(mfaCodeBody, { code }, mfaCodeOverrides);
    if (!body) return;
    void form.submit(async () => {
      await authApi.verifyMfa(body);
      await refresh();
    });
  };

  return (
    <Page title={t('login.mfa.title')}>
      <p>{t('login.mfa.intro')}</p>
      <ErrorSummary form={form} labels={{ code: t('mfa.codeLabel') }} />
      <form noValidate onSubmit={onSubmit} className="form">
        <MfaCodeField form={form} value={code} onChange={setCode} />
        <div className="form__actions">
          <SubmitButton submitting={form.submitting}>{t('login.mfa.submit')}</SubmitButton>
          <button type="button" className="button button--secondary" onClick={() => void form.submit(signOut)}>
            {t('common.cancel')}
          </button>
        </div>
      </form>
    </Page>
  );
}
