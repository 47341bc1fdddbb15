import { useState } from 'react';
import { TextField } from '../../ui/fields.tsx';

const parse = (text: string): number | undefined => (text.trim() === '' ? undefined : Number(text));
const show = (value: number | undefined): string => (value === undefined || Number.isNaN(value) ? '' : String(value));

interface NumberFieldProps {
  id: string;
  label: string;
  error?: string | undefined;
  hint?: string | undefined;
  value: number | undefined;
  /** undefined while the field is empty. */
  onChange: (value: number | undefined) => void;
  integer?: boolean;
  min?: number | undefined;
  max?: number | undefined;
  required?: boolean;
}

/** A number typed as text: what is typed stays as typed ("-", "1.") while the value follows it. */
export function NumberField({ value, onChange, integer = true, ...field }: NumberFieldProps) {
  const [text, setText] = useState(show(value));
  const shown = Object.is(parse(text), value) || (parse(text) === undefined && show(value) === '') ? text : show(value);
  return (
    <TextField
      {...field}
      className="field--short"
      type="number"
      inputMode={integer ? 'numeric' : 'decimal'}
      step={integer ? 1 : 'any'}
      value={shown}
      onChange={(event) => {
        setText(event.target.value);
        onChange(parse(event.target.value));
      }}
    />
  );
}
