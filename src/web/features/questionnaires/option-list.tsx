import { useTranslation } from 'react-i18next';
import type { AnswerOption } from '../../../domain/questionnaire.ts';
import { TextField } from '../../ui/fields.tsx';
import { AddButton, Block, useEditor } from './editor-context.tsx';
import { ListControls } from './list-controls.tsx';
import { NumberField } from './number-field.tsx';
import { freshId, moved, replaced } from './template-model.ts';

/** The options of a choice: a code that answers and rules refer to, the text shown, and a score if it counts. */
export function OptionList({ path, options, onChange }: { path: string; options: AnswerOption[]; onChange: (options: AnswerOption[]) => void }) {
  const { t } = useTranslation();
  const { form } = useEditor();
  const addId = `${form.id(path)}-add`;
  const change = (k: number, patch: Partial<AnswerOption>) => onChange(replaced(options, k, { ...options[k]!, ...patch }));
  return (
    <Block path={path} legend={t('questionnaires.options')}>
      {options.map((option, k) => {
        const at = `${path}.${k}`;
        const name = t('questionnaires.optionN', { n: k + 1 });
        return (
          <Block key={k} path={at} legend={name}>
            <div className="field-row">
              <TextField {...form.field(`${at}.code`)} label={t('questionnaires.optionCode')} className="field--short" value={option.code} onChange={(e) => change(k, { code: e.target.value })} required />
              <NumberField
                {...form.field(`${at}.score`)}
                label={t('questionnaires.optionScore')}
                value={option.score}
                onChange={(score) => {
                  const { score: _old, ...rest } = option;
                  onChange(replaced(options, k, score === undefined ? rest : { ...rest, score }));
                }}
              />
            </div>
            <TextField {...form.field(`${at}.text`)} label={t('questionnaires.optionText')} value={option.text} onChange={(e) => change(k, { text: e.target.value })} maxLength={500} required />
            <ListControls
              index={k}
              count={options.length}
              name={name}
              idFor={(i) => form.id(`${path}.${i}`)}
              onMove={(to) => onChange(moved(options, k, to))}
              onRemove={() => onChange(options.filter((_, i) => i !== k))}
              afterRemoveFocus={addId}
            />
          </Block>
        );
      })}
      <AddButton id={addId} focus={form.id(`${path}.${options.length}.code`)} onClick={() => onChange([...options, { code: freshId(options.map((o) => o.code), 'option'), text: '' }])}>
        {t('questionnaires.addOption')}
      </AddButton>
    </Block>
  );
}

type ScaleLabel = { value: number; text: string };

/** Names for some or all steps of a scale ("0 – not at all", "10 – worst imaginable"). */
export function ScaleLabelList({ path, labels, min, onChange }: { path: string; labels: ScaleLabel[]; min: number; onChange: (labels: ScaleLabel[]) => void }) {
  const { t } = useTranslation();
  const { form } = useEditor();
  const addId = `${form.id(path)}-add`;
  const change = (k: number, patch: Partial<ScaleLabel>) => onChange(replaced(labels, k, { ...labels[k]!, ...patch }));
  const next = () => {
    const taken = new Set(labels.map((l) => l.value));
    let value = Number.isFinite(min) ? min : 0;
    while (taken.has(value)) value++;
    return value;
  };
  return (
    <Block path={path} legend={t('questionnaires.scaleLabels')}>
      {labels.map((label, k) => {
        const at = `${path}.${k}`;
        const name = t('questionnaires.scaleLabelN', { n: k + 1 });
        return (
          <Block key={k} path={at} legend={name}>
            <div className="field-row">
              <NumberField {...form.field(`${at}.value`)} label={t('questionnaires.scaleValue')} value={label.value} onChange={(v) => change(k, { value: v ?? Number.NaN })} required />
              <TextField {...form.field(`${at}.text`)} label={t('questionnaires.scaleLabelText')} value={label.text} onChange={(e) => change(k, { text: e.target.value })} maxLength={200} required />
            </div>
            <ListControls
              index={k}
              count={labels.length}
              name={name}
              idFor={(i) => form.id(`${path}.${i}`)}
              onMove={(to) => onChange(moved(labels, k, to))}
              onRemove={() => onChange(labels.filter((_, i) => i !== k))}
              afterRemoveFocus={addId}
            />
          </Block>
        );
      })}
      <AddButton id={addId} focus={form.id(`${path}.${labels.length}.value`)} onClick={() => onChange([...labels, { value: next(), text: '' }])}>
        {t('questionnaires.addScaleLabel')}
      </AddButton>
    </Block>
  );
}
