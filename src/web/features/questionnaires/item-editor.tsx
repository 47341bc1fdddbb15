import { useTranslation } from 'react-i18next';
import { type ItemType, type LeafItem, maximumGroupDepth, type QuestionItem } from '../../../areas/questionnaire/questionnaire.rules.ts';
import { CheckboxField, SelectField, TextAreaField, TextField } from '../../ui/fields.tsx';
import { ConditionList } from './condition-editor.tsx';
import { useEditor } from './editor-context.tsx';
import { EntryList } from './entry-list.tsx';
import { NumberField } from './number-field.tsx';
import { OptionList, ScaleLabelList, UnitList } from './option-list.tsx';
import { allTypes, conditionTargets, leafTypes, withType } from './template-model.ts';

type Item = QuestionItem | LeafItem;

/** What only some types have: options, a scale's range and labels, a number's range, units, a group's questions and repeats. */
function TypeSettings({ path, item, depth, onChange }: { path: string; item: Item; depth: number; onChange: (item: Item) => void }) {
  const { t } = useTranslation();
  const { form } = useEditor();
  const optional = (key: 'min' | 'max', value: number | undefined) => {
    const { [key]: _old, ...rest } = item as Record<string, unknown>;
    onChange((value === undefined ? rest : { ...rest, [key]: value }) as Item);
  };
  switch (item.type) {
    case 'single_choice':
    case 'multiple_choice':
      return <OptionList path={`${path}.options`} options={item.options} onChange={(options) => onChange({ ...item, options })} />;
    case 'open_choice':
      return (
        <>
          <OptionList path={`${path}.options`} options={item.options} onChange={(options) => onChange({ ...item, options })} />
          <CheckboxField
            {...form.field(`${path}.multiple`)}
            label={t('questionnaires.openChoiceMultiple')}
            checked={item.multiple}
            onChange={(e) => onChange({ ...item, multiple: e.target.checked })}
          />
        </>
      );
    case 'quantity':
      return <UnitList path={`${path}.units`} units={item.units} onChange={(units) => onChange({ ...item, units })} />;
    case 'scale':
      return (
        <>
          <div className="field-row">
            <NumberField
              {...form.field(`${path}.min`)}
              label={t('questionnaires.scaleMin')}
              value={item.min}
              onChange={(v) => onChange({ ...item, min: v ?? Number.NaN })}
              required
            />
            <NumberField
              {...form.field(`${path}.max`)}
              label={t('questionnaires.scaleMax')}
              value={item.max}
              onChange={(v) => onChange({ ...item, max: v ?? Number.NaN })}
              required
            />
          </div>
          <ScaleLabelList
            path={`${path}.labels`}
            labels={item.labels}
            min={item.min}
            onChange={(labels) => onChange({ ...item, labels })}
          />
        </>
      );
    case 'number':
      return (
        <>
          <div className="field-row">
            <NumberField
              {...form.field(`${path}.min`)}
              label={t('questionnaires.numberMin')}
              integer={false}
              value={item.min}
              onChange={(v) => optional('min', v)}
            />
            <NumberField
              {...form.field(`${path}.max`)}
              label={t('questionnaires.numberMax')}
              integer={false}
              value={item.max}
              onChange={(v) => optional('max', v)}
            />
          </div>
          <CheckboxField
            {...form.field(`${path}.integer`)}
            label={t('questionnaires.numberInteger')}
            checked={item.integer}
            onChange={(e) => onChange({ ...item, integer: e.target.checked })}
          />
          <TextField
            {...form.field(`${path}.unit`)}
            label={t('questionnaires.numberUnit')}
            className="field--short"
            value={item.unit ?? ''}
            maxLength={40}
            onChange={(e) => {
              const { unit: _old, ...rest } = item;
              onChange(e.target.value ? { ...rest, unit: e.target.value } : rest);
            }}
          />
        </>
      );
    case 'group':
      return (
        <>
          <ItemList path={`${path}.items`} items={item.items} depth={depth + 1} onChange={(items) => onChange({ ...item, items })} />
          <div className="field-row">
            <NumberField
              {...form.field(`${path}.minRepeats`)}
              label={t('questionnaires.minRepeats')}
              min={0}
              value={item.minRepeats}
              onChange={(v) => onChange({ ...item, minRepeats: v ?? Number.NaN })}
              required
            />
            <NumberField
              {...form.field(`${path}.maxRepeats`)}
              label={t('questionnaires.maxRepeats')}
              hint={t('questionnaires.maxRepeatsHint')}
              min={1}
              value={item.maxRepeats}
              onChange={(v) => {
                const { maxRepeats: _old, ...rest } = item;
                onChange(v === undefined ? rest : { ...rest, maxRepeats: v });
              }}
            />
          </div>
        </>
      );
    default:
      return null;
  }
}

interface ItemEditorProps {
  path: string;
  item: Item;
  name: string;
  /** How many groups the item is in; at the deepest a question cannot itself be a group. */
  depth: number;
  onChange: (item: Item) => void;
}

/** One question: id, type, text, help, required, what its type needs, and when it is shown. */
function ItemEditor({ path, item, name, depth, onChange }: ItemEditorProps) {
  const { t } = useTranslation();
  const { form, template, newId } = useEditor();
  const types = depth + 1 >= maximumGroupDepth ? leafTypes : allTypes;
  return (
    <>
      <div className="field-row">
        <TextField
          {...form.field(`${path}.id`)}
          label={t('questionnaires.itemId')}
          hint={t('questionnaires.itemIdHint')}
          className="field--short"
          value={item.id}
          onChange={(e) => onChange({ ...item, id: e.target.value })}
          maxLength={64}
          required
        />
        <SelectField
          {...form.field(`${path}.type`)}
          label={t('questionnaires.itemType')}
          value={item.type}
          onChange={(e) => onChange(withType(item, e.target.value as ItemType, newId))}
        >
          {types.map((type) => (
            <option key={type} value={type}>
              {t(`questionnaires.type.${type}`)}
            </option>
          ))}
        </SelectField>
      </div>
      <TextAreaField
        {...form.field(`${path}.text`)}
        label={t('questionnaires.itemText')}
        value={item.text}
        onChange={(e) => onChange({ ...item, text: e.target.value })}
        maxLength={1000}
        required
      />
      <TextAreaField
        {...form.field(`${path}.help`)}
        label={t('questionnaires.itemHelp')}
        hint={t('questionnaires.itemHelpHint')}
        value={item.help ?? ''}
        maxLength={2000}
        onChange={(e) => {
          const { help: _old, ...rest } = item;
          onChange(e.target.value ? { ...rest, help: e.target.value } : rest);
        }}
      />
      {item.type !== 'display' && (
        <CheckboxField
          {...form.field(`${path}.required`)}
          label={t('questionnaires.itemRequired')}
          checked={item.required}
          onChange={(e) => onChange({ ...item, required: e.target.checked } as Item)}
        />
      )}
      <TypeSettings path={path} item={item} depth={depth} onChange={onChange} />
      <ConditionList
        path={`${path}.enableWhen`}
        behaviorPath={`${path}.enableBehavior`}
        legend={t('questionnaires.displayCondition', { name })}
        hint={t('questionnaires.displayConditionHint')}
        conditions={item.enableWhen ?? []}
        behavior={item.enableBehavior ?? 'all'}
        targets={conditionTargets(template, path)}
        onChange={(conditions, behavior) => {
          const { enableWhen: _w, enableBehavior: _b, ...rest } = item;
          onChange(
            conditions.length === 0
              ? rest
              : { ...rest, enableWhen: conditions, ...(conditions.length > 1 ? { enableBehavior: behavior } : {}) },
          );
        }}
      />
    </>
  );
}

/** The questions of a section or of a repeating group, each movable and removable, and "add a question". */
export function ItemList({
  path,
  items,
  depth = 0,
  onChange,
}: {
  path: string;
  items: Item[];
  /** How many groups the list is in: 0 for a section's questions. */
  depth?: number;
  onChange: (items: Item[]) => void;
}) {
  const leaf = depth > 0;
  const { t } = useTranslation();
  const { newId } = useEditor();
  return (
    <EntryList<Item>
      path={path}
      entries={items}
      onChange={onChange}
      nameOf={(k) => t(leaf ? 'questionnaires.subItemN' : 'questionnaires.itemN', { n: k + 1 })}
      newEntry={() => ({ id: newId('question'), type: 'short_text', text: '', required: false })}
      focusField="id"
      addLabel={t(leaf ? 'questionnaires.addSubItem' : 'questionnaires.addItem')}
    >
      {(item, { at, name, replace }) => <ItemEditor path={at} item={item} name={name} depth={depth} onChange={replace} />}
    </EntryList>
  );
}
