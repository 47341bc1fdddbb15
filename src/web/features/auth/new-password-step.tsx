import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { newPasswordBody } from '../../../areas/auth/auth.contract.ts';
import { useSession } from '../../session/session-context.tsx';
import { SubmitButton } from '../../ui/buttons.tsx';
import { ErrorSummary } from '../../ui/error-summary.tsx';
import { NewPasswordFields, useNewPassword } from '../../ui/new-password-fields.tsx';
import { Page } from '../../ui/page.tsx';
import { useForm } from '../../ui/use-form.ts';
import { newPasswordProblem } from '../../ui/validation.ts';
import { authApi } from './auth-api.ts';

/** Sign-in with a temporary password from an administrator's reset: a password of one's own before anything else. */
export function NewPasswordStep() {
  const { t } = useTranslation();
  const { refresh, signOut } = useSession();
  const form = useForm('new-password');
  const newPassword = useNewPassword(form, { password: 'newPassword', confirmation: 'confirmPassword' });

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const body = form.check(newPasswordBody, { newPassword: newPassword.value });
    if (!body) return;
    const problem = newPasswordProblem(newPassword.value, t);
    if (problem) return form.fail({ newPassword: problem });
    if (!newPassword.confirmed()) return;
    void form.submit(async () => {
      await authApi.setNewPassword(body);
      newPassword.clear();
      await refresh();
    });
  };

  const labels = { newPassword: t('account.password.new'), confirmPassword: t('account.password.confirm') };
  return (
    <Page title={t('login.newPassword.title')}>
      <p>{t('login.newPassword.intro')}</p>
      <ErrorSummary form={form} labels={labels} />
      <form noValidate onSubmit={onSubmit} className="form">
        <NewPasswordFields password={newPassword} label={labels.newPassword} confirmationLabel={labels.confirmPassword} />
        <div className="form__actions">
          <SubmitButton submitting={form.submitting}>{t('login.newPassword.submit')}</SubmitButton>
          <button type="button" className="button button--secondary" onClick={() => void form.submit(signOut)}>
            {t('common.cancel')}
          </button>
        </div>
      </form>
    </Page>
  );
}
