import { useTranslation } from 'react-i18next';
import { Skeleton } from '../../ui/skeleton.tsx';
import { describeError } from '../../ui/validation.ts';
import type { Loaded } from './use-load.ts';

/** A skeleton of `lines` while the first load is under way (it keeps the content's place), the error if it failed. */
export function LoadStatus<T>({ loaded, lines = 3 }: { loaded: Loaded<T>; lines?: number }) {
  const { t } = useTranslation();
  return (
    <>
      {loaded.loading && loaded.data === null && <Skeleton lines={lines} />}
      {loaded.error && (
        <p role="alert" className="notice notice--error">
          {describeError(loaded.error, t)}
        </p>
      )}
    </>
  );
}

/** Only the error of a load, for pages that show a skeleton while it comes. */
export function LoadError<T>({ loaded }: { loaded: Loaded<T> }) {
  const { t } = useTranslation();
  if (!loaded.error) return null;
  return (
    <p role="alert" className="notice notice--error">
      {describeError(loaded.error, t)}
    </p>
  );
}
