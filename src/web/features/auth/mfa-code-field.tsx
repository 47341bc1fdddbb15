import { useTranslation } from 'react-i18next';
import { TextField } from '../../ui/fields.tsx';
import type { FormState } from '../../ui/use-form.ts';

/** The 6-digit one-time code from an authenticator app. */
export function MfaCodeField({ form, value, onChange }: { form: FormState; value: string; onChange: (value: string) => void }) {
  const { t } = useTranslation();
  return (
    <TextField
      {...form.field('code')}
      label={t('mfa.codeLabel')}
      hint={t('mfa.codeHint')}
      value={value}
      onChange={(event) => onChange(event.target.value.replace(/\s+/g, ''))}
      inputMode="numeric"
      autoComplete="one-time-code"
      maxLength={6}
      className="field--short"
      required
    />
  );
}

export const mfaCodeOverrides = { code: 'validation.mfaCode' };
