import { documentLanguage, documentStyles, escapeHtml as e, formatDocumentDate, translatorFor } from '../../core/documents/documents.ts';
import { richTextHtml } from '../journal/journal.document.ts';
import type { PersonRow } from '../person/person.store.ts';
import { nameForms } from '../person/person-name.rules.ts';
import type { LifeStory, LifeStorySections } from './life-story.contract.ts';
import { writtenSections } from './life-story.rules.ts';

export interface LifeStoryDocumentInput {
  person: PersonRow;
  /** The language the story is written in. */
  language: string;
  sections: LifeStorySections;
  /** The version printed; null for the draft, before any version is kept. */
  version: LifeStory['versions'][number] | null;
  agencyName: string;
  timeZone: string;
}

/**
 * The life story as the person reads and keeps it: in their language (the page's headings too),
 * their name in their own script with the Latin form beside it, the sections written, and – until
 * they have confirmed this version – a line to sign that it is their story as they want it told.
 */
export function renderLifeStory(input: LifeStoryDocumentInput, requestedLanguage?: string): string {
  const { person, version } = input;
  const lng = documentLanguage(requestedLanguage ?? input.language);
  const t = translatorFor(lng);
  const names = nameForms(person);
  const date = (value: Date | string) => formatDocumentDate(lng, value, input.timeZone);
  const state = version ? t('lifeStoryVersion', { number: version.number, date: date(new Date(version.savedAt)) }) : t('lifeStoryDraft');
  const confirmation = version?.confirmation
    ? `<p class="confirmation">${e(
        t('lifeStoryConfirmed', { date: date(version.confirmation.confirmedOn), how: t(`lifeStoryMethod_${version.confirmation.method}`) }),
      )}${version.confirmation.interpreterName ? ` – ${e(t('lifeStoryInterpreter'))}: ${e(version.confirmation.interpreterName)}` : ''}</p>`
    : `<section class="confirm"><p>${e(t('lifeStoryConfirmLine'))}</p>
<div class="signatures"><div class="signature"><p><strong>${e(t('signer_person'))}</strong><br>${e(names.own)}</p><div class="line"></div></div>
<div class="signature"><p><strong>${e(t('date'))}</strong><br>&nbsp;</p><div class="line"></div></div></div></section>`;
  const sections = writtenSections(input.sections).map(
    ({ section, text }) => `<section class="part">
<h2>${e(t(`lifeStorySection_${section}`))}</h2>
<div class="text">${richTextHtml(text.content)}</div>
</section>`,
  );
  const ownLang = names.ownLanguage ? ` lang="${e(names.ownLanguage)}"` : '';
  return `<!doctype html>
<html lang="${e(lng)}">
<head><meta charset="utf-8"><title>${e(t('lifeStoryTitle'))} – ${e(names.own)}</title><style>${documentStyles}
  section.part { margin-top: 1.5rem; page-break-inside: avoid; } section.part h2 { font-size: 1.15rem; border-bottom: 1px solid #999; }
  .confirm { margin-top: 2.5rem; } .confirmation { margin-top: 2rem; font-style: italic; }
</style></head>
<body>
<h1>${e(t('lifeStoryTitle'))}</h1>
<dl>
  <dt>${e(t('lifeStoryWhose'))}</dt><dd><span${ownLang}>${e(names.own)}</span>${names.latin ? ` (${e(names.latin)})` : ''}</dd>
  <dt>${e(t('from'))}</dt><dd>${e(input.agencyName)}</dd>
  <dt>${e(t('planVersion'))}</dt><dd>${e(state)}</dd>
</dl>
${sections.length ? sections.join('\n') : `<p>${e(t('lifeStoryNothing'))}</p>`}
${confirmation}
</body></html>`;
}
