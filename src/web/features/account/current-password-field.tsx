import { useTranslation } from 'react-i18next';
import { TextField } from '../../ui/fields.tsx';
import type { FormState } from '../../ui/use-form.ts';

/** The signed-in user's current password, asked for again before a sensitive change. */
export function CurrentPasswordField({ form, value, onChange }: { form: FormState; value: string; onChange: (value: string) => void }) {
  const { t } = useTranslation();
  return (
    <TextField
      {...form.field('currentPassword')}
      label={t('account.password.current')}
      type="password"
      autoComplete="current-password"
      value={value}
      onChange={(event) => onChange(event.target.value)}
      required
    />
  );
}
