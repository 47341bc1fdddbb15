import i18next, { type BackendModule, type ResourceKey } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { type LocaleCode, localeCode, supportedLocales } from '../core/common.contract.ts';

export type { LocaleCode };
export { supportedLocales };

const STORAGE_KEY = 'tillit.locale';

type CatalogModule = Promise<{ default: ResourceKey }>;

/**
 * Each catalog is a chunk of its own, loaded when its language is first used: a page loads the
 * interface language's catalog and English (the fallback), not all six. Before sign-in only the
 * sections of the signed-out pages come; the whole catalog comes once there is a session.
 */
const wholeCatalogs: Record<LocaleCode, () => CatalogModule> = {
  en: () => import('./locales/en.json', { with: { type: 'json' } }),
  nb: () => import('./locales/nb.json', { with: { type: 'json' } }),
  sv: () => import('./locales/sv.json', { with: { type: 'json' } }),
  ru: () => import('./locales/ru.json', { with: { type: 'json' } }),
  'zh-Hans': () => import('./locales/zh-Hans.json', { with: { type: 'json' } }),
  'zh-Hant': () => import('./locales/zh-Hant.json', { with: { type: 'json' } }),
};

const signedOutCatalogs: Record<LocaleCode, () => CatalogModule> = {
  en: () => import('./locales/en.json?signed-out'),
  nb: () => import('./locales/nb.json?signed-out'),
  sv: () => import('./locales/sv.json?signed-out'),
  ru: () => import('./locales/ru.json?signed-out'),
  'zh-Hans': () => import('./locales/zh-Hans.json?signed-out'),
  'zh-Hant': () => import('./locales/zh-Hant.json?signed-out'),
};

let catalogs = signedOutCatalogs;
let wholeCatalogLoad: Promise<void> | null = null;
let wholeCatalogReady = false;
/**
 * The language change under way, if any. i18next does not read again a catalog it is still reading,
 * so the whole catalog is asked for once a change begun before sign-in has its signed-out part.
 */
let languageChange: Promise<unknown> = Promise.resolve();

/** Loads the whole catalog of the languages in use (once); later language changes load whole catalogs. */
export function loadWholeCatalog(): Promise<void> {
  if (!wholeCatalogLoad) {
    catalogs = wholeCatalogs;
    wholeCatalogLoad = languageChange
      .catch(() => undefined)
      .then(() => {
        const inUse = new Set(['en', i18next.language, ...(i18next.languages ?? []), ...Object.keys(i18next.store.data)]);
        return i18next.reloadResources([...inUse].filter((lng) => localeCode.safeParse(lng).success));
      })
      .then(() => {
        wholeCatalogReady = true;
      });
  }
  return wholeCatalogLoad;
}

/** Whether the whole catalog is there, so that a signed-in page renders without waiting. */
export function wholeCatalogLoaded(): boolean {
  return wholeCatalogReady;
}

const catalogBackend: BackendModule = {
  type: 'backend',
  callbackApi: true,
  init: () => undefined,
  read(language, _namespace, callback) {
    const parsed = localeCode.safeParse(language);
    if (!parsed.success) return callback(null, {});
    catalogs[parsed.data]().then(
      (module) => callback(null, module.default),
      (error: Error) => callback(error, false),
    );
  },
};

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
  if (i18next.language === lng) return;
  languageChange = i18next.changeLanguage(lng);
  await languageChange;
}

export async function initI18n(): Promise<typeof i18next> {
  i18next.on('languageChanged', applyDocumentLanguage);
  await i18next
    .use(catalogBackend)
    .use(initReactI18next)
    .init({
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
