import { BookMarked, Printer } from 'lucide-react';
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { RichText } from '../../../areas/journal/rich-text.rules.ts';
import { confirmationMethod, type LifeStorySection, lifeStorySection } from '../../../areas/life-story/life-story.contract.ts';
import { supportedLocales } from '../../../core/common.contract.ts';
import { formatDate, formatDateTime, todayIsoDate } from '../../format.ts';
import { AutosaveStatus } from '../../ui/autosave-status.tsx';
import { SubmitButton } from '../../ui/buttons.tsx';
import { EmptyState } from '../../ui/empty-state.tsx';
import { ErrorSummary } from '../../ui/error-summary.tsx';
import { SelectField, TextAreaField, TextField } from '../../ui/fields.tsx';
import { Icon } from '../../ui/icon.tsx';
import { useLocale } from '../../ui/locale.ts';
import { Page } from '../../ui/page.tsx';
import { SavedMessage } from '../../ui/saved-message.tsx';
import { Skeleton } from '../../ui/skeleton.tsx';
import { StatusTag } from '../../ui/status-tag.tsx';
import { useForm } from '../../ui/use-form.ts';
import { describeError } from '../../ui/validation.ts';
import { CaseFrame } from '../cases/case-frame.tsx';
import { RichTextEditor } from '../journal/rich-text-editor.tsx';
import { RichTextView } from '../journal/rich-text-view.tsx';
import { personApi } from '../people/people-api.ts';
import { LoadStatus } from '../work/load-status.tsx';
import { useLoad } from '../work/use-load.ts';
import { type LifeStory, type LifeStoryVersion, type LifeStoryVersionSummary, lifeStoryApi } from './life-story-api.ts';
import { useLifeStoryAutosave } from './use-life-story-autosave.ts';
import '../journal/journal.css';
import './life-story.css';

/** /people/:id/life-story – the person's life story, from their page. */
export function PersonLifeStoryPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const person = useLoad(() => personApi.get(id), `person:${id}`);
  const name = person.data ? `${person.data.givenName} ${person.data.familyName}` : null;
  return (
    <Page title={name ? t('lifeStory.titleOf', { name }) : t('lifeStory.title')}>
      {name && (
        <p>
          <Link to={`/people/${encodeURIComponent(id)}`} className="standalone-link">
            {t('lifeStory.backToPerson', { name })}
          </Link>
        </p>
      )}
      <LifeStoryPanel key={id} personId={id} />
    </Page>
  );
}

/** /cases/:id/life-story – the life story of the case's person, as a part of the case. */
export function CaseLifeStoryPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  return (
    <CaseFrame caseId={id} title={(caseNumber) => t('lifeStory.caseTitle', { caseNumber })}>
      {(_record, _reload, parts) => <LifeStoryPanel key={parts.overview.person.id} personId={parts.overview.person.id} />}
    </CaseFrame>
  );
}

function LifeStoryPanel({ personId }: { personId: string }) {
  const { t } = useTranslation();
  const loaded = useLoad(() => lifeStoryApi.get(personId), `life-story:${personId}`);
  if (loaded.error && (loaded.error.status === 404 || loaded.error.status === 403))
    return (
      <p role="alert" className="notice notice--error">
        {t('lifeStory.notAvailable')}
      </p>
    );
  return (
    <>
      <p className="life-story__intro">{t('lifeStory.intro')}</p>
      <LoadStatus loaded={loaded} lines={8} />
      {loaded.data && <LifeStoryWriter personId={personId} initial={loaded.data} />}
    </>
  );
}

/** The questions in the story's language, when it is one the interface speaks and not the one shown: to read with the person. */
function useStoryLanguageT(language: string) {
  const { i18n } = useTranslation();
  const supported = (supportedLocales as readonly string[]).includes(language);
  const [loaded, setLoaded] = useState<string | null>(null);
  useEffect(() => {
    if (!supported) return;
    let current = true;
    void i18n.loadLanguages(language).then(() => current && setLoaded(language));
    return () => {
      current = false;
    };
  }, [i18n, language, supported]);
  if (!supported || language === i18n.language || loaded !== language) return null;
  return i18n.getFixedT(language);
}

/**
 * Writing the story with the person: the language it is written in, the eight sections (each with
 * its question, and the question again in the person's language), autosaved as a shared draft;
 * keeping a version; the versions kept, each to read, print and have confirmed by the person.
 */
function LifeStoryWriter({ personId, initial }: { personId: string; initial: LifeStory }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const form = useForm('life-story');
  const [values, setValues] = useState({ language: initial.language, sections: initial.sections });
  const autosave = useLifeStoryAutosave(personId, initial, values);
  const { story } = autosave;
  const storyT = useStoryLanguageT(values.language);
  const [note, setNote] = useState('');
  const [message, setMessage] = useState<string | null>(null);
  const mayWrite = story.may.write;
  const nextNumber = (story.versions[0]?.number ?? 0) + 1;
  const hasWords = lifeStorySection.options.some((s) => values.sections[s].content.length > 0);
  const languages = (supportedLocales as readonly string[]).includes(values.language)
    ? supportedLocales
    : [values.language, ...supportedLocales];

  const keep = (event: FormEvent) => {
    event.preventDefault();
    setMessage(null);
    void form.submit(async () => {
      const saved = await autosave.saveNow();
      const kept = await lifeStoryApi.keepVersion(personId, { version: saved.version, note });
      autosave.replace(kept);
      setNote('');
      setMessage(t('lifeStory.kept', { number: kept.versions[0]?.number }));
    });
  };

  return (
    <>
      <div className="life-story__actions">
        <a className="button button--secondary" href={lifeStoryApi.printUrl(personId)} target="_blank" rel="noopener">
          <Icon icon={Printer} />
          {t('lifeStory.print')}
          <span className="visually-hidden"> {t('common.opensInNewTab')}</span>
        </a>
      </div>
      <section aria-labelledby="life-story-heading" className="life-story">
        <h2 id="life-story-heading">{t('lifeStory.story')}</h2>
        {story.draftChangedAt && story.draftChangedByName && (
          <p className="life-story__meta">
            {t('lifeStory.draftBy', { time: formatDateTime(story.draftChangedAt, locale), name: story.draftChangedByName })}
          </p>
        )}
        {mayWrite ? (
          <SelectField
            id="life-story-language"
            label={t('lifeStory.language')}
            hint={t('lifeStory.languageHint')}
            value={values.language}
            onChange={(e) => setValues((v) => ({ ...v, language: e.target.value }))}
          >
            {languages.map((code) => (
              <option key={code} value={code} lang={code}>
                {(supportedLocales as readonly string[]).includes(code) ? t(`languageName.${code}`) : code}
              </option>
            ))}
          </SelectField>
        ) : null}
        {lifeStorySection.options.map((section) =>
          mayWrite ? (
            <div className="life-story__section" key={section}>
              <RichTextEditor
                id={`life-story-${section}`}
                label={t(`lifeStory.section.${section}`)}
                hint={t(`lifeStory.prompt.${section}`)}
                hintInOtherLanguage={storyT ? { text: storyT(`lifeStory.prompt.${section}`), lang: values.language } : undefined}
                lang={values.language}
                value={values.sections[section]}
                onChange={(text) => setValues((v) => ({ ...v, sections: { ...v.sections, [section]: text } }))}
              />
            </div>
          ) : (
            <SectionText key={section} section={section} text={values.sections[section]} language={values.language} level={3} />
          ),
        )}
        {mayWrite && <AutosaveStatus autosave={autosave} />}
        {autosave.error && (
          <p role="alert" className="notice notice--error">
            {autosave.error.status === 409 ? t('lifeStory.conflict') : describeError(autosave.error, t)}
          </p>
        )}
      </section>
      {mayWrite && (
        <form noValidate onSubmit={keep} className="form life-story__keep" aria-labelledby="life-story-keep-heading">
          <h2 id="life-story-keep-heading">{t('lifeStory.keepHeading')}</h2>
          <p className="field__hint">{t('lifeStory.keepHint')}</p>
          <ErrorSummary form={form} labels={{ sections: t('lifeStory.story'), note: t('lifeStory.note') }} />
          <TextField
            {...form.field('note')}
            label={t('lifeStory.note')}
            value={note}
            maxLength={500}
            onChange={(e) => setNote(e.target.value)}
          />
          {form.message && (
            <p role="alert" className="field__error">
              {form.message}
            </p>
          )}
          <div className="life-story__bar">
            <SubmitButton submitting={form.submitting} disabled={!hasWords || form.submitting}>
              <Icon icon={BookMarked} />
              {t('lifeStory.keep', { number: nextNumber })}
            </SubmitButton>
            <SavedMessage text={message} />
          </div>
        </form>
      )}
      <Versions personId={personId} versions={story.versions} onConfirmed={(v) => autosave.replace(withConfirmation(story, v))} />
    </>
  );
}

/** The story with one version's confirmation as the server answered it. */
function withConfirmation(story: LifeStory, version: LifeStoryVersion): LifeStory {
  return {
    ...story,
    versions: story.versions.map((v) => (v.id === version.id ? { ...v, confirmation: version.confirmation, may: version.may } : v)),
  };
}

function SectionText({ section, text, language, level }: { section: LifeStorySection; text: RichText; language: string; level: 3 | 4 }) {
  const { t } = useTranslation();
  if (text.content.length === 0) return null;
  const Heading = level === 3 ? 'h3' : 'h4';
  return (
    <div className="life-story__text">
      <Heading>{t(`lifeStory.section.${section}`)}</Heading>
      <div lang={language}>
        <RichTextView blocks={text.content} />
      </div>
    </div>
  );
}

function Versions({
  personId,
  versions,
  onConfirmed,
}: {
  personId: string;
  versions: LifeStoryVersionSummary[];
  onConfirmed: (version: LifeStoryVersion) => void;
}) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="life-story-versions-heading" className="life-story__versions">
      <h2 id="life-story-versions-heading">{t('lifeStory.versions')}</h2>
      {versions.length === 0 ? (
        <EmptyState title={t('lifeStory.noVersions')} hint={t('lifeStory.noVersionsHint')} />
      ) : (
        <ol className="life-story__version-list">
          {versions.map((version) => (
            <li key={version.id}>
              <VersionItem personId={personId} version={version} onConfirmed={onConfirmed} />
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

function VersionItem({
  personId,
  version,
  onConfirmed,
}: {
  personId: string;
  version: LifeStoryVersionSummary;
  onConfirmed: (version: LifeStoryVersion) => void;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const [open, setOpen] = useState(false);
  const [full, setFull] = useState<LifeStoryVersion | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const headingId = `life-story-version-${version.number}`;
  useEffect(() => {
    if (!open || full) return;
    let current = true;
    void lifeStoryApi.version(version.id).then((found) => current && setFull(found));
    return () => {
      current = false;
    };
  }, [open, full, version.id]);
  const { confirmation } = version;
  return (
    <article className="life-story__version" aria-labelledby={headingId}>
      <h3 id={headingId}>{t('lifeStory.version', { number: version.number })}</h3>
      <p className="life-story__meta">
        {t('lifeStory.keptBy', { date: formatDateTime(version.savedAt, locale), name: version.savedByName })}
        {version.note && (
          <>
            <br />
            {version.note}
          </>
        )}
      </p>
      {confirmation ? (
        <p>
          <StatusTag kind="signed">{t('lifeStory.confirmedTag')}</StatusTag>{' '}
          <span>
            {t('lifeStory.confirmed', {
              date: formatDate(confirmation.confirmedOn, locale),
              how: t(`lifeStory.method.${confirmation.method}`),
            })}
            {confirmation.interpreterName ? ` (${confirmation.interpreterName})` : ''}
          </span>
        </p>
      ) : (
        <p>
          <StatusTag kind="awaiting">{t('lifeStory.notConfirmed')}</StatusTag>
        </p>
      )}
      <div className="life-story__bar">
        <button type="button" className="button button--secondary" aria-expanded={open} onClick={() => setOpen((o) => !o)}>
          {open ? t('lifeStory.hide', { number: version.number }) : t('lifeStory.read', { number: version.number })}
        </button>
        <a className="button button--secondary" href={lifeStoryApi.printUrl(personId, version.id)} target="_blank" rel="noopener">
          <Icon icon={Printer} />
          {t('lifeStory.printVersion', { number: version.number })}
          <span className="visually-hidden"> {t('common.opensInNewTab')}</span>
        </a>
        {version.may.confirm && !confirming && (
          <button type="button" className="button button--secondary" onClick={() => setConfirming(true)}>
            {t('lifeStory.confirm')}
          </button>
        )}
        <SavedMessage text={message} focus />
      </div>
      {open &&
        (full ? (
          <div className="life-story__read">
            {lifeStorySection.options.map((section) => (
              <SectionText key={section} section={section} text={full.sections[section]} language={full.language} level={4} />
            ))}
          </div>
        ) : (
          <Skeleton lines={4} />
        ))}
      {confirming && (
        <ConfirmForm
          version={version}
          onCancel={() => setConfirming(false)}
          onConfirmed={(confirmed) => {
            setConfirming(false);
            setMessage(t('lifeStory.confirmationSaved'));
            onConfirmed(confirmed);
          }}
        />
      )}
    </article>
  );
}

/** The person's word that this version is their story as they want it told: the day, how, through whom. */
function ConfirmForm({
  version,
  onCancel,
  onConfirmed,
}: {
  version: LifeStoryVersionSummary;
  onCancel: () => void;
  onConfirmed: (version: LifeStoryVersion) => void;
}) {
  const { t } = useTranslation();
  const form = useForm(`life-story-confirm-${version.number}`);
  const [values, setValues] = useState({
    confirmedOn: todayIsoDate(),
    method: 'read_together' as (typeof confirmationMethod.options)[number],
    interpreterName: '',
    note: '',
  });
  const labels = {
    confirmedOn: t('lifeStory.confirmedOn'),
    method: t('lifeStory.method.label'),
    interpreterName: t('lifeStory.interpreterName'),
    note: t('lifeStory.confirmNote'),
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void form.submit(async () =>
      onConfirmed(
        await lifeStoryApi.confirm(version.id, {
          confirmedOn: values.confirmedOn,
          method: values.method,
          interpreterName: values.method === 'read_with_interpreter' ? values.interpreterName : null,
          note: values.note,
        }),
      ),
    );
  };
  return (
    <form noValidate onSubmit={submit} className="form life-story__confirm" aria-label={t('lifeStory.confirm')}>
      <p className="field__hint">{t('lifeStory.confirmHint')}</p>
      <ErrorSummary form={form} labels={labels} />
      <TextField
        {...form.field('confirmedOn')}
        label={labels.confirmedOn}
        type="date"
        max={todayIsoDate()}
        value={values.confirmedOn}
        onChange={(e) => setValues((v) => ({ ...v, confirmedOn: e.target.value }))}
      />
      <SelectField
        {...form.field('method')}
        label={labels.method}
        value={values.method}
        onChange={(e) => setValues((v) => ({ ...v, method: e.target.value as typeof values.method }))}
      >
        {confirmationMethod.options.map((method) => (
          <option key={method} value={method}>
            {t(`lifeStory.method.${method}`)}
          </option>
        ))}
      </SelectField>
      {values.method === 'read_with_interpreter' && (
        <TextField
          {...form.field('interpreterName')}
          label={labels.interpreterName}
          value={values.interpreterName}
          onChange={(e) => setValues((v) => ({ ...v, interpreterName: e.target.value }))}
        />
      )}
      <TextAreaField
        {...form.field('note')}
        label={labels.note}
        value={values.note}
        onChange={(e) => setValues((v) => ({ ...v, note: e.target.value }))}
      />
      {form.message && (
        <p role="alert" className="field__error">
          {form.message}
        </p>
      )}
      <div className="life-story__bar">
        <SubmitButton submitting={form.submitting}>{t('lifeStory.saveConfirmation')}</SubmitButton>
        <button type="button" className="button button--secondary" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
