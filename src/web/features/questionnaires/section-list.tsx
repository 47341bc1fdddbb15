import { useTranslation } from 'react-i18next';
import type { QuestionnaireTemplate, TemplateSection } from '../../../areas/questionnaire/questionnaire.rules.ts';
import { TextField } from '../../ui/fields.tsx';
import { Block, useEditor } from './editor-context.tsx';
import { EntryList } from './entry-list.tsx';
import { ItemList } from './item-editor.tsx';

/** The sections in order, each with its id, title and questions. */
export function SectionList({ sections, onChange }: { sections: TemplateSection[]; onChange: (sections: TemplateSection[]) => void }) {
  const { t } = useTranslation();
  const { form, newId } = useEditor();
  return (
    <EntryList<TemplateSection>
      path="sections"
      entries={sections}
      onChange={onChange}
      nameOf={(s) => t('questionnaires.sectionN', { n: s + 1 })}
      newEntry={() => ({
        id: newId('section'),
        title: '',
        items: [{ id: newId('question'), type: 'short_text', text: '', required: false }],
      })}
      focusField="id"
      addLabel={t('questionnaires.addSection')}
      frame={(section, { at, name }, content) => (
        <section aria-labelledby={`${form.id(at)}-title`} className="panel">
          <h2 id={`${form.id(at)}-title`}>{section.title ? `${name}: ${section.title}` : name}</h2>
          <Block path={at} legend={name} hiddenLegend>
            {content}
          </Block>
        </section>
      )}
    >
      {(section, { at, change }) => (
        <>
          <div className="field-row">
            <TextField
              {...form.field(`${at}.id`)}
              label={t('questionnaires.sectionId')}
              className="field--short"
              value={section.id}
              onChange={(e) => change({ id: e.target.value })}
              maxLength={64}
              required
            />
            <TextField
              {...form.field(`${at}.title`)}
              label={t('questionnaires.sectionTitle')}
              value={section.title}
              onChange={(e) => change({ title: e.target.value })}
              maxLength={300}
              required
            />
          </div>
          <ItemList path={`${at}.items`} items={section.items} onChange={(items) => change({ items: items as TemplateSection['items'] })} />
        </>
      )}
    </EntryList>
  );
}

/** The languages the template has translations in; a translation of removed questions can be dropped here. */
export function TranslationList({
  translations,
  onChange,
}: {
  translations: QuestionnaireTemplate['translations'];
  onChange: (translations: QuestionnaireTemplate['translations']) => void;
}) {
  const { t } = useTranslation();
  const { form } = useEditor();
  const locales = Object.keys(translations);
  if (locales.length === 0) return null;
  const languageName = (code: string) => t(`languageName.${code}`, { defaultValue: code });
  return (
    <section aria-labelledby="tpl-translations-title" className="panel">
      <h2 id="tpl-translations-title">{t('questionnaires.translations')}</h2>
      <p className="field__hint">{t('questionnaires.translationsHint')}</p>
      <ul className="plain-list">
        {locales.map((code) => {
          const { id, error } = form.field(`translations.${code}`);
          return (
            <li key={code} className={error ? 'field--invalid' : undefined}>
              {error && (
                <p id={`${id}-error`} className="field__error">
                  {error}
                </p>
              )}
              <span lang={code}>{languageName(code)}</span>{' '}
              <button
                id={id}
                type="button"
                className="button button--secondary button--small"
                aria-describedby={error ? `${id}-error` : undefined}
                onClick={() => onChange(Object.fromEntries(Object.entries(translations).filter(([c]) => c !== code)))}
              >
                {t('questionnaires.removeTranslation')}
                <span className="visually-hidden">{`: ${languageName(code)}`}</span>
              </button>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
