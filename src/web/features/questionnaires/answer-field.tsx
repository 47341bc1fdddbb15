import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LeafItem } from '../../../areas/questionnaire/questionnaire.rules.ts';
import type { LeafAnswer, OpenChoiceAnswer, QuantityAnswer } from '../../../areas/questionnaire/questionnaire-response.rules.ts';
import { CheckboxGroup, SelectField, TextAreaField, TextField } from '../../ui/fields.tsx';
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

type QuantityItem = Extract<LeafItem, { type: 'quantity' }>;
type OpenChoiceItem = Extract<LeafItem, { type: 'open_choice' }>;
type FieldBase = { id: string; label: string; error: string | undefined; hint: string | undefined };

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * An amount and its unit. With one unit listed it is that unit; with several the person chooses;
 * with none they name it. The unit chosen is kept while the amount is still empty.
 */
function QuantityField({
  field,
  item,
  value,
  onChange,
}: {
  field: FieldBase;
  item: QuantityItem;
  value: unknown;
  onChange: (value: LeafAnswer | undefined) => void;
}) {
  const { t } = useTranslation();
  const given = isRecord(value) ? (value as QuantityAnswer) : undefined;
  const [unit, setUnit] = useState<string | undefined>(given?.unit ?? item.units[0]?.code);
  const chosen = given?.unit ?? unit;
  const send = (amount: number | undefined, inUnit: string | undefined) => {
    setUnit(inUnit);
    onChange(amount === undefined ? undefined : inUnit ? { value: amount, unit: inUnit } : { value: amount });
  };
  const unitName = (code: string) => item.units.find((u) => u.code === code)?.display ?? code;
  const only = item.units.length === 1 ? item.units[0] : undefined;
  return (
    <div className="field-row">
      <NumberField
        {...field}
        hint={[field.hint, only ? t('questionnaires.inUnit', { unit: unitName(only.code) }) : ''].filter(Boolean).join(' ') || undefined}
        integer={false}
        required={item.required}
        value={given?.value}
        onChange={(amount) => send(amount, chosen)}
      />
      {item.units.length > 1 ? (
        <SelectField
          id={`${field.id}-unit`}
          label={t('questionnaires.unitOf', { text: item.text })}
          value={chosen ?? ''}
          onChange={(e) => send(given?.value, e.target.value)}
        >
          {item.units.map((u) => (
            <option key={u.code} value={u.code}>
              {unitName(u.code)}
            </option>
          ))}
        </SelectField>
      ) : item.units.length === 0 ? (
        <TextField
          id={`${field.id}-unit`}
          label={t('questionnaires.unitOf', { text: item.text })}
          className="field--short"
          maxLength={40}
          value={chosen ?? ''}
          onChange={(e) => send(given?.value, e.target.value.trim() ? e.target.value : undefined)}
        />
      ) : null}
    </div>
  );
}

/** The options, one or several, and an answer in the person's own words. */
function OpenChoiceField({
  field,
  item,
  value,
  onChange,
}: {
  field: FieldBase;
  item: OpenChoiceItem;
  value: unknown;
  onChange: (value: LeafAnswer | undefined) => void;
}) {
  const { t } = useTranslation();
  const given: OpenChoiceAnswer = isRecord(value) && Array.isArray(value.codes) ? (value as OpenChoiceAnswer) : { codes: [] };
  const options = item.options.map((o) => ({ value: o.code, label: o.text }));
  const withOther = (codes: string[], other: string | undefined): OpenChoiceAnswer => (other ? { codes, other } : { codes });
  const other = (
    <TextField
      id={`${field.id}-other`}
      label={item.options.length > 0 ? t('questionnaires.otherAnswer', { text: item.text }) : field.label}
      hint={
        item.options.length > 0
          ? item.multiple
            ? t('questionnaires.otherAnswerHintMany')
            : t('questionnaires.otherAnswerHintOne')
          : field.hint
      }
      error={item.options.length > 0 ? undefined : field.error}
      maxLength={500}
      value={given.other ?? ''}
      onChange={(e) => onChange(withOther(item.multiple ? given.codes : [], e.target.value))}
    />
  );
  if (item.options.length === 0) return other;
  return (
    <>
      {item.multiple ? (
        <CheckboxGroup {...field} options={options} selected={given.codes} onChange={(codes) => onChange(withOther(codes, given.other))} />
      ) : (
        <RadioGroup
          {...field}
          required={item.required}
          options={options}
          value={given.codes[0] ?? null}
          onChange={(code) => onChange({ codes: [code] })}
        />
      )}
      {other}
    </>
  );
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
    case 'date_time':
    case 'time':
      return (
        <TextField
          {...field}
          type={item.type === 'time' ? 'time' : 'datetime-local'}
          className={item.type === 'time' ? 'field--short' : undefined}
          required={item.required}
          value={typeof value === 'string' ? value : ''}
          onChange={(e) => onChange(e.target.value)}
        />
      );
    case 'url':
      return (
        <TextField
          {...field}
          type="url"
          inputMode="url"
          maxLength={2000}
          required={item.required}
          value={typeof value === 'string' ? value : ''}
          onChange={(e) => onChange(e.target.value)}
        />
      );
    case 'attachment':
      return (
        <TextField
          {...field}
          hint={[item.help, t('questionnaires.attachmentHint')].filter(Boolean).join(' ')}
          maxLength={500}
          required={item.required}
          value={typeof value === 'string' ? value : ''}
          onChange={(e) => onChange(e.target.value)}
        />
      );
    case 'quantity':
      return <QuantityField field={field} item={item} value={value} onChange={onChange} />;
    case 'open_choice':
      return <OpenChoiceField field={field} item={item} value={value} onChange={onChange} />;
    case 'display':
      return (
        <div className="field q-display">
          <p id={id} className="pre-wrap">
            {item.text}
          </p>
          {item.help && <p className="field__hint">{item.help}</p>}
        </div>
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
