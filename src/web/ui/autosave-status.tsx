import { useTranslation } from 'react-i18next';
import type { AutosaveState } from '../features/intake/use-autosave.ts';
import { formatDateTime } from '../format.ts';
import { useLocale } from './locale.ts';

/** A polite status line saying whether the form's draft is restored, being saved, saved (when) or not saved. */
export function AutosaveStatus({ autosave }: { autosave: { state: AutosaveState; savedAt: string | null } }) {
  const { t } = useTranslation();
  const locale = useLocale();
  return (
    <p role="status" className="list-status">
      {autosave.state === 'restoring'
        ? t('autosave.restoring')
        : autosave.state === 'saving'
          ? t('autosave.saving')
          : autosave.state === 'failed'
            ? t('autosave.failed')
            : autosave.savedAt
              ? t('autosave.savedAt', { time: formatDateTime(autosave.savedAt, locale) })
              : ''}
    </p>
  );
}
