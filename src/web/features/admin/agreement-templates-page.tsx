import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { putAgreementTemplateBody } from '../../../areas/agreement/agreement.contract.ts';
import { ApiError } from '../../api.ts';
import { type LocaleCode, supportedLocales } from '../../i18n.ts';
import { ErrorSummary } from '../../ui/error-summary.tsx';
import { SelectField, TextField } from '../../ui/fields.tsx';
import { ListField } from '../../ui/list-field.tsx';
import { Page } from '../../ui/page.tsx';
import { useSavedMessages } from '../../ui/saved-message.tsx';
import { TableWrap } from '../../ui/table-wrap.tsx';
import { useForm } from '../../ui/use-form.ts';
import { LoadStatus } from '../work/load-status.tsx';
import { useLoad } from '../work/use-load.ts';
import { type AgreementTemplate, agreementTemplateApi } from './agreement-templates-api.ts';
import { ConflictNotice } from './conflict-notice.tsx';
import { ActionsColumnHeader, EditFormActions, EditPanel, EditRowButton, focusLater } from './edit-panel.tsx';

type Section = AgreementTemplate['sections'][number];

/** The parts of the agreement the interface can name; other keys are numbered. */
const namedSections = new Set(['subject', 'agency_duties', 'person_duties', 'agency_rights', 'person_rights', 'consent']);

/** A section has paragraphs (running text) or points (a list), or both; the lengths are the contract's. */
const entryKinds = [
  { kind: 'paragraphs', maxLength: 5000 },
  { kind: 'items', maxLength: 2000 },
] as const;

const nonBlank = (entries: string[] | undefined) => entries?.map((e) => e.trim()).filter((e) => e !== '');

interface TemplateFormProps {
  language: LocaleCode;
  /** The saved template; null while creating one, which then starts from `base`. */
  template: AgreementTemplate | null;
  base: AgreementTemplate;
  onSaved: (template: AgreementTemplate) => void;
  onCancel: () => void;
  onReload: () => void;
}

/** Title, and per section its heading and its paragraphs or points – all in the template's language. */
function TemplateForm({ language, template, base, onSaved, onCancel, onReload }: TemplateFormProps) {
  const { t } = useTranslation();
  const form = useForm('template');
  const [title, setTitle] = useState((template ?? base).title);
  const [sections, setSections] = useState<Section[]>((template ?? base).sections);
  const [conflict, setConflict] = useState(false);

  const sectionName = (section: Section, index: number) =>
    namedSections.has(section.key) ? t(`agreementTemplates.section.${section.key}`) : t('agreementTemplates.sectionN', { n: index + 1 });
  const entryText = {
    paragraphs: {
      label: t('agreementTemplates.paragraphs'),
      entry: (section: string, n: number) => t('agreementTemplates.paragraphN', { section, n }),
      add: t('agreementTemplates.addParagraph'),
    },
    items: {
      label: t('agreementTemplates.items'),
      entry: (section: string, n: number) => t('agreementTemplates.itemN', { section, n }),
      add: t('agreementTemplates.addItem'),
    },
  };
  const change = (index: number, patch: Partial<Section>) =>
    setSections((all) => all.map((s, i) => (i === index ? { ...s, ...patch } : s)));

  const labels: Record<string, string> = { title: t('agreementTemplates.titleField') };
  sections.forEach((section, i) => {
    const name = sectionName(section, i);
    labels[`sections.${i}.heading`] = t('agreementTemplates.headingOf', { section: name });
    labels[`sections.${i}.paragraphs`] = name;
    labels[`sections.${i}.items`] = name;
  });

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const body = form.check(putAgreementTemplateBody, {
      title,
      sections: sections.map((s) => ({
        key: s.key,
        heading: s.heading,
        ...(s.paragraphs ? { paragraphs: nonBlank(s.paragraphs) } : {}),
        ...(s.items ? { items: nonBlank(s.items) } : {}),
      })),
      ...(template ? { version: template.version } : {}),
    });
    if (!body) return;
    void form.submit(async () => {
      try {
        onSaved(await agreementTemplateApi.put(language, body));
      } catch (error) {
        if (error instanceof ApiError && error.code === 'version_conflict') setConflict(true);
        throw error;
      }
    });
  };

  return (
    <>
      <ErrorSummary form={form} labels={labels} />
      {conflict && <ConflictNotice onReload={onReload} />}
      <form noValidate onSubmit={onSubmit} className="form form--wide">
        <TextField
          {...form.field('title')}
          label={labels.title!}
          value={title}
          onChange={(e) => setTitle(e.target.value)}
          lang={language}
          maxLength={300}
          required
        />
        {sections.map((section, i) => {
          const name = sectionName(section, i);
          return (
            <fieldset key={section.key} className="field fieldset">
              <legend className="field__label">{name}</legend>
              <TextField
                {...form.field(`sections.${i}.heading`)}
                label={t('agreementTemplates.heading')}
                value={section.heading}
                onChange={(e) => change(i, { heading: e.target.value })}
                lang={language}
                maxLength={300}
                required
              />
              {entryKinds.map(({ kind, maxLength }) => {
                const entries = section[kind];
                if (!entries) return null;
                return (
                  <ListField
                    key={kind}
                    form={form}
                    name={`sections.${i}.${kind}`}
                    label={entryText[kind].label}
                    items={entries}
                    onChange={(changed) => change(i, { [kind]: changed })}
                    itemLabel={(n) => entryText[kind].entry(name, n)}
                    addLabel={entryText[kind].add}
                    maxLength={maxLength}
                    multiline
                    lang={language}
                  />
                );
              })}
            </fieldset>
          );
        })}
        <EditFormActions submitting={form.submitting} onCancel={onCancel} />
      </form>
    </>
  );
}

/** Choosing a language that has no template yet; its template starts as a copy of `base`. */
function NewTemplateForm({
  languages,
  base,
  onStart,
}: {
  languages: LocaleCode[];
  base: AgreementTemplate;
  onStart: (language: LocaleCode) => void;
}) {
  const { t } = useTranslation();
  const [language, setLanguage] = useState<LocaleCode>(languages[0]!);
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    onStart(language);
  };
  return (
    <form noValidate onSubmit={onSubmit} className="form">
      <SelectField
        id="template-new-language"
        label={t('agreementTemplates.language')}
        hint={t('agreementTemplates.newHint', { language: t(`languageName.${base.language}`, { defaultValue: base.language }) })}
        value={language}
        onChange={(e) => setLanguage(e.target.value as LocaleCode)}
      >
        {languages.map((code) => (
          <option key={code} value={code} lang={code}>
            {t(`languageName.${code}`)}
          </option>
        ))}
      </SelectField>
      <button type="submit" className="button button--secondary">
        {t('agreementTemplates.start')}
      </button>
    </form>
  );
}

/** /admin/agreement-templates: the service agreement's text in each language; edit one, or write one for another language. */
export function AgreementTemplatesPage() {
  const { t } = useTranslation();
  const loaded = useLoad(() => agreementTemplateApi.list(), 'agreement-templates');
  const [editing, setEditing] = useState<LocaleCode | null>(null);
  /** Said beside the template's row once its form has closed: where the eye is. */
  const saved = useSavedMessages();
  const templates = loaded.data?.items ?? [];
  const base = templates.find((tpl) => tpl.language === 'en') ?? templates[0];
  const missing = supportedLocales.filter((code) => !templates.some((tpl) => tpl.language === code));
  const languageName = (code: string) => t(`languageName.${code}`, { defaultValue: code });

  const close = () => {
    if (editing && templates.some((tpl) => tpl.language === editing)) focusLater(`edit-template-${editing}`);
    setEditing(null);
  };
  const current = editing ? (templates.find((tpl) => tpl.language === editing) ?? null) : null;

  return (
    <Page title={t('agreementTemplates.title')}>
      <p>{t('agreementTemplates.intro')}</p>
      <LoadStatus loaded={loaded} />
      <section aria-labelledby="templates-list" className="panel">
        <h2 id="templates-list">{t('agreementTemplates.listTitle')}</h2>
        {templates.length > 0 && (
          <TableWrap label={t('agreementTemplates.listTitle')}>
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('agreementTemplates.language')}</th>
                  <th scope="col">{t('agreementTemplates.titleField')}</th>
                  <ActionsColumnHeader />
                </tr>
              </thead>
              <tbody>
                {templates.map((tpl) => (
                  <tr key={tpl.id}>
                    <th scope="row">{languageName(tpl.language)}</th>
                    <td lang={tpl.language}>{tpl.title}</td>
                    <td>
                      <EditRowButton
                        id={`edit-template-${tpl.language}`}
                        name={languageName(tpl.language)}
                        onClick={() => setEditing(tpl.language as LocaleCode)}
                      />
                      {saved.besideRow(tpl.language)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        )}
      </section>
      {editing && base && (
        <EditPanel
          key={editing}
          title={
            current
              ? t('agreementTemplates.editTitle', { language: languageName(editing) })
              : t('agreementTemplates.newTitle', { language: languageName(editing) })
          }
        >
          <TemplateForm
            key={current?.version ?? 'new'}
            language={editing}
            template={current}
            base={base}
            onSaved={(template) => {
              loaded.set({
                items: [...templates.filter((tpl) => tpl.language !== template.language), template].sort((a, b) =>
                  a.language.localeCompare(b.language),
                ),
              });
              setEditing(null);
              saved.say(template.language, t('agreementTemplates.saved', { language: languageName(template.language) }));
            }}
            onCancel={close}
            onReload={loaded.reload}
          />
        </EditPanel>
      )}
      {base && (
        <section aria-labelledby="templates-new" className="panel">
          <h2 id="templates-new">{t('agreementTemplates.addTitle')}</h2>
          {missing.length === 0 ? (
            <p>{t('agreementTemplates.allLanguages')}</p>
          ) : (
            <NewTemplateForm key={missing.join()} languages={missing} base={base} onStart={setEditing} />
          )}
        </section>
      )}
    </Page>
  );
}
