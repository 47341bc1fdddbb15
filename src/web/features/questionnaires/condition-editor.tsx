import { useTranslation } from 'react-i18next';
import type { AnyItem, Condition, ConditionBehavior, ConditionOperator } from '../../../domain/questionnaire.ts';
import { SelectField, TextField } from '../../ui/fields.tsx';
import { AddButton, Block, useEditor } from './editor-context.tsx';
import { ListControls } from './list-controls.tsx';
import { NumberField } from './number-field.tsx';
import { conditionOn, defaultValue, moved, operatorsFor, replaced, type PlacedItem } from './template-model.ts';

/** An item as a choice in a list: its id and the start of its text. */
export function itemChoiceLabel(item: AnyItem): string {
  const text = item.text.length > 60 ? `${item.text.slice(0, 59)}…` : item.text;
  return text ? `${item.id} – ${text}` : item.id;
}

const isChoice = (item: AnyItem | undefined) => item?.type === 'single_choice' || item?.type === 'multiple_choice';

/** "exists" is shown as two choices, "is answered" and "is not answered". */
const operatorChoice = (c: Condition) => (c.operator === 'exists' ? `exists:${String(c.value)}` : c.operator);

function operatorChoices(target: AnyItem | undefined): string[] {
  return operatorsFor(target).flatMap((op) => (op === 'exists' ? ['exists:true', 'exists:false'] : [op]));
}

/** The value a condition compares with, as a control that fits the item tested. */
function ConditionValue({ path, target, condition, onChange }: { path: string; target: AnyItem | undefined; condition: Condition; onChange: (value: Condition['value']) => void }) {
  const { t } = useTranslation();
  const { form } = useEditor();
  const field = { ...form.field(`${path}.value`), label: t('questionnaires.conditionValue') };
  const ordered = condition.operator === 'gt' || condition.operator === 'lt';
  if (target?.type === 'yes_no') {
    return (
      <SelectField {...field} value={String(condition.value)} onChange={(e) => onChange(e.target.value === 'true')}>
        <option value="true">{t('common.yes')}</option>
        <option value="false">{t('common.no')}</option>
      </SelectField>
    );
  }
  if (isChoice(target) && !ordered && target && 'options' in target) {
    return (
      <SelectField {...field} value={String(condition.value)} onChange={(e) => onChange(e.target.value)}>
        {!target.options.some((o) => o.code === condition.value) && <option value={String(condition.value)}>{String(condition.value)}</option>}
        {target.options.map((o) => <option key={o.code} value={o.code}>{o.text || o.code}</option>)}
      </SelectField>
    );
  }
  if (ordered || target?.type === 'scale' || target?.type === 'number') {
    return (
      <NumberField
        {...field}
        label={isChoice(target) ? t('questionnaires.conditionScore') : field.label}
        integer={target?.type !== 'number' || target.integer}
        value={typeof condition.value === 'number' ? condition.value : undefined}
        onChange={(v) => onChange(v ?? Number.NaN)}
      />
    );
  }
  return <TextField {...field} type={target?.type === 'date' ? 'date' : 'text'} className="field--short" value={String(condition.value)} onChange={(e) => onChange(e.target.value)} />;
}

interface ConditionListProps {
  /** The dotted path of the list, e.g. "sections.0.items.3.enableWhen" or "flags.0.when". */
  path: string;
  /** Where "all or any" is kept: "sections.0.items.3.enableBehavior", "flags.0.behavior". */
  behaviorPath: string;
  legend: string;
  hint: string;
  conditions: Condition[];
  behavior: ConditionBehavior;
  targets: PlacedItem[];
  onChange: (conditions: Condition[], behavior: ConditionBehavior) => void;
  /** A flag rule needs at least one condition; a display condition list may become empty. */
  keepOne?: boolean;
}

/** Conditions on earlier answers: which item, how it is compared, and with what; all or any of them. */
export function ConditionList({ path, behaviorPath, legend, hint, conditions, behavior, targets, onChange, keepOne = false }: ConditionListProps) {
  const { t } = useTranslation();
  const { form } = useEditor();
  const targetOf = (itemId: string) => targets.find((p) => p.item.id === itemId)?.item;
  const set = (list: Condition[]) => onChange(list, behavior);
  const change = (k: number, next: Condition) => set(replaced(conditions, k, next));
  const addId = `${form.id(path)}-add`;

  const setOperator = (k: number, choice: string) => {
    const c = conditions[k]!;
    const target = targetOf(c.itemId);
    if (choice.startsWith('exists:')) return change(k, { ...c, operator: 'exists', value: choice === 'exists:true' });
    const operator = choice as ConditionOperator;
    const keepsValue = c.operator !== 'exists' && (c.operator === 'gt' || c.operator === 'lt') === (operator === 'gt' || operator === 'lt');
    change(k, { ...c, operator, value: keepsValue ? c.value : defaultValue(target, operator) });
  };

  return (
    <Block path={path} legend={legend}>
      <p className="field__hint">{hint}</p>
      {targets.length === 0 && conditions.length === 0 && <p>{t('questionnaires.noEarlierItems')}</p>}
      {conditions.map((c, k) => {
        const at = `${path}.${k}`;
        const target = targetOf(c.itemId);
        const name = t('questionnaires.conditionN', { n: k + 1 });
        return (
          <Block key={k} path={at} legend={name}>
            <SelectField {...form.field(`${at}.itemId`)} label={t('questionnaires.conditionItem')} value={c.itemId} onChange={(e) => change(k, conditionOn(targetOf(e.target.value), e.target.value, c.operator))}>
              {!target && <option value={c.itemId}>{c.itemId}</option>}
              {targets.map((p) => <option key={p.item.id} value={p.item.id}>{itemChoiceLabel(p.item)}</option>)}
            </SelectField>
            <SelectField {...form.field(`${at}.operator`)} label={t('questionnaires.conditionOperator')} value={operatorChoice(c)} onChange={(e) => setOperator(k, e.target.value)}>
              {operatorChoices(target).map((op) => (
                <option key={op} value={op}>{t(`questionnaires.operator.${isChoice(target) && (op === 'gt' || op === 'lt') ? `${op}Score` : op.replace(':', '_')}`)}</option>
              ))}
            </SelectField>
            {c.operator !== 'exists' && <ConditionValue path={at} target={target} condition={c} onChange={(value) => change(k, { ...c, value })} />}
            <ListControls
              index={k}
              count={conditions.length}
              name={name}
              idFor={(i) => form.id(`${path}.${i}`)}
              onMove={(to) => set(moved(conditions, k, to))}
              onRemove={() => set(conditions.filter((_, i) => i !== k))}
              afterRemoveFocus={addId}
              removable={!keepOne || conditions.length > 1}
            />
          </Block>
        );
      })}
      {conditions.length > 1 && (
        <SelectField {...form.field(behaviorPath)} label={t('questionnaires.conditionBehavior')} value={behavior} onChange={(e) => onChange(conditions, e.target.value as ConditionBehavior)}>
          <option value="all">{t('questionnaires.behavior.all')}</option>
          <option value="any">{t('questionnaires.behavior.any')}</option>
        </SelectField>
      )}
      {targets.length > 0 && (
        <AddButton id={addId} focus={form.id(`${path}.${conditions.length}.itemId`)} onClick={() => set([...conditions, conditionOn(targets.at(-1)!.item, targets.at(-1)!.item.id)])}>
          {t('questionnaires.addCondition')}
        </AddButton>
      )}
    </Block>
  );
}
