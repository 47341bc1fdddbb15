import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { mfaCodeBody } from '../../../areas/auth/auth.contract.ts';
import { useSession } from '../../session/session-context.tsx';
import { SubmitButton } from '../../ui/buttons.tsx';
import { ErrorSummary } from '../../ui/error-summary.tsx';
import { Page } from '../../ui/page.tsx';
import { useForm } from '../../ui/use-form.ts';
import { authApi, type MfaEnrolment } from './auth-api.ts';
import { MfaCodeField, mfaCodeOverrides } from './mfa-code-field.tsx';
import { MfaEnrolmentDetails } from './mfa-enrolment-details.tsx';

/** Sign-in for staff whose role requires two-step verification but who have not set it up yet. */
export function MfaEnrolmentStep() {
  const { t } = useTranslation();
  const { refresh, signOut } = useSession();
  const startForm = useForm('mfa-start');
  const form = useForm('mfa-enrol');
  const [enrolment, setEnrolment] = useState<MfaEnrolment | null>(null);
  const [code, setCode] = useState('');

  const start = (event: FormEvent) => {
    event.preventDefault();
    void startForm.submit(async () => {
      setEnrolment(await authApi.enrolMfa());
    });
  };

  const confirm = (event: FormEvent) => {
    event.preventDefault();
    const body = form.check(mfaCodeBody, { code }, mfaCodeOverrides);
    if (!body) return;
    void form.submit(async () => {
      await authApi.confirmMfa(body);
      await refresh();
    });
  };

  const cancel = (
    <button type="button" className="button button--secondary" onClick={() => void form.submit(signOut)}>
      {t('common.cancel')}
    </button>
  );

  return (
    <Page title={t('login.enrol.title')}>
      <p>{t('login.enrol.intro')}</p>
      {enrolment === null ? (
        <>
          <ErrorSummary form={startForm} labels={{}} />
          <form noValidate onSubmit={start} className="form">
            <div className="form__actions">
              <SubmitButton submitting={startForm.submitting}>{t('mfa.enrol.start')}</SubmitButton>
              {cancel}
            </div>
          </form>
        </>
      ) : (
        <>
          <MfaEnrolmentDetails enrolment={enrolment} />
          <ErrorSummary form={form} labels={{ code: t('mfa.codeLabel') }} />
          <form noValidate onSubmit={confirm} className="form">
            <MfaCodeField form={form} value={code} onChange={setCode} />
            <div className="form__actions">
              <SubmitButton submitting={form.submitting}>{t('mfa.enrol.confirm')}</SubmitButton>
              {cancel}
            </div>
          </form>
        </>
      )}
    </Page>
  );
}
