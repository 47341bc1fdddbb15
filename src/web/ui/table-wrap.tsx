import type { ReactNode } from 'react';

/**
 * A horizontally scrollable box for a wide table. It is focusable and named, so keyboard users can
 * scroll it even when the table has no links or buttons.
 */
export function TableWrap({ label, children }: { label: string; children: ReactNode }) {
  return (
    // biome-ignore lint/a11y/useSemanticElements lint/a11y/noNoninteractiveTabindex: a scrollable region must be focusable to be scrolled by keyboard (WCAG 2.1.1)
    <div className="table-wrap" role="region" aria-label={label} tabIndex={0}>
      {children}
    </div>
  );
}
