import { documentLanguage, documentStyles, escapeHtml as e, formatDocumentDate, translatorFor } from '../../core/documents/documents.ts';
import type { PersonRow } from '../person/person.store.ts';
import { nameForms } from '../person/person-name.rules.ts';
import type { JournalEntry } from './journal.contract.ts';
import type { Block, InlineNode } from './rich-text.rules.ts';

export interface JournalDocumentInput {
  entries: JournalEntry[];
  person: PersonRow;
  caseNumber: string;
  agencyName: string;
  kindLabels: Map<string, string | null>;
  timeZone: string;
}

function inlineHtml(nodes: readonly InlineNode[] | undefined): string {
  return (nodes ?? [])
    .map((n) => {
      if (n.type === 'hardBreak') return '<br>';
      let html = e(n.text);
      for (const mark of n.marks ?? []) html = mark.type === 'bold' ? `<strong>${html}</strong>` : `<em>${html}</em>`;
      return html;
    })
    .join('');
}

/** The entry's text as HTML: every word escaped, only the journal's own elements around them. */
export function richTextHtml(blocks: readonly Block[]): string {
  return blocks
    .map((b) => {
      switch (b.type) {
        case 'paragraph':
          return `<p>${inlineHtml(b.content)}</p>`;
        case 'heading':
          // Inside an entry (itself under an h3) the text's own headings sit lower.
          return `<h${b.attrs.level + 2}>${inlineHtml(b.content)}</h${b.attrs.level + 2}>`;
        case 'bulletList':
          return `<ul>${b.content.map((item) => `<li>${richTextHtml(item.content)}</li>`).join('')}</ul>`;
        case 'orderedList':
          return `<ol${b.attrs?.start && b.attrs.start !== 1 ? ` start="${b.attrs.start}"` : ''}>${b.content
            .map((item) => `<li>${richTextHtml(item.content)}</li>`)
            .join('')}</ol>`;
      }
    })
    .join('\n');
}

/**
 * The journal as the person may ask to see it (the right of access): every signed entry the
 * reader may read, oldest first, in the person's language; corrected entries are shown struck
 * through beside their correction and its reason, as Swedish practice has it.
 */
export function renderJournal(input: JournalDocumentInput, requestedLanguage?: string): string {
  const { person } = input;
  const lng = documentLanguage(requestedLanguage ?? person.languages.find(Boolean) ?? 'en');
  const t = translatorFor(lng);
  const names = nameForms(person);
  const when = (entry: JournalEntry) => {
    const day = formatDocumentDate(lng, entry.occurredOn, input.timeZone);
    return entry.occurredTime ? `${day} ${entry.occurredTime}` : day;
  };
  const kind = (code: string) => input.kindLabels.get(code) ?? t(`journalKind_${code}`, { defaultValue: code });
  const entries = [...input.entries].reverse().map((entry) => {
    const struck = entry.correctedBy !== null;
    const meta = [
      `${e(t('journalWritten'))}: ${e(formatDocumentDate(lng, new Date(entry.signedAt ?? entry.writtenAt), input.timeZone))} – ${e(entry.authorName)}`,
      entry.signedLate ? e(t('journalSignedLate')) : '',
      entry.informationFrom ? `${e(t('journalInformationFrom'))}: ${e(entry.informationFrom)}` : '',
      entry.corrects ? `${e(t('journalCorrects'))}: ${e(entry.corrects.reason)}` : '',
      struck ? e(t('journalCorrectedLater')) : '',
    ].filter(Boolean);
    return `<article class="entry${struck ? ' entry--corrected' : ''}">
<h3>${e(when(entry))} · ${e(kind(entry.kind))}</h3>
<p class="meta">${meta.join('<br>')}</p>
<div class="text">${struck ? `<del>${richTextHtml(entry.text.content)}</del>` : richTextHtml(entry.text.content)}</div>
</article>`;
  });
  return `<!doctype html>
<html lang="${e(lng)}">
<head><meta charset="utf-8"><title>${e(t('journalTitle'))}</title><style>${documentStyles}
  article.entry { border-top: 1px solid #999; padding-top: .5rem; margin-top: 1rem; page-break-inside: avoid; }
  .meta { color: #333; font-size: .9rem; } del { text-decoration: line-through; color: #444; }
</style></head>
<body>
<h1>${e(t('journalTitle'))}</h1>
<dl>
  <dt>${e(t('from'))}</dt><dd>${e(input.agencyName)}</dd>
  <dt>${e(t('regarding'))}</dt><dd>${e(names.own)}${names.latin ? ` (${e(names.latin)})` : ''}</dd>
  <dt>${e(t('caseNumber'))}</dt><dd>${e(input.caseNumber)}</dd>
  <dt>${e(t('journalEntries'))}</dt><dd>${input.entries.length}</dd>
</dl>
${entries.length ? entries.join('\n') : `<p>${e(t('journalNone'))}</p>`}
</body></html>`;
}
