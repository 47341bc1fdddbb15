import { type RefObject, useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { ApiError } from '../api.ts';
import { describeError, type FieldErrors, fieldErrorsOf, validate } from './validation.ts';

export interface FormState {
  submitting: boolean;
  errors: FieldErrors;
  message: string | null;
  summaryRef: RefObject<HTMLDivElement | null>;
  /** The element id of a field; the error summary links to it. */
  id: (field: string) => string;
  /** id and error message for a field component. */
  field: (field: string) => { id: string; error: string | undefined };
  /** Runs the action with the submit buttons disabled; an ApiError becomes field and summary messages. */
  submit: (action: () => Promise<void>) => Promise<void>;
  /** Checks values against a contract schema; shows the errors and returns null when invalid. */
  check: <S extends z.ZodType>(schema: S, values: unknown, overrides?: Record<string, string>) => z.output<S> | null;
  fail: (errors: FieldErrors, message?: string | null) => void;
  clear: () => void;
}

export function useForm(idPrefix: string): FormState {
  const { t } = useTranslation();
  const [submitting, setSubmitting] = useState(false);
  const busy = useRef(false);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [message, setMessage] = useState<string | null>(null);
  const [failures, setFailures] = useState(0);
  const summaryRef = useRef<HTMLDivElement | null>(null);

  useEffect(() => {
    if (failures > 0) summaryRef.current?.focus();
  }, [failures]);

  const fail = useCallback((next: FieldErrors, nextMessage: string | null = null) => {
    setErrors(next);
    setMessage(nextMessage);
    setFailures((n) => n + 1);
  }, []);

  const clear = useCallback(() => {
    setErrors({});
    setMessage(null);
  }, []);

  const submit = useCallback(
    async (action: () => Promise<void>) => {
      if (busy.current) return;
      busy.current = true;
      setSubmitting(true);
      clear();
      try {
        await action();
      } catch (error) {
        if (error instanceof ApiError) {
          const fields = fieldErrorsOf(error, t);
          // Field messages say what is wrong; the general sentence is for errors that belong to no field.
          fail(fields, Object.keys(fields).length > 0 ? null : describeError(error, t));
        } else {
          console.error(error);
          fail({}, t('error.unexpected'));
        }
      } finally {
        busy.current = false;
        setSubmitting(false);
      }
    },
    [clear, fail, t],
  );

  const check = useCallback(
    <S extends z.ZodType>(schema: S, values: unknown, overrides?: Record<string, string>) => {
      const result = validate(schema, values, t, overrides);
      if (result.ok) return result.data;
      fail(result.errors);
      return null;
    },
    [fail, t],
  );

  const id = useCallback((field: string) => `${idPrefix}-${field.replaceAll('.', '-')}`, [idPrefix]);
  const field = useCallback((name: string) => ({ id: id(name), error: errors[name] }), [id, errors]);

  return { submitting, errors, message, summaryRef, id, field, submit, check, fail, clear };
}
