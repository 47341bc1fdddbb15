import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { resetStaffPasswordBody } from '../../../areas/staff/staff.contract.ts';
import { type StaffMember, staffApi } from '../../api.ts';
import { SubmitButton } from '../../ui/buttons.tsx';
import { ErrorSummary } from '../../ui/error-summary.tsx';
import { TextField } from '../../ui/fields.tsx';
import { StatusMessage } from '../../ui/notice.tsx';
import { useForm } from '../../ui/use-form.ts';
import { newPasswordProblem } from '../../ui/validation.ts';

/** Sets a new password for a staff member (who should change it after signing in). */
export function StaffPasswordForm({ member }: { member: StaffMember }) {
  const { t } = useTranslation();
  const form = useForm('staff-password');
  const [newPassword, setNewPassword] = useState('');
  const [done, setDone] = useState<string | null>(null);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setDone(null);
    const body = form.check(resetStaffPasswordBody, { newPassword });
    if (!body) return;
    const problem = newPasswordProblem(newPassword, t);
    if (problem) return form.fail({ newPassword: problem });
    void form.submit(async () => {
      await staffApi.resetPassword(member.id, body);
      setNewPassword('');
      setDone(t('staff.passwordReset', { name: member.displayName }));
    });
  };

  return (
    <>
      <h3>{t('staff.resetPasswordTitle')}</h3>
      <StatusMessage message={done} />
      <ErrorSummary form={form} labels={{ newPassword: t('staff.newPassword') }} />
      <form noValidate onSubmit={onSubmit} className="form">
        <TextField
          {...form.field('newPassword')}
          label={t('staff.newPassword')}
          hint={t('staff.newPasswordHint')}
          type="password"
          autoComplete="new-password"
          value={newPassword}
          onChange={(e) => setNewPassword(e.target.value)}
          required
        />
        <SubmitButton submitting={form.submitting} variant="secondary">
          {t('staff.resetPassword')}
        </SubmitButton>
      </form>
    </>
  );
}
