import { CircleCheck } from 'lucide-react';
import { type ReactNode, useCallback, useEffect, useRef, useState } from 'react';
import { Icon } from './icon.tsx';

/**
 * "Saved" beside the button that saved, in a status region so screen readers hear it. `focus` moves focus to it,
 * for when the button that saved has gone (a form that closed).
 */
export function SavedMessage({ text, focus = false }: { text: string | null; focus?: boolean }) {
  const ref = useRef<HTMLSpanElement>(null);
  useEffect(() => {
    if (text && focus) ref.current?.focus();
  }, [text, focus]);
  return (
    <span role="status" className="saved-message" ref={ref} tabIndex={focus ? -1 : undefined}>
      {text && (
        <>
          <Icon icon={CircleCheck} />
          {text}
        </>
      )}
    </span>
  );
}

/** What a page last said was saved, and where: the place (`at`) is the add form's or the edited row's name. */
interface Said {
  at: string;
  text: string;
  /** Counts the messages, so saving the same row twice says (and focuses) it again. */
  count: number;
}

export interface SavedMessages {
  /** Says `text` at `at`, in place of whatever the page said before. */
  say: (at: string, text: string) => void;
  clear: () => void;
  /**
   * Beside a form that stays open after saving (an add form): a live region that is always there, so what is put
   * into it is announced.
   */
  besideForm: (at: string) => ReactNode;
  /**
   * Beside a list's row whose edit form has closed on saving: shown only there, and it takes focus – the button that
   * saved is gone, and the row's own button is next to it.
   */
  besideRow: (at: string) => ReactNode;
}

/**
 * One "saved" message per page, said where the eye is – beside the add form that added, or beside the row whose edit
 * was saved – never at the head of a long list. A new message clears the last, so the page says one thing at a time.
 */
export function useSavedMessages(): SavedMessages {
  const [said, setSaid] = useState<Said | null>(null);
  const say = useCallback((at: string, text: string) => setSaid((last) => ({ at, text, count: (last?.count ?? 0) + 1 })), []);
  const clear = useCallback(() => setSaid(null), []);
  return {
    say,
    clear,
    besideForm: (at) => <SavedMessage text={said?.at === at ? said.text : null} />,
    besideRow: (at) => (said?.at === at ? <SavedMessage key={said.count} text={said.text} focus /> : null),
  };
}
