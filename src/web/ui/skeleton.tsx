import { useTranslation } from 'react-i18next';

/**
 * Grey lines where content is coming, so the page keeps its shape while it loads. Screen readers
 * hear one "Loading…" (a busy status); the lines themselves are hidden from them. The shimmer
 * stops for readers who ask for reduced motion (styles.css).
 */
export function Skeleton({ lines = 3, label }: { lines?: number; label?: string }) {
  const { t } = useTranslation();
  return (
    <div className="skeleton" role="status" aria-busy="true">
      <span className="visually-hidden">{label ?? t('common.loading')}</span>
      {Array.from({ length: lines }, (_, line) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: the lines are alike and never move
        <span key={line} className="skeleton__line" aria-hidden="true" />
      ))}
    </div>
  );
}
