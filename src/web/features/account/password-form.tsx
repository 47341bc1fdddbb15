import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { changePasswordBody } from '../../../contracts/auth.ts';
import { meApi } from '../../api.ts';
import { useSession } from '../../session/session-context.tsx';
import { SubmitButton } from '../../ui/buttons.tsx';
import { ErrorSummary } from '../../ui/error-summary.tsx';
import { TextField } from '../../ui/fields.tsx';
import { StatusMessage } from '../../ui/notice.tsx';
import { useForm } from '../../ui/use-form.ts';
import { newPasswordProblem } from '../../ui/validation.ts';

export function PasswordForm() {
  const { t } = useTranslation();
  const { refresh } = useSession();
  const form = useForm('password');
  const [currentPassword, setCurrentPassword] = useState('');
  const [newPassword, setNewPassword] = useState('');
  const [confirmPassword, setConfirmPassword] = useState('');
  const [saved, setSaved] = useState<string | null>(null);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setSaved(null);
    const body = form.check(changePasswordBody, { currentPassword, newPassword });
    if (!body) return;
    const problem = newPasswordProblem(newPassword, t);
    if (problem) return form.fail({ newPassword: problem });
    if (newPassword !== confirmPassword) return form.fail({ confirmPassword: t('validation.passwordsDiffer') });
    void form.submit(async () => {
      await meApi.changePassword(body);
      setCurrentPassword('');
      setNewPassword('');
      setConfirmPassword('');
      await refresh();
      setSaved(t('account.password.saved'));
    });
  };

  const labels = {
    currentPassword: t('account.password.current'),
    newPassword: t('account.password.new'),
    confirmPassword: t('account.password.confirm'),
  };
  return (
    <section aria-labelledby="password-heading" className="panel">
      <h2 id="password-heading">{t('account.password.title')}</h2>
      <StatusMessage message={saved} />
      <ErrorSummary form={form} labels={labels} />
      <form noValidate onSubmit={onSubmit} className="form">
        <TextField
          {...form.field('currentPassword')}
          label={labels.currentPassword}
          type="password"
          autoComplete="current-password"
          value={currentPassword}
          onChange={(event) => setCurrentPassword(event.target.value)}
          required
        />
        <TextField
          {...form.field('newPassword')}
          label={labels.newPassword}
          hint={t('password.hint')}
          type="password"
          autoComplete="new-password"
          value={newPassword}
          onChange={(event) => setNewPassword(event.target.value)}
          required
        />
        <TextField
          {...form.field('confirmPassword')}
          label={labels.confirmPassword}
          type="password"
          autoComplete="new-password"
          value={confirmPassword}
          onChange={(event) => setConfirmPassword(event.target.value)}
          required
        />
        <SubmitButton submitting={form.submitting}>{t('account.password.submit')}</SubmitButton>
      </form>
    </section>
  );
}
