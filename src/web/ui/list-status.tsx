import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { EmptyState } from './empty-state.tsx';
import { Skeleton } from './skeleton.tsx';
import type { PagedList } from './use-paged-list.ts';
import { describeError } from './validation.ts';

/**
 * Loading / error / count line for a paginated list, and its "Load more" button. While the first page comes the
 * list's place holds a skeleton; an empty list says `emptyText` and, with `emptyHint`, what to do next.
 */
export function ListStatus<T extends { id: string }>({
  list,
  emptyText,
  emptyHint,
}: {
  list: PagedList<T>;
  emptyText: string;
  emptyHint?: ReactNode;
}) {
  const { t } = useTranslation();
  const empty = !list.loading && !list.error && list.items.length === 0;
  return (
    <>
      {list.loading && list.items.length === 0 ? (
        <Skeleton lines={4} />
      ) : (
        <div role="status" className="list-status">
          {empty ? (
            <EmptyState title={emptyText} hint={emptyHint} />
          ) : (
            list.items.length > 0 && t('list.showing', { count: list.items.length })
          )}
        </div>
      )}
      {list.error && (
        <p role="alert" className="notice notice--error">
          {describeError(list.error, t)}
        </p>
      )}
    </>
  );
}

export function LoadMore<T extends { id: string }>({ list }: { list: PagedList<T> }) {
  const { t } = useTranslation();
  if (!list.nextCursor) return null;
  return (
    <button type="button" className="button button--secondary" disabled={list.loadingMore} onClick={() => void list.loadMore()}>
      {list.loadingMore ? t('common.loading') : t('common.loadMore')}
    </button>
  );
}
