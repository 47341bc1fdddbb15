import { Printer, SquarePen } from 'lucide-react';
import { type FormEvent, lazy, Suspense, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { formatDate, formatDateTime, todayIsoDate } from '../../format.ts';
import { SubmitButton } from '../../ui/buttons.tsx';
import { EmptyState } from '../../ui/empty-state.tsx';
import { SelectField, TextAreaField, TextField } from '../../ui/fields.tsx';
import { Icon } from '../../ui/icon.tsx';
import { useLocale } from '../../ui/locale.ts';
import { SavedMessage } from '../../ui/saved-message.tsx';
import { Skeleton } from '../../ui/skeleton.tsx';
import { StatusTag } from '../../ui/status-tag.tsx';
import { useForm } from '../../ui/use-form.ts';
import { organisationApi } from '../admin/organisation-api.ts';
import { assessmentApi } from '../assessment/assessment-api.ts';
import type { CaseFrameParts } from '../cases/case-frame.tsx';
import { CaseFrame } from '../cases/case-frame.tsx';
import { planApi } from '../plan/plan-api.ts';
import { LoadError } from '../work/load-status.tsx';
import { useLoad } from '../work/use-load.ts';
import type { EntryContext } from './entry-editor.tsx';
import { EntryFileList } from './entry-files.tsx';
import { type JournalEntry, type JournalFilter, journalApi } from './journal-api.ts';
import { useKindName } from './journal-kinds.ts';
import { RichTextView } from './rich-text-view.tsx';
import './journal.css';

// The editor (ProseMirror) is most of the page's weight: it comes only when someone writes.
const EntryEditor = lazy(() => import('./entry-editor.tsx').then((m) => ({ default: m.EntryEditor })));

export function JournalPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  return (
    <CaseFrame caseId={id} title={(caseNumber) => t('journal.title', { caseNumber })}>
      {(record, _reload, parts) => <Journal caseId={record.id} caseOpen={record.stage !== 'closed'} parts={parts} />}
    </CaseFrame>
  );
}

/** What the entry form may refer to: the agency's kinds, the plan in force's goals, the case's steps and needs, the case's staff. */
function useEntryContext(caseId: string, parts: CaseFrameParts) {
  const loaded = useLoad(async () => {
    const [agency, plans, needs] = await Promise.all([organisationApi.agency(), planApi.list(caseId), assessmentApi.needs(caseId)]);
    const active = plans.items.find((p) => p.status === 'active');
    return { agency, goals: active?.content.goals ?? [], needs: needs.items };
  }, `journal-context:${caseId}`);
  if (!loaded.data) return { loaded, context: null };
  const { overview } = parts;
  const context: EntryContext = {
    caseId,
    kinds: loaded.data.agency.journalEntryKinds,
    goals: loaded.data.goals.map((g) => ({ id: g.id, description: g.description })),
    steps: overview.steps.map((s) => ({ stepId: s.stepId, what: s.what, open: s.status === 'planned' || s.status === 'in_progress' })),
    needs: loaded.data.needs.map((n) => ({ id: n.id, description: n.description })),
    staff: [overview.responsible, ...overview.team],
    today: todayIsoDate(),
  };
  return { loaded, context };
}

type Editing = { entry: JournalEntry | null } | null;

/**
 * The case's social journal: the entries the reader may read, newest first, filtered and searched on
 * the server a page at a time; the reader's own drafts among them, marked; corrected entries struck
 * through beside their correction. Writing and correcting open the entry form at the top.
 */
function Journal({ caseId, caseOpen, parts }: { caseId: string; caseOpen: boolean; parts: CaseFrameParts }) {
  const { t } = useTranslation();
  const { loaded: contextLoad, context } = useEntryContext(caseId, parts);
  const [filter, setFilter] = useState<JournalFilter>({});
  const [entries, setEntries] = useState<JournalEntry[] | null>(null);
  const [nextCursor, setNextCursor] = useState<string | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const [editing, setEditing] = useState<Editing>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [generation, setGeneration] = useState(0);
  const list = useLoad(
    () => journalApi.list(caseId, { ...filter, limit: 50 }),
    `journal:${caseId}:${JSON.stringify(filter)}:${generation}`,
  );
  const editorRef = useRef<HTMLDivElement>(null);
  // A held contact opens its note here (?entry=…): the reader's draft in the editor, another entry in the list.
  const [params, setParams] = useSearchParams();
  const asked = params.get('entry');
  const askedEntry = useLoad(async () => (asked ? journalApi.get(asked) : null), `journal-entry:${asked ?? ''}`);
  useEffect(() => {
    if (askedEntry.data?.may.change && context) setEditing((current) => current ?? { entry: askedEntry.data });
  }, [askedEntry.data, context]);
  // An entry signed already is shown where it stands in the list.
  useEffect(() => {
    if (askedEntry.data && !askedEntry.data.may.change && entries)
      document.getElementById(`entry-${askedEntry.data.id}`)?.scrollIntoView({ block: 'start' });
  }, [askedEntry.data, entries]);
  const closeAsked = () => {
    if (asked) setParams({}, { replace: true });
  };

  useEffect(() => {
    if (list.data) {
      setEntries(list.data.items);
      setNextCursor(list.data.nextCursor);
    }
  }, [list.data]);
  useEffect(() => {
    if (editing) editorRef.current?.querySelector<HTMLElement>('h2')?.focus();
  }, [editing]);

  const more = async () => {
    if (!nextCursor) return;
    setLoadingMore(true);
    try {
      const page = await journalApi.list(caseId, { ...filter, limit: 50, cursor: nextCursor });
      setEntries((current) => [...(current ?? []), ...page.items]);
      setNextCursor(page.nextCursor);
    } finally {
      setLoadingMore(false);
    }
  };

  const mayWrite = caseOpen && context !== null;
  return (
    <>
      <LoadError loaded={contextLoad} />
      <div className="journal-actions">
        {mayWrite && !editing && (
          <button type="button" className="button button--primary" onClick={() => setEditing({ entry: null })}>
            <Icon icon={SquarePen} />
            {t('journal.write')}
          </button>
        )}
        <a className="button button--secondary" href={journalApi.printUrl(caseId, filter)} target="_blank" rel="noopener">
          <Icon icon={Printer} />
          {t('journal.print')}
        </a>
        <SavedMessage text={saved} focus />
      </div>
      {editing && context && (
        <div ref={editorRef}>
          <Suspense fallback={<Skeleton lines={8} />}>
            <EntryEditor
              key={editing.entry?.id ?? 'new'}
              context={context}
              entry={editing.entry}
              onDone={(result) => {
                closeAsked();
                setEditing(null);
                setSaved(
                  'signed' in result
                    ? t('journal.signedMessage')
                    : 'discarded' in result
                      ? t('journal.discardedMessage')
                      : t('journal.keptMessage'),
                );
                setGeneration((g) => g + 1);
              }}
            />
          </Suspense>
        </div>
      )}
      <JournalFilters
        kinds={context?.kinds ?? []}
        goals={context?.goals ?? []}
        staff={context?.staff ?? []}
        onSearch={(next) => {
          setSaved(null);
          setFilter(next);
        }}
      />
      <section aria-labelledby="journal-entries-heading" aria-busy={list.loading}>
        <h2 id="journal-entries-heading">{t('journal.entriesHeading')}</h2>
        <LoadError loaded={list} />
        {entries === null ? (
          <Skeleton lines={6} />
        ) : entries.length === 0 ? (
          <EmptyState
            title={Object.values(filter).some(Boolean) ? t('journal.noneFound') : t('journal.none')}
            hint={mayWrite ? t('journal.noneHint') : undefined}
          />
        ) : (
          <ol className="journal-list">
            {entries.map((entry) => (
              <li key={entry.id}>
                <EntryView
                  entry={entry}
                  all={entries}
                  kinds={context?.kinds ?? []}
                  onContinue={() => setEditing({ entry })}
                  onCorrected={(draft) => setEditing({ entry: draft })}
                />
              </li>
            ))}
          </ol>
        )}
        {nextCursor && (
          <button type="button" className="button button--secondary" disabled={loadingMore} onClick={() => void more()}>
            {t('journal.more')}
          </button>
        )}
      </section>
    </>
  );
}

/** Search words, kind, who wrote, the period and the goal: applied on the server. */
function JournalFilters({
  kinds,
  goals,
  staff,
  onSearch,
}: {
  kinds: EntryContext['kinds'];
  goals: EntryContext['goals'];
  staff: EntryContext['staff'];
  onSearch: (filter: JournalFilter) => void;
}) {
  const { t } = useTranslation();
  const kindName = useKindName(kinds);
  const [values, setValues] = useState({ q: '', kind: '', authorId: '', from: '', to: '', goalId: '' });
  const set = (key: keyof typeof values, value: string) => setValues((v) => ({ ...v, [key]: value }));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSearch(Object.fromEntries(Object.entries(values).filter(([, v]) => v)) as JournalFilter);
  };
  return (
    <search className="journal-filters">
      <form noValidate onSubmit={submit} aria-label={t('journal.filters')}>
        <TextField id="journal-q" label={t('journal.filter.q')} type="search" value={values.q} onChange={(e) => set('q', e.target.value)} />
        <SelectField id="journal-kind" label={t('journal.field.kind')} value={values.kind} onChange={(e) => set('kind', e.target.value)}>
          <option value="">{t('journal.filter.any')}</option>
          {kinds.map((k) => (
            <option key={k.code} value={k.code}>
              {kindName(k.code)}
            </option>
          ))}
        </SelectField>
        <SelectField
          id="journal-author"
          label={t('journal.filter.author')}
          value={values.authorId}
          onChange={(e) => set('authorId', e.target.value)}
        >
          <option value="">{t('journal.filter.anyone')}</option>
          {staff.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}
            </option>
          ))}
        </SelectField>
        <TextField
          id="journal-from"
          label={t('journal.filter.from')}
          type="date"
          value={values.from}
          onChange={(e) => set('from', e.target.value)}
        />
        <TextField
          id="journal-to"
          label={t('journal.filter.to')}
          type="date"
          value={values.to}
          onChange={(e) => set('to', e.target.value)}
        />
        {goals.length > 0 && (
          <SelectField
            id="journal-goal"
            label={t('journal.filter.goal')}
            value={values.goalId}
            onChange={(e) => set('goalId', e.target.value)}
          >
            <option value="">{t('journal.filter.anyGoal')}</option>
            {goals.map((g) => (
              <option key={g.id} value={g.id}>
                {g.description}
              </option>
            ))}
          </SelectField>
        )}
        <button type="submit" className="button button--secondary">
          {t('journal.filter.search')}
        </button>
      </form>
    </search>
  );
}

/** One entry as the journal shows it: when and what kind, who wrote and signed it, its text; a corrected one struck through. */
function EntryView({
  entry: listed,
  all,
  kinds,
  onContinue,
  onCorrected,
}: {
  entry: JournalEntry;
  all: JournalEntry[];
  kinds: EntryContext['kinds'];
  onContinue: () => void;
  onCorrected: (draft: JournalEntry) => void;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const kindName = useKindName(kinds);
  const [correcting, setCorrecting] = useState(false);
  // A sensitive entry comes without its words in the list; opening it reads it (and the read is audited).
  const [opened, setOpened] = useState<JournalEntry | null>(null);
  const [opening, setOpening] = useState(false);
  const entry = opened && opened.version === listed.version ? opened : listed;
  const open = () => {
    setOpening(true);
    journalApi
      .get(listed.id)
      .then(setOpened)
      .catch(() => undefined)
      .finally(() => setOpening(false));
  };
  const corrected = entry.correctedBy !== null;
  const original = entry.corrects ? all.find((e) => e.id === entry.corrects?.id) : undefined;
  const when = entry.occurredTime ? `${formatDate(entry.occurredOn, locale)} ${entry.occurredTime}` : formatDate(entry.occurredOn, locale);
  const headingId = `entry-${entry.id}-heading`;
  return (
    <article
      id={`entry-${entry.id}`}
      className={`journal-entry${corrected ? ' journal-entry--corrected' : ''}`}
      aria-labelledby={headingId}
    >
      <h3 id={headingId} className="journal-entry__heading">
        <span>{when}</span> · <span>{kindName(entry.kind)}</span>
      </h3>
      <p className="journal-entry__tags">
        {entry.status === 'draft' ? (
          <StatusTag kind="draft">{t('journal.status.draft')}</StatusTag>
        ) : corrected ? (
          <StatusTag kind="superseded">{t('journal.status.corrected')}</StatusTag>
        ) : (
          <StatusTag kind="signed">{t('journal.status.signed')}</StatusTag>
        )}
        {entry.signedLate && <StatusTag kind="late">{t('journal.status.late')}</StatusTag>}
        {entry.confidentiality !== 'normal' && (
          <StatusTag kind="confidential">
            {entry.sensitiveCategory
              ? t(`journal.sensitiveCategory.${entry.sensitiveCategory}`)
              : t(`journal.confidentiality.${entry.confidentiality}`)}
          </StatusTag>
        )}
      </p>
      <p className="journal-entry__meta">
        {entry.signedAt
          ? t('journal.signedBy', { name: entry.authorName, time: formatDateTime(entry.signedAt, locale) })
          : t('journal.draftSince', { time: formatDateTime(entry.writtenAt, locale) })}
        {entry.informationFrom && (
          <>
            <br />
            {t('journal.informationFromValue', { from: entry.informationFrom })}
          </>
        )}
      </p>
      {entry.corrects && (
        <p className="journal-entry__correction">
          {t('journal.correctionOf', { reason: entry.corrects.reason })}{' '}
          {original && <a href={`#entry-${original.id}`}>{t('journal.seeOriginal')}</a>}
        </p>
      )}
      {corrected && (
        <p className="journal-entry__correction">
          <a href={`#entry-${entry.correctedBy}`}>{t('journal.seeCorrection')}</a>
        </p>
      )}
      {entry.withheld && (
        <div className="journal-entry__withheld">
          <p>{t('journal.withheld', { category: t(`journal.sensitiveCategory.${entry.sensitiveCategory ?? 'health'}`) })}</p>
          <button type="button" className="button button--secondary" disabled={opening} onClick={open}>
            {t('journal.openWithheld')}
          </button>
        </div>
      )}
      <div className="journal-entry__text">
        {corrected ? (
          <del>
            <RichTextView blocks={entry.text.content} />
          </del>
        ) : (
          <RichTextView blocks={entry.text.content} />
        )}
      </div>
      <EntryFileList files={entry.attachments} />
      <div className="journal-entry__actions">
        {entry.may.change && (
          <button type="button" className="button button--secondary" onClick={onContinue}>
            {t('journal.continue')}
          </button>
        )}
        {entry.status === 'signed' && !corrected && entry.may.correct && (
          <Link className="button button--secondary" to={`/cases/${entry.caseId}/crisis?fromEntry=${entry.id}`}>
            {t('journal.openCrisis')}
          </Link>
        )}
        {entry.may.correct && !correcting && (
          <button type="button" className="button button--secondary" onClick={() => setCorrecting(true)}>
            {t('journal.correct')}
          </button>
        )}
      </div>
      {correcting && (
        <CorrectionForm
          entry={entry}
          onCancel={() => setCorrecting(false)}
          onStarted={(draft) => {
            setCorrecting(false);
            onCorrected(draft);
          }}
        />
      )}
    </article>
  );
}

/** Why the entry is corrected: the reason starts a correction, a draft copy of the entry. */
function CorrectionForm({
  entry,
  onCancel,
  onStarted,
}: {
  entry: JournalEntry;
  onCancel: () => void;
  onStarted: (draft: JournalEntry) => void;
}) {
  const { t } = useTranslation();
  const form = useForm(`correct-${entry.id}`);
  const [reason, setReason] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void form.submit(async () => onStarted(await journalApi.correct(entry.id, { reason })));
  };
  return (
    <form noValidate onSubmit={submit} className="form journal-entry__correct-form">
      <TextAreaField
        {...form.field('reason')}
        label={t('journal.correctionReason')}
        hint={t('journal.correctionReasonHint')}
        value={reason}
        autoFocus
        onChange={(e) => setReason(e.target.value)}
      />
      {form.message && (
        <p role="alert" className="field__error">
          {form.message}
        </p>
      )}
      <SubmitButton submitting={form.submitting}>{t('journal.startCorrection')}</SubmitButton>
      <button type="button" className="button button--secondary" onClick={onCancel}>
        {t('journal.cancel')}
      </button>
    </form>
  );
}
