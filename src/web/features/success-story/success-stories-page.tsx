import { ShieldCheck, SquarePen, WandSparkles } from 'lucide-react';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import type { RichText } from '../../../areas/journal/rich-text.rules.ts';
import {
  consentGivenBy,
  consentMethod,
  dateHandling,
  type StoryUse,
  storyUse,
} from '../../../areas/success-story/success-story.contract.ts';
import { type LocaleCode, supportedLocales } from '../../../core/common.contract.ts';
import { formatDate, formatDateTime, formatList, todayIsoDate } from '../../format.ts';
import { useSignedInSession } from '../../session/session-context.tsx';
import { SubmitButton } from '../../ui/buttons.tsx';
import { EmptyState } from '../../ui/empty-state.tsx';
import { ErrorSummary } from '../../ui/error-summary.tsx';
import { CheckboxField, SelectField, TextAreaField, TextField } from '../../ui/fields.tsx';
import { Icon } from '../../ui/icon.tsx';
import { useLocale } from '../../ui/locale.ts';
import { SavedMessage } from '../../ui/saved-message.tsx';
import { Skeleton } from '../../ui/skeleton.tsx';
import { StatusTag } from '../../ui/status-tag.tsx';
import { type FormState, useForm } from '../../ui/use-form.ts';
import { CaseFrame } from '../cases/case-frame.tsx';
import { RichTextEditor } from '../journal/rich-text-editor.tsx';
import { RichTextView } from '../journal/rich-text-view.tsx';
import { LoadError } from '../work/load-status.tsx';
import { useLoad } from '../work/use-load.ts';
import { type SuccessStory, successStoryApi } from './success-story-api.ts';
import '../journal/journal.css';
import './success-stories.css';

const emptyText: RichText = { type: 'doc', content: [] };

/** /cases/:id/success-stories – the case's success stories, the person's consent to each use, the anonymised copy and its review. */
export function SuccessStoriesPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  return (
    <CaseFrame caseId={id} title={(caseNumber) => t('successStory.title', { caseNumber })}>
      {(record) => <SuccessStories caseId={record.id} />}
    </CaseFrame>
  );
}

function SuccessStories({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const { permissions } = useSignedInSession();
  const list = useLoad(() => successStoryApi.list(caseId), `success-stories:${caseId}`);
  const [writing, setWriting] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const items = list.data?.items ?? null;
  const replace = (changed: SuccessStory) =>
    list.data && list.set({ items: list.data.items.map((s) => (s.id === changed.id ? changed : s)) });
  return (
    <>
      <p className="success-stories__intro">{t('successStory.intro')}</p>
      <div className="success-stories__actions">
        {permissions.includes('success_story.write') && !writing && (
          <button type="button" className="button button--primary" onClick={() => setWriting(true)}>
            <Icon icon={SquarePen} />
            {t('successStory.write')}
          </button>
        )}
        <SavedMessage text={message} focus />
      </div>
      {writing && (
        <StoryForm
          heading={t('successStory.write')}
          onCancel={() => setWriting(false)}
          onSave={async (values) => {
            const created = await successStoryApi.create(caseId, values);
            list.set({ items: [...(list.data?.items ?? []), created] });
            setWriting(false);
            setMessage(t('successStory.created'));
          }}
        />
      )}
      <LoadError loaded={list} />
      {items === null ? (
        <Skeleton lines={6} />
      ) : items.length === 0 ? (
        !writing && <EmptyState title={t('successStory.none')} hint={t('successStory.noneHint')} />
      ) : (
        items.map((story) => <StoryCard key={story.id} story={story} onChange={replace} />)
      )}
    </>
  );
}

interface StoryValues {
  title: string;
  text: RichText;
  language?: LocaleCode;
}

/** The story's title and text (and, when it is begun, the language it is written in). */
function StoryForm({
  heading,
  story,
  onSave,
  onCancel,
}: {
  heading: string;
  story?: SuccessStory;
  onSave: (values: StoryValues) => Promise<void>;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const form = useForm(story ? `story-${story.id}` : 'story-new');
  const [values, setValues] = useState<StoryValues>(
    story ? { title: story.title, text: story.text } : { title: '', text: emptyText, language: locale },
  );
  const labels = { title: t('successStory.field.title'), text: t('successStory.field.text'), language: t('successStory.field.language') };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void form.submit(() => onSave(values));
  };
  return (
    <form noValidate onSubmit={submit} className="form form--wide success-story__form" aria-label={heading}>
      <ErrorSummary form={form} labels={labels} />
      <TextField
        {...form.field('title')}
        label={labels.title}
        value={values.title}
        maxLength={200}
        onChange={(e) => setValues((v) => ({ ...v, title: e.target.value }))}
      />
      {!story && (
        <SelectField
          {...form.field('language')}
          label={labels.language}
          value={values.language}
          onChange={(e) => setValues((v) => ({ ...v, language: e.target.value as LocaleCode }))}
        >
          {supportedLocales.map((code) => (
            <option key={code} value={code} lang={code}>
              {t(`languageName.${code}`)}
            </option>
          ))}
        </SelectField>
      )}
      <RichTextEditor
        {...form.field('text')}
        label={labels.text}
        hint={t('successStory.field.textHint')}
        lang={story?.language ?? values.language}
        value={values.text}
        onChange={(text) => setValues((v) => ({ ...v, text }))}
      />
      <FormMessage form={form} />
      <div className="success-story__bar">
        <SubmitButton submitting={form.submitting}>{t('successStory.save')}</SubmitButton>
        <button type="button" className="button button--secondary" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}

function FormMessage({ form }: { form: FormState }) {
  if (!form.message) return null;
  return (
    <p role="alert" className="field__error">
      {form.message}
    </p>
  );
}

function StoryCard({ story, onChange }: { story: SuccessStory; onChange: (story: SuccessStory) => void }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const [editing, setEditing] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const headingId = `story-${story.id}-heading`;
  return (
    <article className="success-story" aria-labelledby={headingId}>
      <h2 id={headingId} lang={story.language}>
        {story.title}
      </h2>
      <p className="success-story__meta">
        {t('successStory.writtenBy', { name: story.authorName, date: formatDateTime(story.createdAt, locale) })}
      </p>
      {editing ? (
        <StoryForm
          heading={t('successStory.change')}
          story={story}
          onCancel={() => setEditing(false)}
          onSave={async (values) => {
            onChange(await successStoryApi.update(story.id, { title: values.title, text: values.text, version: story.version }));
            setEditing(false);
            setMessage(t('successStory.saved'));
          }}
        />
      ) : (
        <>
          <div className="success-story__text" lang={story.language}>
            <RichTextView blocks={story.text.content} />
          </div>
          <div className="success-story__bar">
            {story.may.change && (
              <button type="button" className="button button--secondary" onClick={() => setEditing(true)}>
                {t('successStory.change')}
              </button>
            )}
            <SavedMessage text={message} focus />
          </div>
        </>
      )}
      <ConsentPanel story={story} onChange={onChange} />
      <CopyPanel story={story} onChange={onChange} />
      <UsesPanel story={story} onChange={onChange} />
    </article>
  );
}

// ---- consent ------------------------------------------------------------------------------------

function ConsentPanel({ story, onChange }: { story: SuccessStory; onChange: (story: SuccessStory) => void }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const [recording, setRecording] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const headingId = `story-${story.id}-consent`;
  return (
    <section className="success-story__panel" aria-labelledby={headingId}>
      <h3 id={headingId}>{t('successStory.consent.heading')}</h3>
      <p className="field__hint">{t('successStory.consent.hint')}</p>
      <ul className="success-story__uses">
        {story.consents.map((consent) => {
          const last = consent.events.at(-1);
          return (
            <li key={consent.use}>
              <span className="success-story__use">{t(`successStory.use.${consent.use}`)}</span>{' '}
              {consent.inForce ? (
                <StatusTag kind="signed">{t('successStory.consent.inForce')}</StatusTag>
              ) : last ? (
                <StatusTag kind="ended">{t('successStory.consent.withdrawn')}</StatusTag>
              ) : (
                <StatusTag kind="todo">{t('successStory.consent.none')}</StatusTag>
              )}
              {consent.events.length > 0 && (
                <ol className="success-story__events">
                  {consent.events.map((event) => (
                    <li key={event.recordedAt}>
                      {t(`successStory.consent.event.${event.kind}`, {
                        date: formatDate(event.on, locale),
                        how: t(`successStory.consent.method.${event.method}`),
                        by: t(`successStory.consent.givenBy.${event.givenBy}`),
                        name: event.recordedByName,
                      })}
                      {event.note && <span className="success-story__note"> – {event.note}</span>}
                    </li>
                  ))}
                </ol>
              )}
            </li>
          );
        })}
      </ul>
      <div className="success-story__bar">
        {story.may.recordConsent && !recording && (
          <button type="button" className="button button--secondary" onClick={() => setRecording(true)}>
            {t('successStory.consent.record')}
          </button>
        )}
        <SavedMessage text={message} focus />
      </div>
      {recording && (
        <ConsentForm
          story={story}
          onCancel={() => setRecording(false)}
          onRecorded={(changed) => {
            setRecording(false);
            setMessage(t('successStory.consent.saved'));
            onChange(changed);
          }}
        />
      )}
    </section>
  );
}

function ConsentForm({
  story,
  onCancel,
  onRecorded,
}: {
  story: SuccessStory;
  onCancel: () => void;
  onRecorded: (story: SuccessStory) => void;
}) {
  const { t } = useTranslation();
  const form = useForm(`consent-${story.id}`);
  const [values, setValues] = useState({
    use: 'internal_learning' as StoryUse,
    on: todayIsoDate(),
    method: 'signed_form' as (typeof consentMethod.options)[number],
    givenBy: 'person' as (typeof consentGivenBy.options)[number],
    note: '',
  });
  const inForce = story.consents.find((c) => c.use === values.use)?.inForce ?? false;
  const kind = inForce ? 'withdrawn' : 'given';
  const labels = {
    use: t('successStory.consent.field.use'),
    kind: t('successStory.consent.field.kind'),
    on: t('successStory.consent.field.on'),
    method: t('successStory.consent.field.method'),
    givenBy: t('successStory.consent.field.givenBy'),
    note: t('successStory.consent.field.note'),
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void form.submit(async () => onRecorded(await successStoryApi.recordConsent(story.id, { ...values, kind })));
  };
  return (
    <form noValidate onSubmit={submit} className="form success-story__form" aria-label={t('successStory.consent.record')}>
      <ErrorSummary form={form} labels={labels} />
      <SelectField
        {...form.field('use')}
        label={labels.use}
        value={values.use}
        onChange={(e) => setValues((v) => ({ ...v, use: e.target.value as StoryUse }))}
      >
        {storyUse.options.map((use) => (
          <option key={use} value={use}>
            {t(`successStory.use.${use}`)}
          </option>
        ))}
      </SelectField>
      <p className="success-story__kind" id={form.id('kind')}>
        {t(`successStory.consent.kind.${kind}`)}
      </p>
      <TextField
        {...form.field('on')}
        label={labels.on}
        type="date"
        max={todayIsoDate()}
        value={values.on}
        onChange={(e) => setValues((v) => ({ ...v, on: e.target.value }))}
      />
      <SelectField
        {...form.field('method')}
        label={labels.method}
        value={values.method}
        onChange={(e) => setValues((v) => ({ ...v, method: e.target.value as typeof values.method }))}
      >
        {consentMethod.options.map((method) => (
          <option key={method} value={method}>
            {t(`successStory.consent.method.${method}`)}
          </option>
        ))}
      </SelectField>
      <SelectField
        {...form.field('givenBy')}
        label={labels.givenBy}
        value={values.givenBy}
        onChange={(e) => setValues((v) => ({ ...v, givenBy: e.target.value as typeof values.givenBy }))}
      >
        {consentGivenBy.options.map((by) => (
          <option key={by} value={by}>
            {t(`successStory.consent.givenBy.${by}`)}
          </option>
        ))}
      </SelectField>
      <TextAreaField
        {...form.field('note')}
        label={labels.note}
        value={values.note}
        onChange={(e) => setValues((v) => ({ ...v, note: e.target.value }))}
      />
      <FormMessage form={form} />
      <div className="success-story__bar">
        <SubmitButton submitting={form.submitting}>{t(`successStory.consent.save.${kind}`)}</SubmitButton>
        <button type="button" className="button button--secondary" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}

// ---- the anonymised copy ------------------------------------------------------------------------

function CopyPanel({ story, onChange }: { story: SuccessStory; onChange: (story: SuccessStory) => void }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const form = useForm(`copy-${story.id}`);
  const copy = story.anonymised;
  const [dates, setDates] = useState<(typeof dateHandling.options)[number]>(copy?.dates ?? 'month_year');
  const [keep, setKeep] = useState<string[]>(copy?.proposals.filter((p) => !p.applied).map((p) => p.id) ?? []);
  const [editing, setEditing] = useState(false);
  const [accept, setAccept] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const headingId = `story-${story.id}-copy`;

  const make = () =>
    void form.submit(async () => {
      const made = await successStoryApi.anonymise(story.id, { version: story.version, dates, keep });
      setKeep(made.anonymised?.proposals.filter((p) => !p.applied).map((p) => p.id) ?? []);
      setAccept(false);
      setMessage(t('successStory.copy.made'));
      onChange(made);
    });
  const approve = () =>
    void form.submit(async () => {
      onChange(await successStoryApi.approve(story.id, { version: story.version, acceptRemaining: accept }));
      setMessage(t('successStory.copy.approvedMessage'));
    });

  return (
    <section className="success-story__panel" aria-labelledby={headingId}>
      <h3 id={headingId}>{t('successStory.copy.heading')}</h3>
      <p className="field__hint">{t('successStory.copy.hint')}</p>
      <ErrorSummary form={form} labels={{ text: t('successStory.field.text'), acceptRemaining: t('successStory.copy.acceptRemaining') }} />
      {copy && (
        <>
          <p className="success-story__tags">
            {copy.outdated ? (
              <>
                <StatusTag kind="problem">{t('successStory.copy.outdatedTag')}</StatusTag> <span>{t('successStory.copy.outdated')}</span>
              </>
            ) : copy.approval ? (
              <>
                <StatusTag kind="signed">{t('successStory.copy.approvedTag')}</StatusTag>{' '}
                <span>
                  {t('successStory.copy.approved', {
                    name: copy.approval.approvedByName,
                    date: formatDateTime(copy.approval.approvedAt, locale),
                  })}
                </span>
              </>
            ) : (
              <StatusTag kind="awaiting">{t('successStory.copy.awaiting')}</StatusTag>
            )}
          </p>
          <p className="success-story__meta">
            {t('successStory.copy.madeBy', { name: copy.madeByName, date: formatDateTime(copy.madeAt, locale) })}
            {copy.editedByName && <> {t('successStory.copy.editedBy', { name: copy.editedByName })}</>}
          </p>
          <h4>{t('successStory.copy.proposals')}</h4>
          {copy.proposals.length === 0 ? (
            <p>{t('successStory.copy.noProposals')}</p>
          ) : (
            <ul className="success-story__proposals">
              {copy.proposals.map((p) => (
                <li key={p.id}>
                  <span className="success-story__proposal">
                    <span lang={story.language}>{p.original}</span> → <span lang={story.language}>{p.replacement}</span>{' '}
                    <span className="success-story__note">
                      ({t(`successStory.copy.kind.${p.kind}`)}, ×{p.count})
                    </span>
                  </span>
                  {story.may.anonymise && (
                    <CheckboxField
                      id={`${form.id('keep')}-${p.id}`}
                      label={t('successStory.copy.keep', { original: p.original })}
                      checked={keep.includes(p.id)}
                      onChange={(e) => setKeep((k) => (e.target.checked ? [...k, p.id] : k.filter((id) => id !== p.id)))}
                    />
                  )}
                </li>
              ))}
            </ul>
          )}
          {copy.remaining.length > 0 && (
            <div className="notice notice--error" role="note">
              <p>{t('successStory.copy.remaining')}</p>
              <ul>
                {copy.remaining.map((p) => (
                  <li key={p.id} lang={story.language}>
                    {p.original}
                  </li>
                ))}
              </ul>
            </div>
          )}
          <h4>{t('successStory.copy.copyHeading')}</h4>
          {editing ? (
            <CopyEditor
              story={story}
              onCancel={() => setEditing(false)}
              onSaved={(changed) => {
                setEditing(false);
                setAccept(false);
                setMessage(t('successStory.copy.edited'));
                onChange(changed);
              }}
            />
          ) : (
            <div className="success-story__copy" lang={story.language}>
              <p className="success-story__copy-title">{copy.title}</p>
              <RichTextView blocks={copy.text.content} />
            </div>
          )}
        </>
      )}
      {story.may.anonymise && (
        <fieldset className="field fieldset">
          <legend className="field__label">{t('successStory.copy.dates')}</legend>
          {dateHandling.options.map((option) => (
            <div className="checkbox" key={option}>
              <input
                id={`${form.id('dates')}-${option}`}
                type="radio"
                name={form.id('dates')}
                value={option}
                checked={dates === option}
                onChange={() => setDates(option)}
              />
              <label htmlFor={`${form.id('dates')}-${option}`}>{t(`successStory.copy.datesOption.${option}`)}</label>
            </div>
          ))}
        </fieldset>
      )}
      {copy && story.may.review && !editing && copy.remaining.length > 0 && !copy.approval && (
        <CheckboxField
          id={form.id('acceptRemaining')}
          label={t('successStory.copy.acceptRemaining')}
          checked={accept}
          onChange={(e) => setAccept(e.target.checked)}
        />
      )}
      <FormMessage form={form} />
      <div className="success-story__bar">
        {story.may.anonymise && (
          <button type="button" className="button button--secondary" disabled={form.submitting} onClick={make}>
            <Icon icon={WandSparkles} />
            {copy ? t('successStory.copy.remake') : t('successStory.copy.make')}
          </button>
        )}
        {copy && story.may.review && !editing && (
          <>
            <button type="button" className="button button--secondary" onClick={() => setEditing(true)}>
              {t('successStory.copy.edit')}
            </button>
            {!copy.approval && (
              <button type="button" className="button button--primary" disabled={form.submitting} onClick={approve}>
                <Icon icon={ShieldCheck} />
                {t('successStory.copy.approve')}
              </button>
            )}
          </>
        )}
        <SavedMessage text={message} focus />
      </div>
      {copy && !story.may.review && !copy.approval && <p className="field__hint">{t('successStory.copy.reviewBy')}</p>}
    </section>
  );
}

/** The reviewer's edit of the copy: its title and text. */
function CopyEditor({ story, onCancel, onSaved }: { story: SuccessStory; onCancel: () => void; onSaved: (story: SuccessStory) => void }) {
  const { t } = useTranslation();
  const form = useForm(`copy-edit-${story.id}`);
  const [title, setTitle] = useState(story.anonymised?.title ?? '');
  const [text, setText] = useState<RichText>(story.anonymised?.text ?? emptyText);
  const labels = { title: t('successStory.field.title'), text: t('successStory.copy.copyHeading') };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void form.submit(async () => onSaved(await successStoryApi.editCopy(story.id, { title, text, version: story.version })));
  };
  return (
    <form noValidate onSubmit={submit} className="form form--wide success-story__form" aria-label={t('successStory.copy.edit')}>
      <ErrorSummary form={form} labels={labels} />
      <TextField {...form.field('title')} label={labels.title} value={title} maxLength={200} onChange={(e) => setTitle(e.target.value)} />
      <RichTextEditor {...form.field('text')} label={labels.text} lang={story.language} value={text} onChange={setText} />
      <FormMessage form={form} />
      <div className="success-story__bar">
        <SubmitButton submitting={form.submitting}>{t('successStory.copy.saveEdit')}</SubmitButton>
        <button type="button" className="button button--secondary" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}

// ---- uses ---------------------------------------------------------------------------------------

function UsesPanel({ story, onChange }: { story: SuccessStory; onChange: (story: SuccessStory) => void }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const form = useForm(`use-${story.id}`);
  const allowed = story.uses.filter((u) => u.allowed).map((u) => u.use);
  const [use, setUse] = useState<StoryUse | ''>('');
  const [purpose, setPurpose] = useState('');
  const [message, setMessage] = useState<string | null>(null);
  const chosen = use && allowed.includes(use) ? use : (allowed[0] ?? '');
  const headingId = `story-${story.id}-uses`;
  const labels = { use: t('successStory.uses.field.use'), purpose: t('successStory.uses.field.purpose') };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!chosen) return;
    void form.submit(async () => {
      await successStoryApi.recordUse(story.id, { use: chosen, purpose });
      setPurpose('');
      setMessage(t('successStory.uses.saved'));
      onChange(await successStoryApi.get(story.id));
    });
  };
  return (
    <section className="success-story__panel" aria-labelledby={headingId}>
      <h3 id={headingId}>{t('successStory.uses.heading')}</h3>
      <ul className="success-story__uses">
        {story.uses.map((u) => (
          <li key={u.use}>
            <span className="success-story__use">{t(`successStory.use.${u.use}`)}</span>{' '}
            {u.allowed ? (
              <StatusTag kind="done">{t('successStory.uses.allowed')}</StatusTag>
            ) : (
              <>
                <StatusTag kind="missing">{t('successStory.uses.notAllowed')}</StatusTag>{' '}
                <span>
                  {t('successStory.uses.missingList', {
                    why: formatList(
                      u.missing.map((m) => t(`successStory.uses.missing.${m}`)),
                      locale,
                    ),
                  })}
                </span>
              </>
            )}
          </li>
        ))}
      </ul>
      {story.usesRecorded.length > 0 && (
        <>
          <h4>{t('successStory.uses.recordedHeading')}</h4>
          <ol className="success-story__events">
            {story.usesRecorded.map((u) => (
              <li key={u.recordedAt}>
                {t('successStory.uses.recorded', {
                  use: t(`successStory.use.${u.use}`),
                  purpose: u.purpose,
                  date: formatDateTime(u.recordedAt, locale),
                  name: u.recordedByName,
                })}
              </li>
            ))}
          </ol>
        </>
      )}
      {story.may.recordUse && chosen && (
        <form noValidate onSubmit={submit} className="form success-story__form" aria-label={t('successStory.uses.record')}>
          <ErrorSummary form={form} labels={labels} />
          <SelectField {...form.field('use')} label={labels.use} value={chosen} onChange={(e) => setUse(e.target.value as StoryUse)}>
            {allowed.map((u) => (
              <option key={u} value={u}>
                {t(`successStory.use.${u}`)}
              </option>
            ))}
          </SelectField>
          <TextField
            {...form.field('purpose')}
            label={labels.purpose}
            hint={t('successStory.uses.field.purposeHint')}
            value={purpose}
            maxLength={500}
            onChange={(e) => setPurpose(e.target.value)}
          />
          <FormMessage form={form} />
          <div className="success-story__bar">
            <SubmitButton submitting={form.submitting}>{t('successStory.uses.save')}</SubmitButton>
            <SavedMessage text={message} focus />
          </div>
        </form>
      )}
      {!story.may.recordUse && message && <SavedMessage text={message} focus />}
    </section>
  );
}
