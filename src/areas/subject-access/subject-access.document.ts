import { documentLanguage, formatDocumentDate, productTermsFor, translatorFor } from '../../core/documents/documents.ts';
import { createPdfWriter } from '../../core/documents/pdf.ts';
import { accessKindOf } from '../audit/access-log.rules.ts';
import { plainText } from '../journal/rich-text.rules.ts';
import { nameForms } from '../person/person-name.rules.ts';
import type { HeldOnPerson } from './subject-access.store.ts';

/** The JSON beside the PDF: the same rows, as the database holds them, with the names of those they refer to. */
export function subjectAccessJson(held: HeldOnPerson, meta: { agencyName: string; madeAt: Date; language: string }): string {
  return JSON.stringify(
    {
      format: 'tillit-subject-access/1',
      agency: meta.agencyName,
      personId: held.personId,
      madeAt: meta.madeAt.toISOString(),
      language: meta.language,
      names: held.names,
      tables: Object.fromEntries(held.sections.map((s) => [s.table, s.rows])),
      files: held.files.map((f) => ({ id: f.id, entryId: f.entryId, fileName: f.fileName, path: attachmentPath(f) })),
    },
    null,
    2,
  );
}

/** Where an attachment's bytes are in the ZIP. */
export const attachmentPath = (file: { id: string; fileName: string }) =>
  `attachments/${file.id}-${file.fileName.replace(/[\\/:*?"<>|\p{Cc}]/gu, '_')}`;

/** Columns a reader has no use for: keys that only tie rows together. */
const HIDDEN = /^(id|version|seq|revision|agency_id|.*_sha256|sha256)$/;
/** Columns holding language codes, shown by the language's name. */
const LANGUAGE_COLUMNS = new Set(['language', 'languages', 'letter_language']);
const ISO_MOMENT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?([+-]\d{2}:?\d{2}|Z)?$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * Where the names of a column's stored values are, among the product's terms (the web's catalog):
 * by `table.column`, or by column name for every table.
 */
const VALUE_NAMES: Readonly<Record<string, string>> = {
  'cases.stage': 'caseStage',
  priority: 'priority',
  'requests.channel': 'channel',
  'requests.came_via': 'cameVia',
  'requests.help_seeker_kind': 'helpSeekerKind',
  'requests.status': 'requestStatus',
  birth_date_precision: 'person.precision',
  birthDatePrecision: 'person.precision',
  sex: 'person.sexOption',
  preferred_contact: 'person.contact',
  legal_capacity: 'person.capacity',
  'intake_decisions.decision': 'decision.kind',
  'referrals_out.reason': 'referralReason',
  domain: 'lifeDomain',
  'needs.severity': 'need.severityName',
  'needs.status': 'need.status',
  'assessments.sources': 'assessment.source',
  'decisions.status': 'serviceDecision.status',
  'service_plans.status': 'plan.status',
  'plan_steps.status': 'plan.stepStatus',
  responsible_kind: 'plan.responsible',
  'journal_entries.status': 'journal.status',
  'journal_entries.kind': 'journal.kind',
  confidentiality: 'journal.confidentiality',
  sensitive_category: 'journal.sensitiveCategory',
  'crises.source': 'crisis.openedFrom',
  'crisis_support_contacts.kind': 'crisis.support.kinds',
  'contacts.status': 'contacts.status',
  'contacts.kind': 'contacts.kind',
  place_kind: 'contacts.place',
  cancelled_by: 'contacts.cancelledBy',
  'life_story_confirmations.method': 'lifeStory.method',
  use: 'successStory.use',
  'story_consents.method': 'successStory.consent.method',
  'consents.kind': 'consent.kind',
  purposes: 'consent.purpose',
  purpose: 'consent.purpose',
  categories: 'consent.category',
  categories_asked: 'consent.category',
  categories_given: 'consent.category',
  required_signers: 'signature.signerName',
  signer: 'signature.signerName',
  'consent_events.method': 'consent.method',
  legal_basis: 'consent.legalBasis',
  'agreement_signatures.method': 'signature.methodName',
  'plan_signatures.method': 'signature.methodName',
  'service_agreements.status': 'agreement.status',
  'subject_access_exports.status': 'people.subjectAccess.status',
  actor_role: 'role',
  'case_events.from_value': 'caseStage',
  'case_events.to_value': 'caseStage',
  // Kinds of event named by this document's own catalog.
  'case_events.kind': 'doc:sarEvent',
  'consent_events.kind': 'doc:sarEvent',
  'story_consents.kind': 'doc:sarEvent',
};

const isRichText = (value: unknown): value is { type: 'doc'; content: [] } =>
  typeof value === 'object' &&
  value !== null &&
  (value as { type?: unknown }).type === 'doc' &&
  Array.isArray((value as { content?: unknown }).content);

/**
 * The readable copy: a first page saying what this is, whose, from whom and what it holds, then each
 * table's rows with their fields by name in the person's language, dates in the agency's time zone,
 * staff and partners by name, and the access log last.
 */
export async function renderSubjectAccessPdf(
  held: HeldOnPerson,
  meta: { agencyName: string; timeZone: string; language: string; madeAt: Date; madeBy: string; note: string },
): Promise<Buffer> {
  const lng = documentLanguage(meta.language);
  const t = translatorFor(lng);
  const moment = new Intl.DateTimeFormat(lng, { dateStyle: 'medium', timeStyle: 'short', timeZone: meta.timeZone });
  const person = held.sections.find((s) => s.table === 'persons')?.rows[0] ?? {};
  const names = nameForms({
    givenName: String(person.given_name ?? ''),
    familyName: String(person.family_name ?? ''),
    nameInOtherScript: (person.name_in_other_script as string | null) ?? null,
    languages: (person.languages as string[] | undefined) ?? [],
  });
  const whose = names.latin && names.latin !== names.own ? `${names.own} (${names.latin})` : names.own;

  const languageNames = new Intl.DisplayNames([lng], { type: 'language', fallback: 'code' });
  const languageName = (code: string) => {
    try {
      return languageNames.of(code) ?? code;
    } catch {
      return code;
    }
  };
  const terms = await productTermsFor(lng);
  const humanised = (value: string) => value.replaceAll('_', ' ');
  const text = (value: unknown, names?: string): string | null => {
    if (value === null || value === undefined || value === '') return null;
    const named = (v: string) =>
      names!.startsWith('doc:')
        ? t(`${names!.slice(4)}_${v}`, { defaultValue: humanised(v) })
        : terms(`${names}.${v}`, { defaultValue: humanised(v) });
    if (names && typeof value === 'string' && !UUID.test(value)) return named(value);
    if (names && Array.isArray(value) && value.every((v) => typeof v === 'string')) {
      return value.length ? value.map(named).join(', ') : null;
    }
    if (typeof value === 'boolean') return t(value ? 'sarYes' : 'sarNo');
    if (typeof value === 'number') return String(value);
    if (typeof value === 'string') {
      if (UUID.test(value)) return held.names[value] ?? null;
      if (ISO_DATE.test(value)) return formatDocumentDate(lng, value, meta.timeZone);
      if (ISO_MOMENT.test(value)) return moment.format(new Date(value));
      return value;
    }
    if (isRichText(value)) return plainText(value) || null;
    if (Array.isArray(value) && value.every((v) => typeof v !== 'object' || v === null)) {
      const parts = value.map((v) => text(v)).filter((v): v is string => v !== null);
      return parts.length ? parts.join(', ') : null;
    }
    return null;
  };
  /** A column's name in the person's language. */
  const label = (column: string) => {
    return t(`sarField_${column}`, {
      defaultValue: column
        .replace(/_id$/, '')
        .replaceAll('_', ' ')
        .replace(/^./, (c) => c.toUpperCase()),
    });
  };

  const writer = await createPdfWriter({ title: `${t('sarTitle')} – ${names.latin || names.own}`, language: lng, author: meta.agencyName });
  const fields = (table: string, row: Record<string, unknown>, indent: number, depth: number) => {
    for (const [name, value] of Object.entries(row)) {
      // The nested objects of a snapshot name their fields in camelCase.
      const column = name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
      if (HIDDEN.test(column)) continue;
      const shown = LANGUAGE_COLUMNS.has(column)
        ? text(Array.isArray(value) ? value.map((v) => languageName(String(v))) : typeof value === 'string' ? languageName(value) : value)
        : text(value, VALUE_NAMES[`${table}.${column}`] ?? VALUE_NAMES[column]);
      if (shown !== null) {
        writer.field(label(column), shown, indent);
      } else if (value && typeof value === 'object' && depth < 4) {
        const entries = Array.isArray(value) ? value : [value];
        const nested = entries.filter((v): v is Record<string, unknown> => typeof v === 'object' && v !== null);
        if (nested.length === 0) continue;
        writer.field(label(column), '', indent);
        nested.forEach((entry, i) => {
          if (nested.length > 1) writer.paragraph(`${i + 1}.`, { indent: indent + 12 });
          fields(table, entry, indent + 12, depth + 1);
        });
      }
    }
  };

  writer.title(t('sarTitle'));
  writer.field(t('consentWhose'), whose);
  if (person.birth_date) writer.field(t('bornOn'), text(person.birth_date) ?? '');
  writer.field(t('from'), meta.agencyName);
  writer.field(t('sarMadeAt'), moment.format(meta.madeAt));
  writer.field(t('sarMadeBy'), meta.madeBy);
  if (meta.note) writer.field(t('sarNote'), meta.note);
  writer.gap().paragraph(t('sarIntro')).paragraph(t('sarFiles')).paragraph(t('sarLeftOut'));
  writer.heading(t('sarContents'));
  for (const section of held.sections) {
    if (section.rows.length > 0) writer.field(t(`sarSection_${section.table}`), String(section.rows.length));
  }

  for (const section of held.sections) {
    if (section.rows.length === 0) continue;
    writer.heading(t(`sarSection_${section.table}`));
    if (section.table === 'access_log') {
      for (const row of section.rows) {
        const who = held.names[String(row.actor_id)] ?? '';
        const role = row.actor_role ? terms(`role.${row.actor_role}`, { defaultValue: String(row.actor_role) }) : '';
        const what = t(`entity_${row.entity_type}`, { defaultValue: String(row.entity_type) });
        const how = t(`access_${accessKindOf(String(row.action), String(row.outcome))}`);
        writer.paragraph(`${moment.format(new Date(String(row.occurred_at)))} · ${who}${role ? ` (${role})` : ''} · ${what} · ${how}`);
      }
      continue;
    }
    section.rows.forEach((row, i) => {
      writer.subheading(`${t(`sarSection_${section.table}`)} ${i + 1}`);
      fields(section.table, row, 0, 0);
    });
  }
  return writer.finish((page, pages) => t('sarPage', { page, pages }));
}
