import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError } from '../api.ts';

/** A page as every paged route answers it (`page(item)` in src/core/common.contract.ts). */
type Page<T> = { items: T[]; nextCursor: string | null };

export interface PagedList<T> {
  items: T[];
  nextCursor: string | null;
  loading: boolean;
  loadingMore: boolean;
  error: ApiError | null;
  loadMore: () => Promise<void>;
  reload: () => void;
  /** Puts a created item first, or replaces an edited one in place. */
  upsert: (item: T) => void;
}

/** A cursor-paginated list: the first page on mount (and when `key` changes), then "load more". */
export function usePagedList<T extends { id: string }>(fetchPage: (cursor: string | null) => Promise<Page<T>>, key: string): PagedList<T> {
  const [items, setItems] = useState<T[]>([]);
  const [nextCursor, setNextCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [loadingMore, setLoadingMore] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [generation, setGeneration] = useState(0);
  const fetchRef = useRef(fetchPage);
  fetchRef.current = fetchPage;

  // biome-ignore lint/correctness/useExhaustiveDependencies: the fetch function is read through a ref; the key is the trigger
  useEffect(() => {
    let current = true;
    setLoading(true);
    setError(null);
    fetchRef
      .current(null)
      .then((page) => {
        if (!current) return;
        setItems(page.items);
        setNextCursor(page.nextCursor);
      })
      .catch((e: unknown) => {
        if (current) setError(e instanceof ApiError ? e : new ApiError({ status: 0, code: 'unexpected', title: String(e) }));
      })
      .finally(() => {
        if (current) setLoading(false);
      });
    return () => {
      current = false;
    };
  }, [key, generation]);

  const loadMore = useCallback(async () => {
    if (!nextCursor) return;
    setLoadingMore(true);
    setError(null);
    try {
      const page = await fetchRef.current(nextCursor);
      setItems((previous) => [...previous, ...page.items.filter((item) => !previous.some((p) => p.id === item.id))]);
      setNextCursor(page.nextCursor);
    } catch (e) {
      setError(e instanceof ApiError ? e : new ApiError({ status: 0, code: 'unexpected', title: String(e) }));
    } finally {
      setLoadingMore(false);
    }
  }, [nextCursor]);

  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  const upsert = useCallback((item: T) => {
    setItems((previous) =>
      previous.some((p) => p.id === item.id) ? previous.map((p) => (p.id === item.id ? item : p)) : [item, ...previous],
    );
  }, []);

  return { items, nextCursor, loading, loadingMore, error, loadMore, reload, upsert };
}
