import { useTranslation } from 'react-i18next';

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
