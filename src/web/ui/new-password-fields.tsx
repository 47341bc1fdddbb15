import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { TextField } from './fields.tsx';
import type { FormState } from './use-form.ts';

/** The form's field names for the new password and for its confirmation. */
interface NewPasswordNames {
  password: string;
  confirmation: string;
}

/** A new password typed twice: both values, and the check that they are the same. */
export function useNewPassword(form: FormState, names: NewPasswordNames) {
  const { t } = useTranslation();
  const [value, setValue] = useState('');
  const [confirmation, setConfirmation] = useState('');
  /** True when the two match; otherwise shows the problem at the confirmation field. */
  const confirmed = (): boolean => {
    if (value === confirmation) return true;
    form.fail({ [names.confirmation]: t('validation.passwordsDiffer') });
    return false;
  };
  const clear = () => {
    setValue('');
    setConfirmation('');
  };
  return { form, names, value, setValue, confirmation, setConfirmation, confirmed, clear };
}

export type NewPassword = ReturnType<typeof useNewPassword>;

interface NewPasswordFieldsProps {
  password: NewPassword;
  label: string;
  confirmationLabel: string;
}

/** The new password, with the advice on choosing one, and the field to type it again. */
export function NewPasswordFields({ password, label, confirmationLabel }: NewPasswordFieldsProps) {
  const { t } = useTranslation();
  const { form, names } = password;
  return (
    <>
      <TextField
        {...form.field(names.password)}
        label={label}
        hint={t('password.hint')}
        type="password"
        autoComplete="new-password"
        value={password.value}
        onChange={(event) => password.setValue(event.target.value)}
        required
      />
      <TextField
        {...form.field(names.confirmation)}
        label={confirmationLabel}
        type="password"
        autoComplete="new-password"
        value={password.confirmation}
        onChange={(event) => password.setConfirmation(event.target.value)}
        required
      />
    </>
  );
}
