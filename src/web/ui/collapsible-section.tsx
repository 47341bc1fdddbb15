import { type ReactNode, useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { StatusTag } from './status-tag.tsx';

interface CollapsibleSectionProps {
  /** The id of the section's content; its heading button is `${id}-toggle`. */
  id: string;
  title: string;
  /** One line saying what the section holds, shown while it is closed. */
  summary?: string | undefined;
  open: boolean;
  onOpenChange: (open: boolean) => void;
  /** A problem inside: marked on the heading, so it is seen while the section is closed. */
  invalid?: boolean | undefined;
  invalidLabel?: string | undefined;
  headingLevel?: 2 | 3 | 4;
  children: ReactNode;
}

/**
 * A section that opens and closes under its heading (a disclosure button inside the heading, as in
 * an accordion). Closed, its content stays in the page as `hidden="until-found"`, so the browser's
 * find-in-page still finds text in it and opens it.
 */
export function CollapsibleSection({
  id,
  title,
  summary,
  open,
  onOpenChange,
  invalid,
  invalidLabel,
  headingLevel = 3,
  children,
}: CollapsibleSectionProps) {
  const content = useRef<HTMLDivElement>(null);
  const Heading = `h${headingLevel}` as const;
  const onOpenChangeRef = useRef(onOpenChange);
  onOpenChangeRef.current = onOpenChange;

  // React knows `hidden` only as a boolean; "until-found" is set here, before the browser paints.
  useLayoutEffect(() => {
    if (open) content.current?.removeAttribute('hidden');
    else content.current?.setAttribute('hidden', 'until-found');
  }, [open]);
  useEffect(() => {
    const element = content.current;
    const found = () => onOpenChangeRef.current(true);
    element?.addEventListener('beforematch', found);
    return () => element?.removeEventListener('beforematch', found);
  }, []);

  return (
    <div className={`collapsible${open ? ' collapsible--open' : ''}${invalid ? ' collapsible--invalid' : ''}`}>
      <Heading className="collapsible__heading">
        <button
          id={`${id}-toggle`}
          type="button"
          className="collapsible__toggle"
          aria-expanded={open}
          aria-controls={id}
          onClick={() => onOpenChange(!open)}
        >
          <span className="collapsible__title">
            {title}
            {invalid && invalidLabel && (
              <StatusTag kind="problem" className="collapsible__problem">
                {invalidLabel}
              </StatusTag>
            )}
          </span>
          {!open && summary && <span className="collapsible__summary">{summary}</span>}
        </button>
      </Heading>
      <div id={id} ref={content} className="collapsible__content">
        {children}
      </div>
    </div>
  );
}

/** Which of a page's collapsible sections are open, by name; `reveal` opens one and leaves the others as they are. */
export function useOpenSections<S extends string>(initial: readonly S[] = []) {
  const [open, setOpen] = useState<ReadonlySet<S>>(() => new Set(initial));
  const set = useCallback(
    (section: S, isOpen: boolean) =>
      setOpen((current) => {
        if (current.has(section) === isOpen) return current;
        const next = new Set(current);
        if (isOpen) next.add(section);
        else next.delete(section);
        return next;
      }),
    [],
  );
  const reveal = useCallback(
    (sections: Iterable<S>) =>
      setOpen((current) => {
        const missing = [...sections].filter((s) => !current.has(s));
        return missing.length === 0 ? current : new Set([...current, ...missing]);
      }),
    [],
  );
  const setAll = useCallback((sections: readonly S[], isOpen: boolean) => setOpen(isOpen ? new Set(sections) : new Set()), []);
  /** The props of one section's open state. */
  const props = (section: S) => ({ open: open.has(section), onOpenChange: (isOpen: boolean) => set(section, isOpen) });
  return { open, set, reveal, setAll, props };
}
