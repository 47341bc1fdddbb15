import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { loginBody } from '../../../areas/auth/auth.contract.ts';
import { useSession } from '../../session/session-context.tsx';
import { SubmitButton } from '../../ui/buttons.tsx';
import { ErrorSummary } from '../../ui/error-summary.tsx';
import { TextField } from '../../ui/fields.tsx';
import { Page } from '../../ui/page.tsx';
import { useForm } from '../../ui/use-form.ts';
import { authApi } from './auth-api.ts';

/** E-mail and password. What comes next (code, enrolment, home) follows from the session's state. */
export function PasswordStep() {
  const { t } = useTranslation();
  const { refresh, clearSignedOutReason } = useSession();
  const form = useForm('login');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const body = form.check(loginBody, { email, password });
    if (!body) return;
    void form.submit(async () => {
      await authApi.login(body);
      clearSignedOutReason();
      setPassword('');
      await refresh();
    });
  };

  const labels = { email: t('login.email'), password: t('login.password') };
  return (
    <Page title={t('login.title')}>
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
          {...form.field('password')}
          label={labels.password}
          type="password"
          autoComplete="current-password"
          value={password}
          onChange={(event) => setPassword(event.target.value)}
          required
        />
        <SubmitButton submitting={form.submitting}>{t('login.submit')}</SubmitButton>
      </form>
    </Page>
  );
}
