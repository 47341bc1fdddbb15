/**
 * What the template editor needs to know about a template beyond its schema: the items in reading
 * order (a display condition may only test an earlier one), fresh ids, and what an item of each
 * type starts with.
 */
import {
  type AnyItem,
  type Condition,
  type ConditionOperator,
  conditionOperators,
  forEachItem,
  hasOwnAnswer,
  type ItemType,
  isOrdered,
  type LeafItem,
  type QuestionItem,
  type QuestionnaireTemplate,
} from '../../../areas/questionnaire/questionnaire.rules.ts';
import { dotted } from './field-errors.ts';

export interface PlacedItem {
  item: AnyItem;
  /** The dotted form path, e.g. "sections.0.items.2" or "sections.0.items.2.items.0". */
  path: string;
  /** The id of the innermost group the item belongs to, or null for a top-level item. */
  groupId: string | null;
  /** Every group the item is in, outermost first. */
  groups: string[];
}

export function readingOrder(template: QuestionnaireTemplate): PlacedItem[] {
  const order: PlacedItem[] = [];
  forEachItem(template, (item, path, groups) => order.push({ item, path: dotted(path), groupId: groups.at(-1) ?? null, groups }));
  return order;
}

/** The items a display condition of the item at `path` may test: earlier questions in reach (in its groups or at the top). */
export function conditionTargets(template: QuestionnaireTemplate, path: string): PlacedItem[] {
  const order = readingOrder(template);
  const at = order.findIndex((p) => p.path === path);
  const own = order[at];
  return order
    .slice(0, Math.max(at, 0))
    .filter((p) => hasOwnAnswer(p.item) && (p.groupId === null || (own?.groups.includes(p.groupId) ?? false)));
}

/** The items a flag rule may test: every top-level question. */
export function flagTargets(template: QuestionnaireTemplate): PlacedItem[] {
  return readingOrder(template).filter((p) => p.groupId === null && hasOwnAnswer(p.item));
}

/** `base_n` with the lowest n that no section, item, option or rule uses yet. */
export function freshId(taken: Iterable<string>, base: string): string {
  const used = new Set(taken);
  let n = 1;
  while (used.has(`${base}_${n}`)) n++;
  return `${base}_${n}`;
}

export function idsInUse(template: QuestionnaireTemplate): string[] {
  return [
    ...template.sections.map((s) => s.id),
    ...readingOrder(template).map((p) => p.item.id),
    ...template.scoring.map((r) => r.id),
    ...template.flags.map((r) => r.id),
  ];
}

export const leafTypes = [
  'short_text',
  'long_text',
  'number',
  'quantity',
  'date',
  'date_time',
  'time',
  'single_choice',
  'multiple_choice',
  'open_choice',
  'yes_no',
  'scale',
  'url',
  'attachment',
  'display',
] as const satisfies readonly LeafItem['type'][];
export const allTypes = [...leafTypes, 'group'] as const satisfies readonly ItemType[];

/** The item as another type: what every item has is kept, the rest starts afresh. */
export function withType(item: AnyItem, type: ItemType, newId: (base: string) => string): QuestionItem {
  const base = {
    id: item.id,
    ...(item.linkId !== undefined ? { linkId: item.linkId } : {}),
    ...(item.helpLinkId !== undefined ? { helpLinkId: item.helpLinkId } : {}),
    text: item.text,
    required: item.required,
    ...(item.help !== undefined ? { help: item.help } : {}),
    ...(item.enableWhen ? { enableWhen: item.enableWhen } : {}),
    ...(item.enableBehavior ? { enableBehavior: item.enableBehavior } : {}),
  };
  switch (type) {
    case 'short_text':
    case 'long_text':
    case 'date':
    case 'date_time':
    case 'time':
    case 'url':
    case 'attachment':
    case 'yes_no':
      return { ...base, type };
    case 'display':
      return { ...base, type, required: false };
    case 'number':
      return { ...base, type, integer: false };
    case 'quantity':
      return { ...base, type, units: [] };
    case 'single_choice':
    case 'multiple_choice':
      return { ...base, type, options: 'options' in item && item.options.length > 0 ? item.options : [{ code: 'option_1', text: '' }] };
    case 'open_choice':
      return { ...base, type, options: 'options' in item ? item.options : [{ code: 'option_1', text: '' }], multiple: false };
    case 'scale':
      return { ...base, type, min: 0, max: 4, labels: [] };
    case 'group':
      return {
        ...base,
        type,
        required: false,
        items: [{ id: newId('question'), type: 'short_text', text: '', required: false }],
        minRepeats: 0,
      };
  }
}

const unordered = conditionOperators.filter((o) => !isOrdered(o));

/** The operators that can test an answer to `target`: texts, dates, times and numbers compare by order, choices by score. */
export function operatorsFor(target: AnyItem | undefined): readonly ConditionOperator[] {
  if (!target) return conditionOperators;
  if (target.type === 'yes_no' || target.type === 'url' || target.type === 'attachment') return unordered;
  if ('options' in target && (target.options.length === 0 || target.options.some((o) => o.score === undefined))) return unordered;
  return conditionOperators;
}

/** A value that fits the operator and the item it tests. */
export function defaultValue(target: AnyItem | undefined, operator: ConditionOperator): Condition['value'] {
  if (operator === 'exists' || target?.type === 'yes_no') return true;
  switch (target?.type) {
    case 'single_choice':
    case 'multiple_choice':
    case 'open_choice':
      return isOrdered(operator) ? 0 : (target.options[0]?.code ?? '');
    case 'scale':
      return target.min;
    case 'number':
      return target.min ?? 0;
    case 'quantity':
      return 0;
    case 'date_time':
      return '2000-01-01T00:00';
    case 'time':
      return '00:00';
    default:
      return '';
  }
}

/** A condition on `target`, keeping the operator when it still fits. */
export function conditionOn(target: AnyItem | undefined, itemId: string, operator: ConditionOperator = 'equals'): Condition {
  const op = operatorsFor(target).includes(operator) ? operator : 'equals';
  return { itemId, operator: op, value: defaultValue(target, op) };
}

/** The list with the entry at `from` moved to `to`. */
export function moved<T>(list: readonly T[], from: number, to: number): T[] {
  const copy = [...list];
  const [entry] = copy.splice(from, 1);
  copy.splice(to, 0, entry as T);
  return copy;
}

export const replaced = <T>(list: readonly T[], index: number, value: T): T[] => list.map((entry, i) => (i === index ? value : entry));
