import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { type LocaleCode, localeCode, supportedLocales } from '../core/common.contract.ts';
import en from './locales/en.json' with { type: 'json' };
import nb from './locales/nb.json' with { type: 'json' };
import ru from './locales/ru.json' with { type: 'json' };
import sv from './locales/sv.json' with { type: 'json' };
import zhHans from './locales/zh-Hans.json' with { type: 'json' };
import zhHant from './locales/zh-Hant.json' with { type: 'json' };

export type { LocaleCode };
export { supportedLocales };

const STORAGE_KEY = 'tillit.locale';

const resources = {
  en: { translation: en },
  nb: { translation: nb },
  sv: { translation: sv },
  ru: { translation: ru },
  'zh-Hans': { translation: zhHans },
  'zh-Hant': { translation: zhHant },
} satisfies Record<LocaleCode, { translation: object }>;

/** Maps a browser language tag (e.g. "zh-TW", "no", "sv-FI") to a supported catalog, if any. */
export function matchLocale(tag: string): LocaleCode | null {
  const lower = tag.toLowerCase();
  if (lower.startsWith('zh')) {
    return /-(hant|tw|hk|mo)\b/.test(lower) ? 'zh-Hant' : 'zh-Hans';
  }
  const primary = lower.split('-')[0];
  if (primary === 'no' || primary === 'nn' || primary === 'nb') return 'nb';
  const parsed = localeCode.safeParse(primary);
  return parsed.success ? parsed.data : null;
}

function initialLocale(): LocaleCode {
  const stored = readStoredLocale();
  if (stored) return stored;
  for (const tag of navigator.languages ?? [navigator.language]) {
    const match = matchLocale(tag);
    if (match) return match;
  }
  return 'en';
}

function readStoredLocale(): LocaleCode | null {
  try {
    const parsed = localeCode.safeParse(localStorage.getItem(STORAGE_KEY));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

function applyDocumentLanguage(lng: string): void {
  document.documentElement.lang = lng;
  document.documentElement.dir = i18next.dir(lng);
}

export function currentLocale(): LocaleCode {
  const parsed = localeCode.safeParse(i18next.resolvedLanguage ?? i18next.language);
  return parsed.success ? parsed.data : 'en';
}

/** Switches the interface language and remembers it on this device (used before sign-in). */
export async function changeLocale(lng: LocaleCode): Promise<void> {
  try {
    localStorage.setItem(STORAGE_KEY, lng);
  } catch {
    // Storage may be unavailable (private mode); the switch still applies to this page.
  }
  if (i18next.language !== lng) await i18next.changeLanguage(lng);
}

export async function initI18n(): Promise<typeof i18next> {
  i18next.on('languageChanged', applyDocumentLanguage);
  await i18next.use(initReactI18next).init({
    resources,
    lng: initialLocale(),
    fallbackLng: 'en',
    supportedLngs: [...supportedLocales],
    // 'zh-Hans' must not be reduced to 'zh'.
    load: 'currentOnly',
    nonExplicitSupportedLngs: false,
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  applyDocumentLanguage(i18next.language);
  return i18next;
}
