import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { confidentiality as confidentialityLevels, sensitiveCategory } from '../../../areas/journal/journal.contract.ts';
import type { RichText } from '../../../areas/journal/rich-text.rules.ts';
import { AutosaveStatus } from '../../ui/autosave-status.tsx';
import { SubmitButton } from '../../ui/buttons.tsx';
import { ErrorSummary } from '../../ui/error-summary.tsx';
import { CheckboxField, CheckboxGroup, SelectField, TextAreaField, TextField } from '../../ui/fields.tsx';
import { useForm } from '../../ui/use-form.ts';
import { fieldErrorsOf } from '../../ui/validation.ts';
import { EntryFilesField } from './entry-files.tsx';
import type { EntryContent, JournalEntry } from './journal-api.ts';
import { journalApi } from './journal-api.ts';
import { useKindName } from './journal-kinds.ts';
import { ParticipantsField } from './participants-field.tsx';
import { RichTextEditor } from './rich-text-editor.tsx';
import { useEntryAutosave } from './use-entry-autosave.ts';

/** What an entry may refer to on this case, and whom it may name. */
export interface EntryContext {
  caseId: string;
  kinds: { code: string; label: string | null; active: boolean }[];
  goals: { id: string; description: string }[];
  steps: { stepId: string; what: string; open: boolean }[];
  needs: { id: string; description: string }[];
  staff: { id: string; name: string }[];
  today: string;
}

const contentOf = (entry: JournalEntry): EntryContent => ({
  kind: entry.kind,
  occurredOn: entry.occurredOn,
  occurredTime: entry.occurredTime,
  informationFrom: entry.informationFrom,
  participants: entry.participants,
  text: entry.text,
  goalIds: entry.goalIds,
  stepIds: entry.stepIds,
  needIds: entry.needIds,
  completesSteps: entry.completesSteps,
  confidentiality: entry.confidentiality,
  sensitiveCategory: entry.sensitiveCategory,
});

/**
 * Writing a journal entry: what kind, when it happened, who took part, the text, what of the plan
 * it concerns (and the steps it completes), and who may read it. Autosaved as a draft only the
 * author sees; "Sign" makes it final.
 */
export function EntryEditor({
  context,
  entry,
  onDone,
}: {
  context: EntryContext;
  entry: JournalEntry | null;
  onDone: (result: { signed: JournalEntry } | { discarded: true } | { closed: JournalEntry | null }) => void;
}) {
  const { t } = useTranslation();
  const form = useForm('journal-entry');
  const kindName = useKindName(context.kinds);
  const usable = context.kinds.filter((k) => k.active || k.code === entry?.kind);
  const [values, setValues] = useState<EntryContent>(
    entry
      ? contentOf(entry)
      : {
          kind: usable[0]?.code ?? 'meeting',
          occurredOn: context.today,
          occurredTime: null,
          informationFrom: '',
          participants: [{ kind: 'person', refId: null, name: '' }],
          text: { type: 'doc', content: [] },
          goalIds: [],
          stepIds: [],
          needIds: [],
          completesSteps: [],
          confidentiality: 'normal',
          sensitiveCategory: null,
        },
  );
  const autosave = useEntryAutosave(context.caseId, entry, values);
  const [files, setFiles] = useState(entry?.attachments ?? []);
  const set = <K extends keyof EntryContent>(key: K, value: EntryContent[K]) => setValues((v) => ({ ...v, [key]: value }));
  const participants = values.participants ?? [];

  const { fail } = form;
  // A draft the server refused to save says why beside the fields, as a submit would.
  useEffect(() => {
    if (autosave.error) fail(fieldErrorsOf(autosave.error, t));
  }, [autosave.error, fail, t]);

  const labels = {
    kind: t('journal.field.kind'),
    occurredOn: t('journal.field.occurredOn'),
    occurredTime: t('journal.field.occurredTime'),
    informationFrom: t('journal.field.informationFrom'),
    participants: t('journal.field.participants'),
    text: t('journal.field.text'),
    goalIds: t('journal.field.goals'),
    stepIds: t('journal.field.steps'),
    needIds: t('journal.field.needs'),
    completesSteps: t('journal.field.completesSteps'),
    confidentiality: t('journal.field.confidentiality'),
    sensitiveCategory: t('journal.field.sensitiveCategory'),
  };

  const completion = (stepId: string) => values.completesSteps?.find((c) => c.stepId === stepId);

  const sign = (event: FormEvent) => {
    event.preventDefault();
    void form.submit(async () => {
      const saved = await autosave.finish();
      try {
        if (!saved) throw new Error('not saved');
        onDone({ signed: await journalApi.sign(saved.id, saved.version) });
      } catch (error) {
        autosave.resume();
        throw error;
      }
    });
  };
  const discard = () =>
    void form.submit(async () => {
      const saved = await autosave.finish();
      if (saved) await journalApi.discard(saved.id, saved.version);
      onDone({ discarded: true });
    });

  return (
    <form noValidate onSubmit={sign} className="form form--wide journal-editor" aria-labelledby="journal-editor-heading">
      <h2 id="journal-editor-heading" tabIndex={-1}>
        {entry?.corrects ? t('journal.correctingTitle') : entry ? t('journal.draftTitle') : t('journal.newTitle')}
      </h2>
      {entry?.corrects && <p className="journal-editor__corrects">{t('journal.correctingReason', { reason: entry.corrects.reason })}</p>}
      {entry?.contactId && (
        <p className="journal-editor__contact">
          {t('journal.fromContact')}{' '}
          <Link to={`/cases/${encodeURIComponent(context.caseId)}/contacts#contact-${entry.contactId}`}>{t('journal.seeContact')}</Link>
        </p>
      )}
      <ErrorSummary form={form} labels={labels} />
      <div className="journal-editor__when">
        <SelectField {...form.field('kind')} label={labels.kind} value={values.kind} onChange={(e) => set('kind', e.target.value)}>
          {usable.map((k) => (
            <option key={k.code} value={k.code}>
              {kindName(k.code)}
            </option>
          ))}
        </SelectField>
        <TextField
          {...form.field('occurredOn')}
          label={labels.occurredOn}
          type="date"
          max={context.today}
          value={values.occurredOn}
          onChange={(e) => set('occurredOn', e.target.value)}
        />
        <TextField
          {...form.field('occurredTime')}
          label={labels.occurredTime}
          hint={t('journal.field.occurredTimeHint')}
          type="time"
          value={values.occurredTime ?? ''}
          onChange={(e) => set('occurredTime', e.target.value || null)}
        />
      </div>
      {values.kind === 'information_received' && (
        <TextField
          {...form.field('informationFrom')}
          label={labels.informationFrom}
          value={values.informationFrom ?? ''}
          onChange={(e) => set('informationFrom', e.target.value)}
        />
      )}
      <ParticipantsField
        form={form}
        legend={labels.participants}
        staff={context.staff}
        participants={participants}
        onChange={(next) => set('participants', next)}
      />
      <RichTextEditor
        {...form.field('text')}
        label={labels.text}
        value={(values.text ?? { type: 'doc', content: [] }) as RichText}
        onChange={(text) => set('text', text)}
      />
      <EntryFilesField id={form.id('file')} files={files} onChange={setFiles} ensureDraft={autosave.saveNow} />
      {(context.goals.length > 0 || context.needs.length > 0 || context.steps.length > 0) && (
        <fieldset className="field fieldset">
          <legend className="field__label">{t('journal.field.concerns')}</legend>
          {context.needs.length > 0 && (
            <CheckboxGroup
              id={form.id('needIds')}
              label={labels.needIds}
              options={context.needs.map((n) => ({ value: n.id, label: n.description }))}
              selected={values.needIds ?? []}
              onChange={(ids) => set('needIds', ids)}
            />
          )}
          {context.goals.length > 0 && (
            <CheckboxGroup
              id={form.id('goalIds')}
              label={labels.goalIds}
              options={context.goals.map((g) => ({ value: g.id, label: g.description }))}
              selected={values.goalIds ?? []}
              onChange={(ids) => set('goalIds', ids)}
            />
          )}
          {context.steps.length > 0 && (
            <CheckboxGroup
              id={form.id('stepIds')}
              label={labels.stepIds}
              options={context.steps.map((s) => ({ value: s.stepId, label: s.what }))}
              selected={values.stepIds ?? []}
              onChange={(ids) => {
                set('stepIds', ids);
                set(
                  'completesSteps',
                  (values.completesSteps ?? []).filter((c) => ids.includes(c.stepId)),
                );
              }}
            />
          )}
          {context.steps
            .filter((s) => s.open && (values.stepIds ?? []).includes(s.stepId))
            .map((s) => {
              const done = completion(s.stepId);
              const others = (values.completesSteps ?? []).filter((c) => c.stepId !== s.stepId);
              return (
                <div key={s.stepId} className="journal-editor__completion">
                  <CheckboxField
                    id={form.id(`complete-${s.stepId}`)}
                    label={t('journal.completesStep', { step: s.what })}
                    checked={done !== undefined}
                    onChange={(e) => set('completesSteps', e.target.checked ? [...others, { stepId: s.stepId, result: '' }] : others)}
                  />
                  {done && (
                    <TextAreaField
                      id={form.id(`result-${s.stepId}`)}
                      label={t('journal.stepResult')}
                      value={done.result}
                      onChange={(e) => set('completesSteps', [...others, { stepId: s.stepId, result: e.target.value }])}
                    />
                  )}
                </div>
              );
            })}
        </fieldset>
      )}
      <fieldset className="field fieldset">
        <legend className="field__label">{labels.confidentiality}</legend>
        {confidentialityLevels.options.map((level, i) => (
          <div className="checkbox" key={level}>
            <input
              id={i === 0 ? form.id('confidentiality') : form.id(`confidentiality-${level}`)}
              type="radio"
              name={form.id('confidentiality')}
              value={level}
              checked={values.confidentiality === level}
              aria-describedby={form.id(`confidentiality-${level}-hint`)}
              onChange={() =>
                setValues((v) => ({ ...v, confidentiality: level, sensitiveCategory: level === 'sensitive' ? v.sensitiveCategory : null }))
              }
            />
            <div>
              <label htmlFor={i === 0 ? form.id('confidentiality') : form.id(`confidentiality-${level}`)}>
                {t(`journal.confidentiality.${level}`)}
              </label>
              <p className="field__hint journal-editor__choice-hint" id={form.id(`confidentiality-${level}-hint`)}>
                {t(`journal.confidentialityHint.${level}`)}
              </p>
            </div>
          </div>
        ))}
        {values.confidentiality === 'sensitive' && (
          <SelectField
            {...form.field('sensitiveCategory')}
            label={labels.sensitiveCategory}
            value={values.sensitiveCategory ?? ''}
            onChange={(e) => set('sensitiveCategory', (e.target.value || null) as EntryContent['sensitiveCategory'])}
          >
            <option value="">{t('journal.chooseCategory')}</option>
            {sensitiveCategory.options.map((c) => (
              <option key={c} value={c}>
                {t(`journal.sensitiveCategory.${c}`)}
              </option>
            ))}
          </SelectField>
        )}
      </fieldset>
      <div className="journal-editor__bar">
        <SubmitButton submitting={form.submitting}>{t('journal.sign')}</SubmitButton>
        <button
          type="button"
          className="button button--secondary"
          disabled={form.submitting}
          onClick={() => onDone({ closed: autosave.entry })}
        >
          {t('journal.close')}
        </button>
        <button type="button" className="button button--danger" disabled={form.submitting} onClick={discard}>
          {t('journal.discard')}
        </button>
        <AutosaveStatus autosave={autosave} />
      </div>
    </form>
  );
}
