import { useTranslation } from 'react-i18next';
import {
  type AnyItem,
  type Condition,
  type ConditionBehavior,
  type ConditionOperator,
  isOrdered,
} from '../../../areas/questionnaire/questionnaire.rules.ts';
import { SelectField, TextField } from '../../ui/fields.tsx';
import { Block, useEditor } from './editor-context.tsx';
import { EntryList } from './entry-list.tsx';
import { NumberField } from './number-field.tsx';
import { conditionOn, defaultValue, operatorsFor, type PlacedItem } from './template-model.ts';

/** An item as a choice in a list: its id and the start of its text. */
export function itemChoiceLabel(item: AnyItem): string {
  const text = item.text.length > 60 ? `${item.text.slice(0, 59)}…` : item.text;
  return text ? `${item.id} – ${text}` : item.id;
}

const isChoice = (item: AnyItem | undefined) =>
  item?.type === 'single_choice' || item?.type === 'multiple_choice' || item?.type === 'open_choice';

/** "exists" is shown as two choices, "is answered" and "is not answered". */
const operatorChoice = (c: Condition) => (c.operator === 'exists' ? `exists:${String(c.value)}` : c.operator);

function operatorChoices(target: AnyItem | undefined): string[] {
  return operatorsFor(target).flatMap((op) => (op === 'exists' ? ['exists:true', 'exists:false'] : [op]));
}

/** The value a condition compares with, as a control that fits the item tested. */
function ConditionValue({
  path,
  target,
  condition,
  onChange,
}: {
  path: string;
  target: AnyItem | undefined;
  condition: Condition;
  onChange: (value: Condition['value']) => void;
}) {
  const { t } = useTranslation();
  const { form } = useEditor();
  const field = { ...form.field(`${path}.value`), label: t('questionnaires.conditionValue') };
  const ordered = isOrdered(condition.operator);
  if (target?.type === 'yes_no') {
    return (
      <SelectField {...field} value={String(condition.value)} onChange={(e) => onChange(e.target.value === 'true')}>
        <option value="true">{t('common.yes')}</option>
        <option value="false">{t('common.no')}</option>
      </SelectField>
    );
  }
  if (isChoice(target) && !ordered && target && 'options' in target && target.type !== 'open_choice') {
    return (
      <SelectField {...field} value={String(condition.value)} onChange={(e) => onChange(e.target.value)}>
        {!target.options.some((o) => o.code === condition.value) && (
          <option value={String(condition.value)}>{String(condition.value)}</option>
        )}
        {target.options.map((o) => (
          <option key={o.code} value={o.code}>
            {o.text || o.code}
          </option>
        ))}
      </SelectField>
    );
  }
  const numeric = target?.type === 'scale' || target?.type === 'number' || target?.type === 'quantity';
  if ((ordered && (isChoice(target) || numeric)) || numeric) {
    return (
      <NumberField
        {...field}
        label={isChoice(target) ? t('questionnaires.conditionScore') : field.label}
        integer={target?.type === 'scale' || isChoice(target) || (target?.type === 'number' && target.integer)}
        value={typeof condition.value === 'number' ? condition.value : undefined}
        onChange={(v) => onChange(v ?? Number.NaN)}
      />
    );
  }
  return (
    <TextField
      {...field}
      type={target?.type === 'date' ? 'date' : target?.type === 'date_time' ? 'datetime-local' : target?.type === 'time' ? 'time' : 'text'}
      className="field--short"
      value={String(condition.value)}
      onChange={(e) => onChange(e.target.value)}
    />
  );
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

/** The condition with another comparison; the value is kept when it still fits. */
function withOperator(c: Condition, target: AnyItem | undefined, choice: string): Condition {
  if (choice.startsWith('exists:')) return { ...c, operator: 'exists', value: choice === 'exists:true' };
  const operator = choice as ConditionOperator;
  const keepsValue = c.operator !== 'exists' && isOrdered(c.operator) === isOrdered(operator);
  return { ...c, operator, value: keepsValue ? c.value : defaultValue(target, operator) };
}

/** Conditions on earlier answers: which item, how it is compared, and with what; all or any of them. */
export function ConditionList({
  path,
  behaviorPath,
  legend,
  hint,
  conditions,
  behavior,
  targets,
  onChange,
  keepOne = false,
}: ConditionListProps) {
  const { t } = useTranslation();
  const { form } = useEditor();
  const targetOf = (itemId: string) => targets.find((p) => p.item.id === itemId)?.item;
  const last = targets.at(-1);
  return (
    <Block path={path} legend={legend}>
      <p className="field__hint">{hint}</p>
      {!last && conditions.length === 0 && <p>{t('questionnaires.noEarlierItems')}</p>}
      <EntryList
        path={path}
        entries={conditions}
        onChange={(list) => onChange(list, behavior)}
        nameOf={(k) => t('questionnaires.conditionN', { n: k + 1 })}
        newEntry={() => conditionOn(last?.item, last?.item.id ?? '')}
        focusField="itemId"
        addLabel={t('questionnaires.addCondition')}
        keepOne={keepOne}
        canAdd={last !== undefined}
      >
        {(c, { at, change, replace }) => {
          const target = targetOf(c.itemId);
          return (
            <>
              <SelectField
                {...form.field(`${at}.itemId`)}
                label={t('questionnaires.conditionItem')}
                value={c.itemId}
                onChange={(e) => replace(conditionOn(targetOf(e.target.value), e.target.value, c.operator))}
              >
                {!target && <option value={c.itemId}>{c.itemId}</option>}
                {targets.map((p) => (
                  <option key={p.item.id} value={p.item.id}>
                    {itemChoiceLabel(p.item)}
                  </option>
                ))}
              </SelectField>
              <SelectField
                {...form.field(`${at}.operator`)}
                label={t('questionnaires.conditionOperator')}
                value={operatorChoice(c)}
                onChange={(e) => replace(withOperator(c, target, e.target.value))}
              >
                {operatorChoices(target).map((op) => (
                  <option key={op} value={op}>
                    {t(
                      `questionnaires.operator.${isChoice(target) && op !== 'exists:true' && op !== 'exists:false' && isOrdered(op as ConditionOperator) ? `${op}Score` : op.replace(':', '_')}`,
                    )}
                  </option>
                ))}
              </SelectField>
              {c.operator !== 'exists' && (
                <ConditionValue path={at} target={target} condition={c} onChange={(value) => change({ value })} />
              )}
            </>
          );
        }}
      </EntryList>
      {conditions.length > 1 && (
        <SelectField
          {...form.field(behaviorPath)}
          label={t('questionnaires.conditionBehavior')}
          value={behavior}
          onChange={(e) => onChange(conditions, e.target.value as ConditionBehavior)}
        >
          <option value="all">{t('questionnaires.behavior.all')}</option>
          <option value="any">{t('questionnaires.behavior.any')}</option>
        </SelectField>
      )}
    </Block>
  );
}
