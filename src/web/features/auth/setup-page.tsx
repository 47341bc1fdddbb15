import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { setupBody } from '../../../areas/auth/auth.contract.ts';
import { SubmitButton } from '../../ui/buttons.tsx';
import { ErrorSummary } from '../../ui/error-summary.tsx';
import { TextField } from '../../ui/fields.tsx';
import { NewPasswordFields, useNewPassword } from '../../ui/new-password-fields.tsx';
import { Notice } from '../../ui/notice.tsx';
import { Page } from '../../ui/page.tsx';
import { useForm } from '../../ui/use-form.ts';
import { PublicLayout } from '../shell/public-layout.tsx';
import { authApi } from './auth-api.ts';

/** /setup?token=…: creates the first administrator with the one-time token printed at installation. */
export function SetupPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const token = useSearchParams()[0].get('token') ?? '';
  const form = useForm('setup');
  const [email, setEmail] = useState('');
  const [displayName, setDisplayName] = useState('');
  const password = useNewPassword(form, { password: 'password', confirmation: 'passwordConfirm' });

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const body = form.check(setupBody, { token, email, displayName, password: password.value });
    if (!body) return;
    if (!password.confirmed()) return;
    void form.submit(async () => {
      await authApi.setup(body);
      void navigate('/login', { replace: true, state: { notice: 'setup_done' } });
    });
  };

  const labels = {
    email: t('setup.email'),
    displayName: t('setup.displayName'),
    password: t('setup.password'),
    passwordConfirm: t('setup.passwordConfirm'),
    token: t('setup.token'),
  };

  return (
    <PublicLayout>
      <Page title={t('setup.title')}>
        {token === '' ? (
          <Notice kind="error">{t('setup.missingToken')}</Notice>
        ) : (
          <>
            <p>{t('setup.intro')}</p>
            <ErrorSummary form={form} labels={labels} />
            <form noValidate onSubmit={onSubmit} className="form">
              <TextField
                {...form.field('email')}
                label={labels.email}
                type="email"
                autoComplete="username"
                value={email}
                onChange={(event) => setEmail(event.target.value)}
                required
              />
              <TextField
                {...form.field('displayName')}
                label={labels.displayName}
                autoComplete="name"
                value={displayName}
                onChange={(event) => setDisplayName(event.target.value)}
                required
              />
              <NewPasswordFields password={password} label={labels.password} confirmationLabel={labels.passwordConfirm} />
              <SubmitButton submitting={form.submitting}>{t('setup.submit')}</SubmitButton>
            </form>
          </>
        )}
      </Page>
    </PublicLayout>
  );
}
