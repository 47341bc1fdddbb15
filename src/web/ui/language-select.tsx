import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { changeLocale, type LocaleCode, supportedLocales } from '../i18n.ts';
import { useLocale } from './locale.ts';

/** Switches the interface language at once; `onChanged` lets a signed-in user's choice be saved. */
export function LanguageSelect({ onChanged }: { onChanged?: (locale: LocaleCode) => void }) {
  const { t } = useTranslation();
  const id = useId();
  const locale = useLocale();
  return (
    <div className="language-select">
      <label htmlFor={id}>{t('language.label')}</label>
      <select
        id={id}
        className="field__input field__select"
        value={locale}
        onChange={(event) => {
          const next = event.target.value as LocaleCode;
          void changeLocale(next).then(() => onChanged?.(next));
        }}
      >
        {supportedLocales.map((code) => (
          <option key={code} value={code} lang={code}>
            {t(`languageName.${code}`)}
          </option>
        ))}
      </select>
    </div>
  );
}
