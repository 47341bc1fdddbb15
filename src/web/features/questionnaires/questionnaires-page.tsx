import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { z } from 'zod';
import { type QuestionnaireTemplateInput, questionnaireTemplate } from '../../../areas/questionnaire/questionnaire.rules.ts';
import { ApiError } from '../../api.ts';
import { supportedLocales } from '../../i18n.ts';
import { SubmitButton } from '../../ui/buttons.tsx';
import { EmptyState } from '../../ui/empty-state.tsx';
import { ErrorSummary } from '../../ui/error-summary.tsx';
import { SelectField, TextField } from '../../ui/fields.tsx';
import { useLocale } from '../../ui/locale.ts';
import { Page } from '../../ui/page.tsx';
import { TableWrap } from '../../ui/table-wrap.tsx';
import { useForm } from '../../ui/use-form.ts';
import { LoadStatus } from '../work/load-status.tsx';
import { useLoad } from '../work/use-load.ts';
import { DraftExistsNotice, existingDraftId } from './draft-exists.tsx';
import { problemsUnder } from './field-errors.ts';
import {
  type ImportedTemplate,
  type ImportWarning,
  questionnaireApi,
  type TemplateRecord,
  type TemplateSummary,
} from './questionnaire-api.ts';

const newTemplateFields = z.object({ key: questionnaireTemplate.shape.key, title: questionnaireTemplate.shape.title });

/** Opens a template that was just made, saying how it came about. */
function useOpenTemplate() {
  const navigate = useNavigate();
  return (record: TemplateRecord, message: string) => navigate(`/admin/questionnaires/${record.id}`, { state: { message } });
}

/** A questionnaire from scratch: its key, title and the language it is written in; the editor takes it from there. */
function NewTemplateForm({ keysInUse }: { keysInUse: Set<string> }) {
  const { t } = useTranslation();
  const form = useForm('new-questionnaire');
  const open = useOpenTemplate();
  const [values, setValues] = useState({ key: '', title: '', language: useLocale() as string });
  const labels = { key: t('questionnaires.key'), title: t('questionnaires.templateTitle'), language: t('questionnaires.language') };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const checked = form.check(newTemplateFields, values, { key: 'questionnaires.keyFormat' });
    if (!checked) return;
    if (keysInUse.has(checked.key)) {
      form.fail({ key: t('questionnaires.keyInUse') });
      return;
    }
    const lng = values.language;
    const definition: QuestionnaireTemplateInput = {
      key: checked.key,
      version: 1,
      language: lng,
      title: checked.title,
      sections: [
        {
          id: 'section_1',
          title: t('questionnaires.firstSection', { lng }),
          items: [{ id: 'question_1', type: 'short_text', text: t('questionnaires.firstItem', { lng }) }],
        },
      ],
    };
    void form.submit(async () => {
      const created = await questionnaireApi.create(definition);
      await open(created, t('questionnaires.created'));
    });
  };

  return (
    <>
      <ErrorSummary form={form} labels={labels} />
      <form noValidate onSubmit={onSubmit} className="form">
        <TextField
          {...form.field('key')}
          label={labels.key}
          hint={t('questionnaires.keyHint')}
          value={values.key}
          onChange={(e) => setValues({ ...values, key: e.target.value })}
          maxLength={60}
          required
        />
        <TextField
          {...form.field('title')}
          label={labels.title}
          value={values.title}
          onChange={(e) => setValues({ ...values, title: e.target.value })}
          maxLength={300}
          required
        />
        <SelectField
          {...form.field('language')}
          label={labels.language}
          hint={t('questionnaires.languageHint')}
          value={values.language}
          onChange={(e) => setValues({ ...values, language: e.target.value })}
        >
          {supportedLocales.map((code) => (
            <option key={code} value={code} lang={code}>
              {t(`languageName.${code}`)}
            </option>
          ))}
        </SelectField>
        <SubmitButton submitting={form.submitting}>{t('questionnaires.create')}</SubmitButton>
      </form>
    </>
  );
}

/** One warning of an import: the item's linkId, what could not be kept, and the expression or value concerned. */
function ImportWarningText({ warning }: { warning: ImportWarning }) {
  const { t } = useTranslation();
  const text = t(`questionnaires.importWarning.${warning.code}`, { defaultValue: warning.message });
  return (
    <>
      {warning.linkId ? t('questionnaires.warningAt', { linkId: warning.linkId, text }) : text}
      {warning.detail && (
        <>
          {' '}
          <code className="break">{warning.detail}</code>
        </>
      )}
    </>
  );
}

/** What an import could not keep as it was: the administrator checks these in the draft before publishing it. */
function ImportWarnings({ imported }: { imported: ImportedTemplate }) {
  const { t } = useTranslation();
  return (
    <div role="status" className="notice notice--warning">
      <h3>{t('questionnaires.importWarningsTitle', { count: imported.warnings.length })}</h3>
      <p>{t('questionnaires.importedWithWarnings', { version: imported.templateVersion })}</p>
      <ul>
        {imported.warnings.map((warning, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: the list is shown once, as the import gave it
          <li key={i}>
            <ImportWarningText warning={warning} />
          </li>
        ))}
      </ul>
      <p>
        <Link to={`/admin/questionnaires/${imported.id}`}>{t('questionnaires.openImported', { title: imported.title })}</Link>
      </p>
    </div>
  );
}

/**
 * A FHIR R4 Questionnaire from a JSON file, imported as a draft. Without warnings the draft opens;
 * with some, they are listed here first, with a link to the draft.
 */
function ImportForm() {
  const { t } = useTranslation();
  const form = useForm('import');
  const open = useOpenTemplate();
  const [file, setFile] = useState<File | null>(null);
  const [draftId, setDraftId] = useState<string | null>(null);
  const [withWarnings, setWithWarnings] = useState<ImportedTemplate | null>(null);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setDraftId(null);
    setWithWarnings(null);
    if (!file) {
      form.fail({ file: t('questionnaires.chooseFile') });
      return;
    }
    void form.submit(async () => {
      let json: unknown;
      try {
        json = JSON.parse(await file.text());
      } catch {
        json = null;
      }
      if (typeof json !== 'object' || json === null || Array.isArray(json)) {
        form.fail({ file: t('questionnaires.notJson') });
        return;
      }
      try {
        const imported = await questionnaireApi.importFhir(json as Record<string, unknown>);
        if (imported.warnings.length > 0) setWithWarnings(imported);
        else await open(imported, t('questionnaires.imported', { version: imported.templateVersion }));
      } catch (error) {
        const existing = existingDraftId(error);
        setDraftId(existing);
        if (existing) return;
        if (!(error instanceof ApiError) || error.fieldErrors.length === 0) throw error;
        const problems = Object.entries(problemsUnder(error, 'questionnaire.', t)).map(([path, message]) =>
          path ? `${path}: ${message}` : message,
        );
        form.fail({ file: problems.join(' ') });
      }
    });
  };

  return (
    <>
      <ErrorSummary form={form} labels={{ file: t('questionnaires.fhirFile') }} />
      <DraftExistsNotice draftId={draftId} />
      {withWarnings && <ImportWarnings imported={withWarnings} />}
      <form noValidate onSubmit={onSubmit} className="form">
        <TextField
          {...form.field('file')}
          label={t('questionnaires.fhirFile')}
          hint={t('questionnaires.fhirFileHint')}
          type="file"
          accept=".json,application/json,application/fhir+json"
          onChange={(e) => setFile(e.target.files?.[0] ?? null)}
        />
        <SubmitButton submitting={form.submitting}>{t('questionnaires.import')}</SubmitButton>
      </form>
    </>
  );
}

function TemplateTable({ items }: { items: TemplateSummary[] }) {
  const { t } = useTranslation();
  return (
    <TableWrap label={t('questionnaires.listTitle')}>
      <table>
        <thead>
          <tr>
            <th scope="col">{t('questionnaires.templateTitle')}</th>
            <th scope="col">{t('questionnaires.key')}</th>
            <th scope="col">{t('questionnaires.version')}</th>
            <th scope="col">{t('questionnaires.status')}</th>
            <th scope="col">{t('questionnaires.shipped')}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((tpl) => (
            <tr key={tpl.id}>
              <th scope="row">
                <Link
                  to={`/admin/questionnaires/${tpl.id}`}
                  aria-label={t('questionnaires.versionTitle', { title: tpl.title, version: tpl.templateVersion })}
                >
                  {tpl.title}
                </Link>
              </th>
              <td>{tpl.key}</td>
              <td>{tpl.templateVersion}</td>
              <td>{t(`questionnaires.statusName.${tpl.status}`)}</td>
              <td>{tpl.shipped ? t('common.yes') : t('common.no')}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}

/** /admin/questionnaires: every version of every questionnaire; a new one, or one imported from FHIR. */
export function QuestionnairesPage() {
  const { t } = useTranslation();
  const loaded = useLoad(() => questionnaireApi.templates(), 'questionnaire-templates');
  const items = loaded.data?.items ?? [];
  return (
    <Page title={t('questionnaires.title')}>
      <p>{t('questionnaires.intro')}</p>
      <section aria-labelledby="questionnaires-list" className="panel">
        <h2 id="questionnaires-list">{t('questionnaires.listTitle')}</h2>
        <LoadStatus loaded={loaded} lines={4} />
        {loaded.data && items.length === 0 && <EmptyState title={t('questionnaires.empty')} hint={t('questionnaires.emptyHint')} />}
        {items.length > 0 && <TemplateTable items={items} />}
      </section>
      <section aria-labelledby="questionnaires-new" className="panel">
        <h2 id="questionnaires-new">{t('questionnaires.newTitle')}</h2>
        <NewTemplateForm keysInUse={new Set(items.map((tpl) => tpl.key))} />
      </section>
      <section aria-labelledby="questionnaires-import" className="panel">
        <h2 id="questionnaires-import">{t('questionnaires.importTitle')}</h2>
        <ImportForm />
      </section>
    </Page>
  );
}
