import { useTranslation } from 'react-i18next';
import type { LeafItem } from '../../../areas/questionnaire/questionnaire.rules.ts';
import type { LeafAnswer } from '../../../areas/questionnaire/questionnaire-response.rules.ts';
import { CheckboxGroup, TextAreaField, TextField } from '../../ui/fields.tsx';
import { NumberField } from './number-field.tsx';
import { RadioGroup } from './radio-group.tsx';

interface AnswerFieldProps {
  id: string;
  item: LeafItem;
  value: LeafAnswer | undefined;
  error: string | undefined;
  onChange: (value: LeafAnswer | undefined) => void;
}

/** The question's text as its label; a required question says so. */
export function useQuestionLabel() {
  const { t } = useTranslation();
  return (item: { text: string; required: boolean }) =>
    item.required ? t('questionnaires.requiredLabel', { text: item.text }) : item.text;
}

/** One question as the control its type calls for, with its help text and its problem. */
export function AnswerField({ id, item, value, error, onChange }: AnswerFieldProps) {
  const { t } = useTranslation();
  const labelOf = useQuestionLabel();
  const field = { id, label: labelOf(item), error, hint: item.help };
  switch (item.type) {
    case 'short_text':
      return (
        <TextField
          {...field}
          value={typeof value === 'string' ? value : ''}
          maxLength={item.maxLength ?? 500}
          required={item.required}
          onChange={(e) => onChange(e.target.value)}
        />
      );
    case 'long_text':
      return (
        <TextAreaField
          {...field}
          value={typeof value === 'string' ? value : ''}
          maxLength={item.maxLength ?? 20_000}
          required={item.required}
          rows={4}
          onChange={(e) => onChange(e.target.value)}
        />
      );
    case 'number':
      return (
        <NumberField
          {...field}
          hint={[item.help, item.unit ? t('questionnaires.inUnit', { unit: item.unit }) : ''].filter(Boolean).join(' ') || undefined}
          integer={item.integer}
          min={item.min}
          max={item.max}
          required={item.required}
          value={typeof value === 'number' ? value : undefined}
          onChange={onChange}
        />
      );
    case 'date':
      return (
        <TextField
          {...field}
          type="date"
          className="field--short"
          min={item.min}
          max={item.max}
          required={item.required}
          value={typeof value === 'string' ? value : ''}
          onChange={(e) => onChange(e.target.value)}
        />
      );
    case 'single_choice':
      return (
        <RadioGroup
          {...field}
          required={item.required}
          options={item.options.map((o) => ({ value: o.code, label: o.text }))}
          value={typeof value === 'string' ? value : null}
          onChange={onChange}
        />
      );
    case 'multiple_choice':
      return (
        <CheckboxGroup
          {...field}
          options={item.options.map((o) => ({ value: o.code, label: o.text }))}
          selected={Array.isArray(value) ? value : []}
          onChange={onChange}
        />
      );
    case 'yes_no':
      return (
        <RadioGroup
          {...field}
          required={item.required}
          options={[
            { value: 'true', label: t('common.yes') },
            { value: 'false', label: t('common.no') },
          ]}
          value={typeof value === 'boolean' ? String(value) : null}
          onChange={(v) => onChange(v === 'true')}
        />
      );
    case 'scale': {
      const steps = Array.from({ length: Math.max(item.max - item.min + 1, 0) }, (_, i) => item.min + i);
      const labelOfStep = (step: number) => item.labels.find((l) => l.value === step)?.text;
      return (
        <RadioGroup
          {...field}
          required={item.required}
          options={steps.map((step) => ({
            value: String(step),
            label: labelOfStep(step) ? `${step} – ${labelOfStep(step)}` : String(step),
          }))}
          value={typeof value === 'number' ? String(value) : null}
          onChange={(v) => onChange(Number(v))}
        />
      );
    }
  }
}
