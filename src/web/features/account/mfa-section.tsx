import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { mfaCodeBody, reauthBody } from '../../../areas/auth/auth.contract.ts';
import { useSession, useSignedInSession } from '../../session/session-context.tsx';
import { SubmitButton } from '../../ui/buttons.tsx';
import { ErrorSummary } from '../../ui/error-summary.tsx';
import { StatusMessage } from '../../ui/notice.tsx';
import { useForm } from '../../ui/use-form.ts';
import type { MfaEnrolment } from '../auth/auth-api.ts';
import { MfaCodeField, mfaCodeOverrides } from '../auth/mfa-code-field.tsx';
import { MfaEnrolmentDetails } from '../auth/mfa-enrolment-details.tsx';
import { meApi } from './account-api.ts';
import { CurrentPasswordField } from './current-password-field.tsx';

/** Turning MFA off needs the current password; the server refuses when a role requires it. */
function DisableMfaForm({ onDone }: { onDone: () => Promise<void> }) {
  const { t } = useTranslation();
  const form = useForm('mfa-disable');
  const [currentPassword, setCurrentPassword] = useState('');
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const body = form.check(reauthBody, { currentPassword });
    if (!body) return;
    void form.submit(async () => {
      await meApi.disableMfa(body);
      setCurrentPassword('');
      await onDone();
    });
  };
  return (
    <>
      <ErrorSummary form={form} labels={{ currentPassword: t('account.password.current') }} />
      <form noValidate onSubmit={onSubmit} className="form">
        <CurrentPasswordField form={form} value={currentPassword} onChange={setCurrentPassword} />
        <SubmitButton submitting={form.submitting} variant="danger">
          {t('account.mfa.disable')}
        </SubmitButton>
      </form>
    </>
  );
}

/** Enrolment: current password → QR code and secret → a code from the app. */
function EnableMfaForm({ onDone }: { onDone: () => Promise<void> }) {
  const { t } = useTranslation();
  const startForm = useForm('mfa-enable');
  const confirmForm = useForm('mfa-confirm');
  const [currentPassword, setCurrentPassword] = useState('');
  const [enrolment, setEnrolment] = useState<MfaEnrolment | null>(null);
  const [code, setCode] = useState('');

  const start = (event: FormEvent) => {
    event.preventDefault();
    const body = startForm.check(reauthBody, { currentPassword });
    if (!body) return;
    void startForm.submit(async () => {
      setEnrolment(await meApi.enrolMfa(body));
      setCurrentPassword('');
    });
  };
  const confirm = (event: FormEvent) => {
    event.preventDefault();
    const body = confirmForm.check(mfaCodeBody, { code }, mfaCodeOverrides);
    if (!body) return;
    void confirmForm.submit(async () => {
      await meApi.confirmMfa(body);
      await onDone();
    });
  };

  if (enrolment === null) {
    return (
      <>
        <ErrorSummary form={startForm} labels={{ currentPassword: t('account.password.current') }} />
        <form noValidate onSubmit={start} className="form">
          <CurrentPasswordField form={startForm} value={currentPassword} onChange={setCurrentPassword} />
          <SubmitButton submitting={startForm.submitting}>{t('account.mfa.enable')}</SubmitButton>
        </form>
      </>
    );
  }
  return (
    <>
      <MfaEnrolmentDetails enrolment={enrolment} />
      <ErrorSummary form={confirmForm} labels={{ code: t('mfa.codeLabel') }} />
      <form noValidate onSubmit={confirm} className="form">
        <MfaCodeField form={confirmForm} value={code} onChange={setCode} />
        <div className="form__actions">
          <SubmitButton submitting={confirmForm.submitting}>{t('mfa.enrol.confirm')}</SubmitButton>
          <button type="button" className="button button--secondary" onClick={() => setEnrolment(null)}>
            {t('common.cancel')}
          </button>
        </div>
      </form>
    </>
  );
}

export function MfaSection() {
  const { t } = useTranslation();
  const { user } = useSignedInSession();
  const { refresh } = useSession();
  const [message, setMessage] = useState<string | null>(null);

  const done = (text: string) => async () => {
    await refresh();
    setMessage(text);
  };

  return (
    <section aria-labelledby="mfa-heading" className="panel">
      <h2 id="mfa-heading">{t('account.mfa.title')}</h2>
      <StatusMessage message={message} />
      <p>{user.mfaEnabled ? t('account.mfa.statusOn') : t('account.mfa.statusOff')}</p>
      {user.mfaEnabled ? (
        <DisableMfaForm onDone={done(t('account.mfa.disabled'))} />
      ) : (
        <EnableMfaForm onDone={done(t('account.mfa.enabled'))} />
      )}
    </section>
  );
}
