import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { changePasswordBody } from '../../../areas/auth/auth.contract.ts';
import { useSession } from '../../session/session-context.tsx';
import { SubmitButton } from '../../ui/buttons.tsx';
import { ErrorSummary } from '../../ui/error-summary.tsx';
import { NewPasswordFields, useNewPassword } from '../../ui/new-password-fields.tsx';
import { StatusMessage } from '../../ui/notice.tsx';
import { useForm } from '../../ui/use-form.ts';
import { newPasswordProblem } from '../../ui/validation.ts';
import { meApi } from './account-api.ts';
import { CurrentPasswordField } from './current-password-field.tsx';

export function PasswordForm() {
  const { t } = useTranslation();
  const { refresh } = useSession();
  const form = useForm('password');
  const [currentPassword, setCurrentPassword] = useState('');
  const newPassword = useNewPassword(form, { password: 'newPassword', confirmation: 'confirmPassword' });
  const [saved, setSaved] = useState<string | null>(null);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setSaved(null);
    const body = form.check(changePasswordBody, { currentPassword, newPassword: newPassword.value });
    if (!body) return;
    const problem = newPasswordProblem(newPassword.value, t);
    if (problem) return form.fail({ newPassword: problem });
    if (!newPassword.confirmed()) return;
    void form.submit(async () => {
      await meApi.changePassword(body);
      setCurrentPassword('');
      newPassword.clear();
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
        <CurrentPasswordField form={form} value={currentPassword} onChange={setCurrentPassword} />
        <NewPasswordFields password={newPassword} label={labels.newPassword} confirmationLabel={labels.confirmPassword} />
        <SubmitButton submitting={form.submitting}>{t('account.password.submit')}</SubmitButton>
      </form>
    </section>
  );
}
