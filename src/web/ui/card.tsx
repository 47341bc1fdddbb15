import type { ReactNode } from 'react';

/**
 * A bordered box with one heading, for a section that stands on its own (a panel of a page, a home-page section).
 * Use a plain `<section>` where the page is one flow of text.
 */
export function Card({
  heading,
  headingLevel = 2,
  id,
  children,
}: {
  heading?: ReactNode;
  headingLevel?: 2 | 3;
  id?: string;
  children: ReactNode;
}) {
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  const headingId = id ? `${id}-heading` : undefined;
  return (
    <section className="card" id={id} aria-labelledby={heading ? headingId : undefined}>
      {heading && (
        <Heading className="card__heading" id={headingId}>
          {heading}
        </Heading>
      )}
      {children}
    </section>
  );
}

/** Key–value pairs (the GOV.UK summary list): a record's details read down the page. */
export function SummaryList({ rows }: { rows: { id: string; key: ReactNode; value: ReactNode }[] }) {
  return (
    <dl className="summary-list">
      {rows.map((row) => (
        <div className="summary-list__row" key={row.id}>
          <dt className="summary-list__key">{row.key}</dt>
          <dd className="summary-list__value">{row.value}</dd>
        </div>
      ))}
    </dl>
  );
}
