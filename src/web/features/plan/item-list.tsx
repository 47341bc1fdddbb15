import { type ReactNode, useEffect, useState } from 'react';
import type { FormState } from '../../ui/use-form.ts';

interface ItemListProps<T extends { id: string }> {
  field: FormState['field'];
  /** The path of the list in the form's values, e.g. `content.goals`; item fields are `${name}.${index}.${field}`. */
  name: string;
  legend: string;
  hint?: string;
  itemLegend: (n: number) => string;
  items: T[];
  onChange: (items: T[]) => void;
  create: () => T;
  addLabel: string;
  removeLabel: (n: number) => string;
  children: (item: T, index: number, set: (patch: Partial<T>) => void) => ReactNode;
}

/**
 * An editable list of items with several fields each (services, meetings, risks …): one fieldset
 * per item with its own legend and a remove button, and "add" at the end; focus follows. The list's
 * legend is for screen readers: the section it stands in shows the same name as its heading.
 */
export function ItemList<T extends { id: string }>({
  field,
  name,
  legend,
  hint,
  itemLegend,
  items,
  onChange,
  create,
  addLabel,
  removeLabel,
  children,
}: ItemListProps<T>) {
  const [focus, setFocus] = useState<number | null>(null);
  const { id: listId, error } = field(name);

  useEffect(() => {
    if (focus === null) return;
    const target =
      focus < 0
        ? document.getElementById(`${listId}-add`)
        : document.getElementById(`${listId}-${focus}`)?.querySelector<HTMLElement>('input, select, textarea');
    target?.focus();
    setFocus(null);
  }, [focus, listId]);

  const set = (index: number, patch: Partial<T>) => onChange(items.map((item, i) => (i === index ? { ...item, ...patch } : item)));
  const remove = (index: number) => {
    onChange(items.filter((_, i) => i !== index));
    setFocus(items.length > 1 ? Math.min(index, items.length - 2) : -1);
  };
  const add = () => {
    onChange([...items, create()]);
    setFocus(items.length);
  };

  return (
    <fieldset
      id={listId}
      tabIndex={-1}
      className={`field fieldset${error ? ' field--invalid' : ''}`}
      aria-describedby={[hint ? `${listId}-hint` : '', error ? `${listId}-error` : ''].filter(Boolean).join(' ') || undefined}
    >
      <legend className="visually-hidden">{legend}</legend>
      {hint && (
        <p id={`${listId}-hint`} className="field__hint">
          {hint}
        </p>
      )}
      {error && (
        <p id={`${listId}-error`} className="field__error">
          {error}
        </p>
      )}
      {items.map((item, index) => (
        <fieldset key={item.id} id={`${listId}-${index}`} className="fieldset plan-item">
          <legend className="field__label">{itemLegend(index + 1)}</legend>
          {children(item, index, (patch) => set(index, patch))}
          <button type="button" className="button button--secondary button--small" onClick={() => remove(index)}>
            {removeLabel(index + 1)}
          </button>
        </fieldset>
      ))}
      <button id={`${listId}-add`} type="button" className="button button--secondary" onClick={add}>
        {addLabel}
      </button>
    </fieldset>
  );
}
