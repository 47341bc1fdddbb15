import { CircleCheck } from 'lucide-react';
import { useEffect, useRef } from 'react';
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
