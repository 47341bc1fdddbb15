import { useTranslation } from 'react-i18next';
import type { PagedList } from './use-paged-list.ts';
import { describeError } from './validation.ts';

/** Loading / error / count line for a paginated list, and its "Load more" button. */
export function ListStatus<T extends { id: string }>({ list, emptyText }: { list: PagedList<T>; emptyText: string }) {
  const { t } = useTranslation();
  return (
    <>
      <p role="status" className="list-status">
        {list.loading ? t('common.loading') : list.items.length === 0 ? emptyText : t('list.showing', { count: list.items.length })}
      </p>
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
