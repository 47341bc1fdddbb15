import { useTranslation } from 'react-i18next';
import { type LocaleCode, supportedLocales } from '../../core/common.contract.ts';
import { SelectField } from './fields.tsx';

/** The first of a person's languages that documents are written in; English where none is. */
export function firstDocumentLanguage(languages: readonly string[]): LocaleCode {
  return languages.find((l): l is LocaleCode => (supportedLocales as readonly string[]).includes(l)) ?? 'en';
}

/** A choice of the language a document for the person is written in, each named in its own language. */
export function DocumentLanguageField({
  value,
  onChange,
  ...field
}: {
  id: string;
  label: string;
  error?: string | undefined;
  value: LocaleCode;
  onChange: (language: LocaleCode) => void;
}) {
  const { t } = useTranslation();
  return (
    <SelectField {...field} value={value} onChange={(e) => onChange(e.target.value as LocaleCode)}>
      {supportedLocales.map((code) => (
        <option key={code} value={code} lang={code}>
          {t(`languageName.${code}`)}
        </option>
      ))}
    </SelectField>
  );
}
