import type { FormEvent } from 'react';
import { ApiError } from '../../api.ts';
import { SubmitButton } from '../../ui/buttons.tsx';
import { ErrorSummary } from '../../ui/error-summary.tsx';
import { useForm } from '../../ui/use-form.ts';
import { useVersionConflict } from '../admin/conflict-notice.tsx';

/**
 * A form that is one button with a hint above it – completing, signing, taking back. `explain`
 * may turn a refusal into a sentence of its own (a role without the authority, say).
 */
export function ActionForm({
  idPrefix,
  hint,
  label,
  variant = 'secondary',
  action,
  explain,
}: {
  idPrefix: string;
  hint: string;
  label: string;
  variant?: 'primary' | 'secondary';
  action: () => Promise<void>;
  explain?: (error: ApiError) => string | null;
}) {
  const form = useForm(idPrefix);
  const conflict = useVersionConflict();
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void form.submit(async () => {
      try {
        await conflict.guard(action);
      } catch (error) {
        const sentence = error instanceof ApiError ? explain?.(error) : null;
        if (!sentence) throw error;
        form.fail({}, sentence);
      }
    });
  };
  return (
    <>
      <ErrorSummary form={form} labels={{}} />
      {conflict.notice}
      <form noValidate onSubmit={onSubmit} className="form form--wide">
        <p className="field__hint">{hint}</p>
        <SubmitButton submitting={form.submitting} variant={variant}>
          {label}
        </SubmitButton>
      </form>
    </>
  );
}
