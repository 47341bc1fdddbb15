import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { describedBy, FieldMessages } from './fields.tsx';
import type { FormState } from './use-form.ts';

interface ListFieldProps {
  form: FormState;
  name: string;
  label: string;
  hint?: string;
  items: string[];
  onChange: (items: string[]) => void;
  /** Accessible label of the n-th entry (1-based). */
  itemLabel: (n: number) => string;
  addLabel: string;
  /** Longest entry; 200 unless given. */
  maxLength?: number;
  /** Entries of several lines (a text area each), e.g. paragraphs of an agreement. */
  multiline?: boolean;
  /** The language the entries are written in, when it is not the interface's. */
  lang?: string;
}

/** An editable list of short texts: one labelled input per entry, each removable, plus "add". */
export function ListField({
  form,
  name,
  label,
  hint,
  items,
  onChange,
  itemLabel,
  addLabel,
  maxLength = 200,
  multiline = false,
  lang,
}: ListFieldProps) {
  const { t } = useTranslation();
  const [focusIndex, setFocusIndex] = useState<number | null>(null);
  const addButton = useRef<HTMLButtonElement>(null);
  const { id, error } = form.field(name);

  useEffect(() => {
    if (focusIndex === null) return;
    if (focusIndex < 0) addButton.current?.focus();
    else document.getElementById(form.id(`${name}.${focusIndex}`))?.focus();
    setFocusIndex(null);
  }, [focusIndex, form, name]);

  const update = (index: number, value: string) => onChange(items.map((item, i) => (i === index ? value : item)));
  const remove = (index: number) => {
    onChange(items.filter((_, i) => i !== index));
    setFocusIndex(items.length > 1 ? Math.min(index, items.length - 2) : -1);
  };
  const add = () => {
    onChange([...items, '']);
    setFocusIndex(items.length);
  };

  return (
    <fieldset
      id={id}
      tabIndex={-1}
      className={`field fieldset${error ? ' field--invalid' : ''}`}
      aria-describedby={describedBy(id, error, hint)}
    >
      <legend className="field__label">{label}</legend>
      <FieldMessages id={id} error={error} hint={hint} />
      {items.length > 0 && (
        <ul className="list-field">
          {items.map((item, index) => {
            const itemId = form.id(`${name}.${index}`);
            const itemError = form.errors[`${name}.${index}`];
            const control = {
              id: itemId,
              className: 'field__input',
              value: item,
              maxLength,
              lang,
              'aria-invalid': itemError ? true : undefined,
              'aria-describedby': itemError ? `${itemId}-error` : undefined,
            };
            return (
              // biome-ignore lint/suspicious/noArrayIndexKey: controlled text inputs addressed by position; focus moves explicitly on removal
              <li key={index} className={`list-field__item${itemError ? ' field--invalid' : ''}`}>
                <label htmlFor={itemId} className="visually-hidden">
                  {itemLabel(index + 1)}
                </label>
                {multiline ? (
                  <textarea {...control} rows={3} onChange={(event) => update(index, event.target.value)} />
                ) : (
                  <input {...control} onChange={(event) => update(index, event.target.value)} />
                )}
                <button type="button" className="button button--secondary button--small" onClick={() => remove(index)}>
                  {t('common.remove')}
                  <span className="visually-hidden">{` ${itemLabel(index + 1)}`}</span>
                </button>
                {itemError && (
                  <p id={`${itemId}-error`} className="field__error">
                    {itemError}
                  </p>
                )}
              </li>
            );
          })}
        </ul>
      )}
      <button ref={addButton} type="button" className="button button--secondary" onClick={add}>
        {addLabel}
      </button>
    </fieldset>
  );
}
