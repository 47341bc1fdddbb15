import type { ReactNode } from 'react';

/**
 * A bordered box with one heading, for a section that stands on its own (a panel of a page, a home-page section).
 * Use a plain `<section>` where the page is one flow of text. `className` adds a page's own layout (a width, a grid).
 */
export function Card({
  heading,
  headingLevel = 2,
  id,
  className,
  children,
}: {
  heading?: ReactNode;
  headingLevel?: 2 | 3;
  id?: string;
  className?: string;
  children: ReactNode;
}) {
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  const headingId = id ? `${id}-heading` : undefined;
  return (
    <section className={className ? `card ${className}` : 'card'} id={id} aria-labelledby={heading ? headingId : undefined}>
      {heading && (
        <Heading className="card__heading" id={headingId}>
          {heading}
        </Heading>
      )}
      {children}
    </section>
  );
}

/** One line of a summary list: what (`key`), its value, and perhaps an action on it ("Change"). */
export interface SummaryRow {
  id: string;
  key: ReactNode;
  value: ReactNode;
  /** A button or link on the line, at its end (below the value on a phone). */
  action?: ReactNode;
  /** `auto` for free text in the writer's own script and direction. */
  dir?: 'auto';
}

/**
 * Key–value pairs (the GOV.UK summary list): a record's details read down the page. Rows given as `false`, `null`
 * or `undefined` are left out, so a detail not recorded can be written `value && { … }`.
 */
export function SummaryList({ rows }: { rows: (SummaryRow | false | null | undefined)[] }) {
  return (
    <dl className="summary-list">
      {rows
        .filter((row): row is SummaryRow => !!row)
        .map((row) => (
          <div className={row.action ? 'summary-list__row summary-list__row--action' : 'summary-list__row'} key={row.id}>
            <dt className="summary-list__key">{row.key}</dt>
            <dd className="summary-list__value" dir={row.dir}>
              {row.value}
            </dd>
            {row.action && <dd className="summary-list__action">{row.action}</dd>}
          </div>
        ))}
    </dl>
  );
}
