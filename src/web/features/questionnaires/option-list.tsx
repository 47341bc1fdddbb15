import { useTranslation } from 'react-i18next';
import type { AnswerOption, QuantityUnit } from '../../../areas/questionnaire/questionnaire.rules.ts';
import { TextField } from '../../ui/fields.tsx';
import { Block, useEditor } from './editor-context.tsx';
import { EntryList } from './entry-list.tsx';
import { NumberField } from './number-field.tsx';
import { freshId } from './template-model.ts';

/** The options of a choice: a code that answers and rules refer to, the text shown, and a score if it counts. */
export function OptionList({
  path,
  options,
  onChange,
}: {
  path: string;
  options: AnswerOption[];
  onChange: (options: AnswerOption[]) => void;
}) {
  const { t } = useTranslation();
  const { form } = useEditor();
  return (
    <Block path={path} legend={t('questionnaires.options')}>
      <EntryList<AnswerOption>
        path={path}
        entries={options}
        onChange={onChange}
        nameOf={(k) => t('questionnaires.optionN', { n: k + 1 })}
        newEntry={() => ({
          code: freshId(
            options.map((o) => o.code),
            'option',
          ),
          text: '',
        })}
        focusField="code"
        addLabel={t('questionnaires.addOption')}
      >
        {(option, { at, change, replace }) => (
          <>
            <div className="field-row">
              <TextField
                {...form.field(`${at}.code`)}
                label={t('questionnaires.optionCode')}
                className="field--short"
                value={option.code}
                onChange={(e) => change({ code: e.target.value })}
                required
              />
              <NumberField
                {...form.field(`${at}.score`)}
                label={t('questionnaires.optionScore')}
                value={option.score}
                onChange={(score) => {
                  const { score: _old, ...rest } = option;
                  replace(score === undefined ? rest : { ...rest, score });
                }}
              />
            </div>
            <TextField
              {...form.field(`${at}.text`)}
              label={t('questionnaires.optionText')}
              value={option.text}
              onChange={(e) => change({ text: e.target.value })}
              maxLength={500}
              required
            />
          </>
        )}
      </EntryList>
    </Block>
  );
}

type ScaleLabel = { value: number; text: string };

/** Names for some or all steps of a scale ("0 – not at all", "10 – worst imaginable"). */
export function ScaleLabelList({
  path,
  labels,
  min,
  onChange,
}: {
  path: string;
  labels: ScaleLabel[];
  min: number;
  onChange: (labels: ScaleLabel[]) => void;
}) {
  const { t } = useTranslation();
  const { form } = useEditor();
  const next = () => {
    const taken = new Set(labels.map((l) => l.value));
    let value = Number.isFinite(min) ? min : 0;
    while (taken.has(value)) value++;
    return value;
  };
  return (
    <Block path={path} legend={t('questionnaires.scaleLabels')}>
      <EntryList
        path={path}
        entries={labels}
        onChange={onChange}
        nameOf={(k) => t('questionnaires.scaleLabelN', { n: k + 1 })}
        newEntry={() => ({ value: next(), text: '' })}
        focusField="value"
        addLabel={t('questionnaires.addScaleLabel')}
      >
        {(label, { at, change }) => (
          <div className="field-row">
            <NumberField
              {...form.field(`${at}.value`)}
              label={t('questionnaires.scaleValue')}
              value={label.value}
              onChange={(v) => change({ value: v ?? Number.NaN })}
              required
            />
            <TextField
              {...form.field(`${at}.text`)}
              label={t('questionnaires.scaleLabelText')}
              value={label.text}
              onChange={(e) => change({ text: e.target.value })}
              maxLength={200}
              required
            />
          </div>
        )}
      </EntryList>
    </Block>
  );
}

/** The units a quantity is given in: a code (UCUM, say "kg") and the name shown. None listed: the person names the unit. */
export function UnitList({ path, units, onChange }: { path: string; units: QuantityUnit[]; onChange: (units: QuantityUnit[]) => void }) {
  const { t } = useTranslation();
  const { form } = useEditor();
  return (
    <Block path={path} legend={t('questionnaires.units')}>
      <p className="field__hint">{t('questionnaires.unitsHint')}</p>
      <EntryList<QuantityUnit>
        path={path}
        entries={units}
        onChange={onChange}
        nameOf={(k) => t('questionnaires.unitN', { n: k + 1 })}
        newEntry={() => ({ code: '' })}
        focusField="code"
        addLabel={t('questionnaires.addUnit')}
      >
        {(unit, { at, change, replace }) => (
          <div className="field-row">
            <TextField
              {...form.field(`${at}.code`)}
              label={t('questionnaires.unitCode')}
              className="field--short"
              value={unit.code}
              maxLength={40}
              onChange={(e) => change({ code: e.target.value })}
              required
            />
            <TextField
              {...form.field(`${at}.display`)}
              label={t('questionnaires.unitDisplay')}
              value={unit.display ?? ''}
              maxLength={100}
              onChange={(e) => {
                const { display: _old, ...rest } = unit;
                replace(e.target.value ? { ...rest, display: e.target.value } : rest);
              }}
            />
          </div>
        )}
      </EntryList>
    </Block>
  );
}
