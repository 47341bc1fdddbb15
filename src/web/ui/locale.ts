import { useTranslation } from 'react-i18next';
import { currentLocale, type LocaleCode } from '../i18n.ts';

/** The interface language; re-renders the caller when it changes. */
export function useLocale(): LocaleCode {
  useTranslation();
  return currentLocale();
}
