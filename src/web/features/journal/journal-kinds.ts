import { useTranslation } from 'react-i18next';
import type { EntryContext } from './entry-editor.tsx';

/** The kind's name: an agency's own kind by its label, a built-in one from the catalog. */
export function useKindName(kinds: EntryContext['kinds']) {
  const { t } = useTranslation();
  return (code: string) => kinds.find((k) => k.code === code)?.label ?? t(`journal.kind.${code}`, { defaultValue: code });
}
