import { type Dispatch, type SetStateAction, useEffect, useState } from 'react';

/**
 * Form values kept in this tab's sessionStorage, so a reload does not lose what was typed.
 *
 * Deliberately not localStorage (and not the server's drafts): the public form holds personal data
 * from someone who has not signed in, perhaps on a shared or library computer. sessionStorage is
 * gone when the tab is closed; `clear` removes it as soon as the form has been sent.
 */
export function useTabDraft<T extends object>(key: string, initial: T): [T, Dispatch<SetStateAction<T>>, () => void] {
  const [values, setValues] = useState<T>(() => ({ ...initial, ...read<T>(key) }));

  useEffect(() => {
    try {
      sessionStorage.setItem(key, JSON.stringify(values));
    } catch {
      // Storage may be full or unavailable (private mode); the form still works, only without the draft.
    }
  }, [key, values]);

  const clear = () => {
    try {
      sessionStorage.removeItem(key);
    } catch {
      // Nothing stored, nothing to remove.
    }
  };
  return [values, setValues, clear];
}

function read<T>(key: string): Partial<T> {
  try {
    const stored = JSON.parse(sessionStorage.getItem(key) ?? 'null') as unknown;
    return stored !== null && typeof stored === 'object' ? (stored as Partial<T>) : {};
  } catch {
    return {};
  }
}
