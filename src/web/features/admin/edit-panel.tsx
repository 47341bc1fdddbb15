import { useEffect, useId, useRef, type ReactNode } from 'react';

/** A section for editing one record; its heading takes focus when it opens. */
export function EditPanel({ title, children }: { title: string; children: ReactNode }) {
  const headingId = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    heading.current?.focus();
    heading.current?.scrollIntoView({ block: 'start', behavior: 'smooth' });
  }, []);
  return (
    <section aria-labelledby={headingId} className="panel panel--edit">
      <h2 id={headingId} ref={heading} tabIndex={-1}>
        {title}
      </h2>
      {children}
    </section>
  );
}

/** Moves focus to an element once React has rendered (e.g. back to the "Edit" button after closing a panel). */
export function focusLater(id: string): void {
  requestAnimationFrame(() => document.getElementById(id)?.focus());
}
