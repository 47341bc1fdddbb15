import fs from 'node:fs';
import path from 'node:path';
import i18next, { type TFunction } from 'i18next';
import { installRoot } from '../install-root.ts';

const here = path.join(installRoot, 'src', 'core', 'documents');
export const documentLanguages = ['en', 'nb', 'sv', 'ru', 'zh-Hans', 'zh-Hant'] as const;

/** Texts of printed documents come from their own catalogs (locales/), one per language, English as fallback. */
const documents = i18next.createInstance();
await documents.init({
  lng: 'en',
  fallbackLng: 'en',
  supportedLngs: [...documentLanguages],
  interpolation: { escapeValue: false },
  resources: Object.fromEntries(
    documentLanguages.map((lng) => [lng, { translation: JSON.parse(fs.readFileSync(path.join(here, 'locales', `${lng}.json`), 'utf8')) }]),
  ),
});

/**
 * The names of the product's own terms – stages, kinds, statuses – as the web shows them
 * (src/web/locales): a document that lists stored values by name uses the same words as the screens.
 */
let productTerms: Promise<typeof i18next> | null = null;

export async function productTermsFor(language: string): Promise<TFunction> {
  // Read when first asked for: the six catalogs are a few MB an instance printing nothing never needs.
  productTerms ??= (async () => {
    const terms = i18next.createInstance();
    await terms.init({
      lng: 'en',
      fallbackLng: 'en',
      supportedLngs: [...documentLanguages],
      interpolation: { escapeValue: false },
      resources: Object.fromEntries(
        documentLanguages.map((lng) => [
          lng,
          { translation: JSON.parse(fs.readFileSync(path.join(installRoot, 'src', 'web', 'locales', `${lng}.json`), 'utf8')) },
        ]),
      ),
    });
    return terms;
  })();
  return (await productTerms).getFixedT(documentLanguage(language));
}

export function documentLanguage(requested: string): string {
  return (documentLanguages as readonly string[]).includes(requested) ? requested : 'en';
}

export function translatorFor(language: string): TFunction {
  return documents.getFixedT(documentLanguage(language));
}

export const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** A calendar date (YYYY-MM-DD) as it is, or the day of a moment in `timeZone` (the agency's). */
export function formatDocumentDate(language: string, value: Date | string, timeZone: string): string {
  return new Intl.DateTimeFormat(documentLanguage(language), {
    dateStyle: 'long',
    timeZone: typeof value === 'string' ? 'UTC' : timeZone,
  }).format(typeof value === 'string' ? new Date(`${value.slice(0, 10)}T00:00:00Z`) : value);
}

export const documentStyles = `
  body { font-family: system-ui, "Noto Sans", "WenQuanYi Zen Hei", sans-serif; max-width: 42rem; margin: 2rem auto; line-height: 1.5; color: #111; }
  h1 { font-size: 1.5rem; } dl { display: grid; grid-template-columns: max-content 1fr; gap: .25rem 1rem; }
  dt { font-weight: 600; } blockquote { border-left: 3px solid #999; margin: 0; padding-left: 1rem; white-space: pre-wrap; }
  .pre-wrap { white-space: pre-wrap; }
  .signatures { display: grid; grid-template-columns: repeat(auto-fit, minmax(12rem, 1fr)); gap: 1.5rem; margin-top: 2rem; }
  .signature img { max-width: 100%; max-height: 6rem; border-bottom: 1px solid #333; }
  .signature .line { height: 4rem; border-bottom: 1px solid #333; }
  @media print { body { margin: 0; } }
`;
