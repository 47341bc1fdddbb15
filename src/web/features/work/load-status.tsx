import { useTranslation } from 'react-i18next';
import { describeError } from '../../ui/validation.ts';
import type { Loaded } from './use-load.ts';

export function LoadStatus<T>({ loaded }: { loaded: Loaded<T> }) {
  const { t } = useTranslation();
  return (
    <>
      <p role="status" className="list-status">
        {loaded.loading ? t('common.loading') : ''}
      </p>
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
