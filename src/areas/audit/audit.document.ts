import { documentLanguage, documentStyles, escapeHtml as e, formatDocumentDate, translatorFor } from '../../core/documents/documents.ts';
import type { PersonRow } from '../person/person.store.ts';
import { nameForms } from '../person/person-name.rules.ts';
import type { AccessLog } from './audit.contract.ts';

/**
 * The person's access log as they read it: in their language, their name in their own script, the
 * period, and each access – when (in the agency's time zone), who, in what role, what kind of record,
 * and how. Names of staff are given as they are registered.
 */
export function renderAccessLog(input: {
  log: AccessLog;
  person: PersonRow;
  agencyName: string;
  timeZone: string;
  language: string;
}): string {
  const lng = documentLanguage(input.language);
  const t = translatorFor(lng);
  const names = nameForms(input.person);
  const when = new Intl.DateTimeFormat(lng, { dateStyle: 'medium', timeStyle: 'short', timeZone: input.timeZone });
  const date = (value: string) => formatDocumentDate(lng, value, input.timeZone);
  const rows = input.log.items.map(
    (item) =>
      `<tr><td>${e(when.format(new Date(item.occurredAt)))}</td><td>${e(item.actorName)}</td><td>${e(
        item.actorRole ? t(`role_${item.actorRole}`, { defaultValue: item.actorRole }) : '',
      )}</td><td>${e(t(`entity_${item.entityType}`, { defaultValue: item.entityType }))}</td><td>${e(t(`access_${item.how}`))}</td></tr>`,
  );
  const ownLang = names.ownLanguage ? ` lang="${e(names.ownLanguage)}"` : '';
  return `<!doctype html>
<html lang="${e(lng)}">
<head><meta charset="utf-8"><title>${e(t('accessLogTitle'))} – ${e(names.own)}</title><style>${documentStyles}
  table { border-collapse: collapse; width: 100%; font-size: .9rem; } th, td { text-align: left; padding: .3rem .5rem; border-bottom: 1px solid #ccc; vertical-align: top; }
  thead { display: table-header-group; } tr { break-inside: avoid; }
</style></head>
<body>
<h1>${e(t('accessLogTitle'))}</h1>
<dl>
  <dt>${e(t('consentWhose'))}</dt><dd><span${ownLang}>${e(names.own)}</span>${names.latin ? ` (${e(names.latin)})` : ''}</dd>
  <dt>${e(t('from'))}</dt><dd>${e(input.agencyName)}</dd>
  <dt>${e(t('accessLogPeriod'))}</dt><dd>${e(date(input.log.from))} – ${e(date(input.log.to))}</dd>
</dl>
<p>${e(t('accessLogIntro'))}</p>
${
  rows.length
    ? `<table><thead><tr><th>${e(t('accessLogWhen'))}</th><th>${e(t('accessLogWho'))}</th><th>${e(t('accessLogRole'))}</th><th>${e(
        t('accessLogWhat'),
      )}</th><th>${e(t('accessLogHow'))}</th></tr></thead><tbody>${rows.join('')}</tbody></table>`
    : `<p>${e(t('accessLogNone'))}</p>`
}
${input.log.truncated ? `<p>${e(t('accessLogTruncated'))}</p>` : ''}
</body></html>`;
}
