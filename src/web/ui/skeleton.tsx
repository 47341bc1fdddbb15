import { useTranslation } from 'react-i18next';

/**
 * Grey lines where content is coming, so the page keeps its shape while it loads. Screen readers
 * hear one "Loading…" (a busy status); the lines themselves are hidden from them. The shimmer
 * stops for readers who ask for reduced motion (styles.css). `heading` adds a bar for a page's title.
 */
export function Skeleton({ lines = 3, label, heading = false }: { lines?: number; label?: string; heading?: boolean }) {
  const { t } = useTranslation();
  return (
    <div className="skeleton" role="status" aria-busy="true">
      <span className="visually-hidden">{label ?? t('common.loading')}</span>
      {heading && <span className="skeleton__heading skeleton__line" aria-hidden="true" />}
      {Array.from({ length: lines }, (_, line) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: the lines are alike and never move
        <span key={line} className="skeleton__line" aria-hidden="true" />
      ))}
    </div>
  );
}

/** A whole page coming: its title and a few paragraphs' worth of lines, inside the page's frame. */
export function PageSkeleton() {
  return (
    <div className="page-skeleton">
      <Skeleton heading lines={6} />
    </div>
  );
}
