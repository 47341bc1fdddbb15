import { type ReactNode, useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api.ts';

/** Shown after a 409: someone else saved first. Reloading discards this user's unsaved edits. */
export function ConflictNotice({ onReload }: { onReload: () => void }) {
  const { t } = useTranslation();
  return (
    <div className="notice notice--warning">
      <p>{t('conflict.body')}</p>
      <button type="button" className="button button--secondary" onClick={onReload}>
        {t('conflict.reload')}
      </button>
    </div>
  );
}

/**
 * For a form that saves a versioned record: `guard` runs the save and remembers a 409 (the error
 * still goes on to the form's summary); `notice` is the conflict notice to show, reloading the page.
 */
export function useVersionConflict(): { guard: <T>(action: () => Promise<T>) => Promise<T>; notice: ReactNode } {
  const [conflict, setConflict] = useState(false);
  const guard = useCallback(async <T,>(action: () => Promise<T>): Promise<T> => {
    setConflict(false);
    try {
      return await action();
    } catch (error) {
      if (error instanceof ApiError && error.code === 'version_conflict') setConflict(true);
      throw error;
    }
  }, []);
  return { guard, notice: conflict ? <ConflictNotice onReload={() => window.location.reload()} /> : null };
}
