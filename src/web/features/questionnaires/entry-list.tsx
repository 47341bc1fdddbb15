import { Fragment, type ReactNode } from 'react';
import { AddButton, Block, useEditor } from './editor-context.tsx';
import { ListControls } from './list-controls.tsx';
import { moved, replaced } from './template-model.ts';

export interface Entry<T> {
  /** The entry's dotted path ("sections.0.items.2.options.1"). */
  at: string;
  /** What the entry is called ("Option 2"). */
  name: string;
  /** Changes some of the entry's fields. */
  change: (patch: Partial<T>) => void;
  /** Puts another entry in its place (a question of another type, say). */
  replace: (entry: T) => void;
  /** Move up, move down and remove. */
  controls: ReactNode;
}

interface EntryListProps<T> {
  path: string;
  entries: T[];
  onChange: (entries: T[]) => void;
  /** The name of the entry at an index (from 0). */
  nameOf: (index: number) => string;
  newEntry: () => T;
  /** The field of a new entry that takes focus. */
  focusField: string;
  addLabel: string;
  /** A list that must keep one entry (a flag rule's conditions). */
  keepOne?: boolean;
  /** False when nothing can be added (a condition needs an earlier question). */
  canAdd?: boolean;
  /** The entry's frame; a fieldset named by the entry's name unless given. */
  frame?: (value: T, entry: Entry<T>, content: ReactNode) => ReactNode;
  children: (value: T, entry: Entry<T>) => ReactNode;
}

/** An editable list of a template's parts: each entry movable and removable, and "add" after them. */
export function EntryList<T>({
  path,
  entries,
  onChange,
  nameOf,
  newEntry,
  focusField,
  addLabel,
  keepOne = false,
  canAdd = true,
  frame,
  children,
}: EntryListProps<T>) {
  const { form } = useEditor();
  const addId = `${form.id(path)}-add`;
  return (
    <>
      {entries.map((value, k) => {
        const entry: Entry<T> = {
          at: `${path}.${k}`,
          name: nameOf(k),
          change: (patch) => onChange(replaced(entries, k, { ...value, ...patch })),
          replace: (next) => onChange(replaced(entries, k, next)),
          controls: (
            <ListControls
              index={k}
              count={entries.length}
              name={nameOf(k)}
              idFor={(i) => form.id(`${path}.${i}`)}
              onMove={(to) => onChange(moved(entries, k, to))}
              onRemove={() => onChange(entries.filter((_, i) => i !== k))}
              afterRemoveFocus={addId}
              removable={!keepOne || entries.length > 1}
            />
          ),
        };
        const content = (
          <>
            {children(value, entry)}
            {entry.controls}
          </>
        );
        return (
          // biome-ignore lint/suspicious/noArrayIndexKey: entries have no id of their own; the editor addresses them by position
          <Fragment key={k}>
            {frame ? (
              frame(value, entry, content)
            ) : (
              <Block path={entry.at} legend={entry.name}>
                {content}
              </Block>
            )}
          </Fragment>
        );
      })}
      {canAdd && (
        <AddButton id={addId} focus={form.id(`${path}.${entries.length}.${focusField}`)} onClick={() => onChange([...entries, newEntry()])}>
          {addLabel}
        </AddButton>
      )}
    </>
  );
}
