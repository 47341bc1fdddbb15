import { type FormEvent, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type QuestionnaireTemplate, questionnaireTemplate } from '../../../areas/questionnaire/questionnaire.rules.ts';
import { ApiError } from '../../api.ts';
import { SubmitButton } from '../../ui/buttons.tsx';
import { ErrorSummary } from '../../ui/error-summary.tsx';
import { TextAreaField, TextField } from '../../ui/fields.tsx';
import { useForm } from '../../ui/use-form.ts';
import { describeError, type FieldErrors, validate } from '../../ui/validation.ts';
import { useVersionConflict } from '../admin/conflict-notice.tsx';
import { type Editor, EditorProvider } from './editor-context.tsx';
import { problemsUnder, relocate } from './field-errors.ts';
import { describeTemplatePath } from './path-labels.ts';
import { questionnaireApi, type TemplateRecord } from './questionnaire-api.ts';
import { FlagsEditor, ScoringEditor } from './scoring-editor.tsx';
import { SectionList, TranslationList } from './section-list.tsx';
import { freshId, idsInUse } from './template-model.ts';
import { TemplateFacts } from './template-view.tsx';

/** Optional texts are left out rather than sent empty. */
function withOptionalText(template: QuestionnaireTemplate, key: 'description' | 'copyright', value: string): QuestionnaireTemplate {
  const { [key]: _old, ...rest } = template;
  return value ? { ...rest, [key]: value } : rest;
}

interface TemplateEditorProps {
  record: TemplateRecord;
  onSaved: (record: TemplateRecord) => void;
  onPublished: (record: TemplateRecord) => void;
}

/** A draft template, edited as a whole: saved with the version last seen, then published. */
export function TemplateEditor({ record, onSaved, onPublished }: TemplateEditorProps) {
  const { t } = useTranslation();
  const form = useForm('tpl');
  const [template, setTemplate] = useState(record.definition);
  const [saved, setSaved] = useState(record);
  const conflict = useVersionConflict();
  const dirty = JSON.stringify(template) !== JSON.stringify(saved.definition);

  useEffect(() => {
    if (!dirty) return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);

  const editor: Editor = useMemo(() => ({ form, template, newId: (base: string) => freshId(idsInUse(template), base) }), [form, template]);
  const set = (patch: Partial<QuestionnaireTemplate>) => setTemplate((tpl) => ({ ...tpl, ...patch }));
  const labels = Object.fromEntries(Object.keys(form.errors).map((path) => [path, describeTemplatePath(path, t)]));
  const failWith = (errors: FieldErrors, message: string | null = null) =>
    form.fail(
      relocate(errors, (path) => document.getElementById(form.id(path)) !== null),
      message,
    );

  /** The saved draft, or null when it was not saved (the problems are then shown). */
  const save = async (): Promise<TemplateRecord | null> => {
    const checked = validate(questionnaireTemplate, template, t);
    if (!checked.ok) {
      failWith(checked.errors);
      return null;
    }
    const sent = template;
    try {
      const updated = await conflict.guard(() => questionnaireApi.update(saved.id, checked.data, saved.version));
      setSaved(updated);
      // The server trims texts; what was typed meanwhile stays.
      setTemplate((now) => (now === sent ? updated.definition : now));
      return updated;
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      const errors = problemsUnder(error, 'definition.', t);
      failWith(errors, Object.keys(errors).length > 0 ? null : describeError(error, t));
      return null;
    }
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void form.submit(async () => {
      const updated = await save();
      if (updated) onSaved(updated);
    });
  };

  const publish = () =>
    void form.submit(async () => {
      const latest = dirty ? await save() : saved;
      if (!latest) return;
      onPublished(await conflict.guard(() => questionnaireApi.publish(latest.id, latest.version)));
    });

  return (
    <EditorProvider value={editor}>
      <ErrorSummary form={form} labels={labels} />
      {conflict.notice}
      <form noValidate onSubmit={onSubmit} className="form q-editor">
        <section aria-labelledby="tpl-about-title" className="panel">
          <h2 id="tpl-about-title">{t('questionnaires.about')}</h2>
          <TemplateFacts record={saved} />
          <TextField
            {...form.field('title')}
            label={t('questionnaires.templateTitle')}
            value={template.title}
            onChange={(e) => set({ title: e.target.value })}
            maxLength={300}
            required
            lang={template.language}
          />
          <TextAreaField
            {...form.field('description')}
            label={t('questionnaires.description')}
            value={template.description ?? ''}
            onChange={(e) => setTemplate((tpl) => withOptionalText(tpl, 'description', e.target.value))}
            maxLength={5000}
            lang={template.language}
          />
          <TextAreaField
            {...form.field('copyright')}
            label={t('questionnaires.copyright')}
            value={template.copyright ?? ''}
            onChange={(e) => setTemplate((tpl) => withOptionalText(tpl, 'copyright', e.target.value))}
            maxLength={2000}
            lang={template.language}
          />
        </section>
        <SectionList sections={template.sections} onChange={(sections) => set({ sections })} />
        <ScoringEditor rules={template.scoring} onChange={(scoring) => set({ scoring })} />
        <FlagsEditor rules={template.flags} onChange={(flags) => set({ flags })} />
        <TranslationList translations={template.translations} onChange={(translations) => set({ translations })} />
        <div className="form__actions q-editor__actions">
          <SubmitButton submitting={form.submitting}>{t('questionnaires.saveDraft')}</SubmitButton>
          <button type="button" className="button button--secondary" disabled={form.submitting} onClick={publish}>
            {t('questionnaires.publish', { version: saved.templateVersion })}
          </button>
          <p role="status" className="list-status">
            {dirty ? t('questionnaires.unsaved') : t('questionnaires.allSaved')}
          </p>
        </div>
        <p className="field__hint">{t('questionnaires.publishHint')}</p>
      </form>
    </EditorProvider>
  );
}
