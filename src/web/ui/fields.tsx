import type { InputHTMLAttributes, ReactNode, SelectHTMLAttributes, TextareaHTMLAttributes } from 'react';

interface FieldProps {
  id: string;
  label: string;
  error?: string | undefined;
  hint?: string | undefined;
}

/** The ids of a field's hint and error, for `aria-describedby`. */
export function describedBy(id: string, error?: string, hint?: string): string | undefined {
  const ids = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean);
  return ids.length > 0 ? ids.join(' ') : undefined;
}

export function FieldMessages({ id, error, hint }: { id: string; error?: string | undefined; hint?: string | undefined }) {
  return (
    <>
      {hint && (
        <p id={`${id}-hint`} className="field__hint">
          {hint}
        </p>
      )}
      {error && (
        <p id={`${id}-error`} className="field__error">
          {error}
        </p>
      )}
    </>
  );
}

/** The attributes that tie a control to its label, hint and error. */
function controlProps({ id, error, hint }: FieldProps) {
  return { id, 'aria-invalid': error ? true : undefined, 'aria-describedby': describedBy(id, error, hint) };
}

/** What every single-control field has around its control: label, hint and error. */
function LabelledField({
  id,
  label,
  error,
  hint,
  className,
  children,
}: FieldProps & { className?: string | undefined; children: ReactNode }) {
  return (
    <div className={`field${error ? ' field--invalid' : ''}${className ? ` ${className}` : ''}`}>
      <label htmlFor={id} className="field__label">
        {label}
      </label>
      <FieldMessages id={id} error={error} hint={hint} />
      {children}
    </div>
  );
}

type TextFieldProps = FieldProps & Omit<InputHTMLAttributes<HTMLInputElement>, 'id'>;

export function TextField({ id, label, error, hint, className, ...input }: TextFieldProps) {
  const field = { id, label, error, hint };
  return (
    <LabelledField {...field} className={className}>
      <input {...controlProps(field)} className="field__input" {...input} />
    </LabelledField>
  );
}

type TextAreaProps = FieldProps & Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'id'>;

export function TextAreaField({ id, label, error, hint, ...textarea }: TextAreaProps) {
  const field = { id, label, error, hint };
  return (
    <LabelledField {...field}>
      <textarea {...controlProps(field)} className="field__input" rows={3} {...textarea} />
    </LabelledField>
  );
}

type SelectFieldProps = FieldProps & Omit<SelectHTMLAttributes<HTMLSelectElement>, 'id'> & { children: ReactNode };

export function SelectField({ id, label, error, hint, children, ...select }: SelectFieldProps) {
  const field = { id, label, error, hint };
  return (
    <LabelledField {...field}>
      <select {...controlProps(field)} className="field__input field__select" {...select}>
        {children}
      </select>
    </LabelledField>
  );
}

type CheckboxFieldProps = FieldProps & Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'type'>;

export function CheckboxField({ id, label, error, hint, ...input }: CheckboxFieldProps) {
  return (
    <div className={`field field--checkbox${error ? ' field--invalid' : ''}`}>
      <FieldMessages id={id} error={error} hint={hint} />
      <div className="checkbox">
        <input {...controlProps({ id, label, error, hint })} type="checkbox" {...input} />
        <label htmlFor={id}>{label}</label>
      </div>
    </div>
  );
}

export interface Option<V extends string> {
  value: V;
  label: string;
  lang?: string;
}

interface CheckboxGroupProps<V extends string> extends FieldProps {
  options: readonly Option<V>[];
  selected: readonly V[];
  onChange: (selected: V[]) => void;
  disabled?: boolean;
}

/** A fieldset of checkboxes; `id` goes to the first box so an error summary link can focus it. */
export function CheckboxGroup<V extends string>({ id, label, error, hint, options, selected, onChange, disabled }: CheckboxGroupProps<V>) {
  const toggle = (value: V, checked: boolean) => {
    const next = checked ? [...selected, value] : selected.filter((v) => v !== value);
    onChange(options.map((o) => o.value).filter((v) => next.includes(v)));
  };
  return (
    <fieldset className={`field fieldset${error ? ' field--invalid' : ''}`} aria-describedby={describedBy(id, error, hint)}>
      <legend className="field__label">{label}</legend>
      <FieldMessages id={id} error={error} hint={hint} />
      <div className="checkbox-list">
        {options.map((option, index) => {
          const optionId = index === 0 ? id : `${id}-${option.value}`;
          return (
            <div className="checkbox" key={option.value}>
              <input
                id={optionId}
                type="checkbox"
                value={option.value}
                checked={selected.includes(option.value)}
                disabled={disabled}
                onChange={(event) => toggle(option.value, event.target.checked)}
              />
              <label htmlFor={optionId} lang={option.lang}>
                {option.label}
              </label>
            </div>
          );
        })}
      </div>
    </fieldset>
  );
}
