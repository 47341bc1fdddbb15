/**
 * Answers to a questionnaire template: which items are shown, what is wrong with the answers,
 * and the scores and flags they give.
 *
 * Answers are keyed by item id; a repeating group's answer is a list of instances, each keyed by
 * sub-item id (a group inside it is again a list of instances). A quantity is `{ value, unit }`,
 * an open choice `{ codes, other }`. Empty text, an empty list, an open choice with neither
 * codes nor other text, and null all mean "not answered".
 *
 * An item is shown when its enableWhen conditions hold on the answers of shown items; an answer
 * to a hidden item is never used. `validateAnswers` rejects such answers (`hidden_item_answered`)
 * rather than storing what the person was not asked: a form clears them with `dropHiddenAnswers`
 * before saving. Invalid answers are treated as unanswered by `scoreResponse`, so a response is
 * validated before its scores are kept.
 */
import { z } from 'zod';
import { isCalendarDate } from '../../core/calendar-date.ts';
import {
  type AnyItem,
  type Condition,
  type ConditionBehavior,
  defaultMaxLength,
  type ItemPlace,
  indexItems,
  isDateTime,
  isTimeOfDay,
  optionScore,
  type QuestionnaireTemplate,
  type ScoreBand,
} from './questionnaire.rules.ts';

export const quantityAnswer = z.strictObject({ value: z.number(), unit: z.string().max(40).optional() });
export const openChoiceAnswer = z.strictObject({
  codes: z.array(z.string().max(200)).max(100),
  other: z.string().max(defaultMaxLength.other).optional(),
});
export type QuantityAnswer = z.infer<typeof quantityAnswer>;
export type OpenChoiceAnswer = z.infer<typeof openChoiceAnswer>;
const leafAnswer = z.union([
  z.string().max(20_000),
  z.number(),
  z.boolean(),
  z.null(),
  z.array(z.string().max(200)).max(100),
  quantityAnswer,
  openChoiceAnswer,
]);
export type LeafAnswer = z.infer<typeof leafAnswer>;
export type GroupInstance = { [itemId: string]: LeafAnswer | GroupInstance[] | undefined };
export type AnswerValue = LeafAnswer | GroupInstance[];
export type Answers = Record<string, AnswerValue | undefined>;
const groupAnswer: z.ZodType<GroupInstance[]> = z
  .lazy(() => z.array(z.record(z.string().max(64), z.union([leafAnswer, groupAnswer]))).max(100))
  .meta({ id: 'GroupAnswer' });
export const answerValue = z.union([leafAnswer, groupAnswer]);
export const answers = z.record(z.string().max(64), answerValue);

export type AnswerProblemCode =
  | 'required'
  | 'wrong_type'
  | 'not_integer'
  | 'out_of_range'
  | 'too_long'
  | 'invalid_date'
  | 'invalid_date_time'
  | 'invalid_time'
  | 'invalid_url'
  | 'unknown_unit'
  | 'too_many_selections'
  | 'not_answerable'
  | 'unknown_option'
  | 'duplicate_selection'
  | 'too_few_repeats'
  | 'too_many_repeats'
  | 'hidden_item_answered'
  | 'unknown_item';

/** path: the item id, or `group[i].subItem` inside a repeating group. */
export interface AnswerProblem {
  path: string;
  itemId: string;
  code: AnswerProblemCode;
  message: string;
}

const messages: Record<AnswerProblemCode, string> = {
  required: 'An answer is required',
  wrong_type: 'The answer has the wrong kind of value for this question',
  not_integer: 'Give a whole number',
  out_of_range: 'The answer is outside the allowed range',
  too_long: 'The answer is too long',
  invalid_date: 'Give a date as YYYY-MM-DD',
  invalid_date_time: 'Give a date and time as YYYY-MM-DDTHH:MM',
  invalid_time: 'Give a time as HH:MM',
  invalid_url: 'Give a web address starting with http:// or https://',
  unknown_unit: 'Choose one of the units',
  too_many_selections: 'Choose one option or write an answer, not both',
  not_answerable: 'This item is text to read and takes no answer',
  unknown_option: 'The answer is not one of the options',
  duplicate_selection: 'An option is chosen twice',
  too_few_repeats: 'Fewer entries than required',
  too_many_repeats: 'More entries than allowed',
  hidden_item_answered: 'The question is not shown for these answers; remove the answer',
  unknown_item: 'There is no such question in the template',
};

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

export function isEmptyAnswer(value: unknown): boolean {
  if (isRecord(value)) {
    if ('codes' in value)
      return (!Array.isArray(value.codes) || value.codes.length === 0) && (typeof value.other !== 'string' || value.other.trim() === '');
    if ('value' in value) return value.value === null || value.value === undefined;
  }
  return (
    value === undefined ||
    value === null ||
    (typeof value === 'string' && value.trim() === '') ||
    (Array.isArray(value) && value.length === 0)
  );
}

/** An absolute http or https address. */
function isWebAddress(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

const outside = (value: number | string, min: number | string | undefined, max: number | string | undefined) =>
  (min !== undefined && value < min) || (max !== undefined && value > max);

/** What is wrong with a non-empty answer to an item, or null. */
function valueProblem(item: AnyItem, value: unknown): AnswerProblemCode | null {
  switch (item.type) {
    case 'short_text':
    case 'long_text':
      if (typeof value !== 'string') return 'wrong_type';
      return [...value].length > (item.maxLength ?? defaultMaxLength[item.type]) ? 'too_long' : null;
    case 'number':
      if (typeof value !== 'number' || !Number.isFinite(value)) return 'wrong_type';
      if (item.integer && !Number.isInteger(value)) return 'not_integer';
      return outside(value, item.min, item.max) ? 'out_of_range' : null;
    case 'scale':
      if (typeof value !== 'number' || !Number.isFinite(value)) return 'wrong_type';
      if (!Number.isInteger(value)) return 'not_integer';
      return outside(value, item.min, item.max) ? 'out_of_range' : null;
    case 'date':
      if (typeof value !== 'string') return 'wrong_type';
      if (!isCalendarDate(value)) return 'invalid_date';
      return outside(value, item.min, item.max) ? 'out_of_range' : null;
    case 'date_time':
      if (typeof value !== 'string') return 'wrong_type';
      return isDateTime(value) ? null : 'invalid_date_time';
    case 'time':
      if (typeof value !== 'string') return 'wrong_type';
      return isTimeOfDay(value) ? null : 'invalid_time';
    case 'url':
      if (typeof value !== 'string') return 'wrong_type';
      if ([...value].length > defaultMaxLength.url) return 'too_long';
      return isWebAddress(value.trim()) ? null : 'invalid_url';
    case 'attachment':
      if (typeof value !== 'string') return 'wrong_type';
      return [...value].length > defaultMaxLength.attachment ? 'too_long' : null;
    case 'quantity': {
      const parsed = quantityAnswer.safeParse(value);
      if (!parsed.success || !Number.isFinite(parsed.data.value)) return 'wrong_type';
      const { unit } = parsed.data;
      if (item.units.length > 0 && !item.units.some((u) => u.code === unit)) return 'unknown_unit';
      return null;
    }
    case 'open_choice': {
      const parsed = openChoiceAnswer.safeParse(value);
      if (!parsed.success) return 'wrong_type';
      const { codes, other } = parsed.data;
      if (codes.some((code) => !item.options.some((option) => option.code === code))) return 'unknown_option';
      if (new Set(codes).size < codes.length) return 'duplicate_selection';
      if (!item.multiple && codes.length + (other?.trim() ? 1 : 0) > 1) return 'too_many_selections';
      return null;
    }
    case 'display':
      return 'not_answerable';
    case 'yes_no':
      return typeof value === 'boolean' ? null : 'wrong_type';
    case 'single_choice':
      if (typeof value !== 'string') return 'wrong_type';
      return item.options.some((option) => option.code === value) ? null : 'unknown_option';
    case 'multiple_choice':
      if (!Array.isArray(value) || value.some((code) => typeof code !== 'string')) return 'wrong_type';
      if (value.some((code) => !item.options.some((option) => option.code === code))) return 'unknown_option';
      return new Set(value).size < value.length ? 'duplicate_selection' : null;
    case 'group':
      if (!Array.isArray(value) || !value.every(isRecord)) return 'wrong_type';
      if (item.maxRepeats !== undefined && value.length > item.maxRepeats) return 'too_many_repeats';
      return value.length < item.minRepeats ? 'too_few_repeats' : null;
  }
}

/** The values an answer gives to compare: the chosen codes (and other text) of a choice, a quantity's value. */
function comparedValues(target: AnyItem, value: unknown): unknown[] {
  if (target.type === 'open_choice' && isRecord(value)) {
    const { codes, other } = value as OpenChoiceAnswer;
    return other?.trim() ? [...codes, other] : codes;
  }
  if (target.type === 'quantity' && isRecord(value)) return [(value as QuantityAnswer).value];
  return Array.isArray(value) ? value : [value];
}

const compare: Record<'gt' | 'lt' | 'gte' | 'lte', (a: number | string, b: number | string) => boolean> = {
  gt: (a, b) => a > b,
  lt: (a, b) => a < b,
  gte: (a, b) => a >= b,
  lte: (a, b) => a <= b,
};

/** Whether a condition holds for an item's usable answer (undefined when unanswered, hidden or invalid). */
function holds(cond: Condition, target: AnyItem | undefined, value: unknown): boolean {
  if (cond.operator === 'exists') return (value !== undefined) === cond.value;
  if (!target || value === undefined) return false;
  const chosen = comparedValues(target, value);
  switch (cond.operator) {
    case 'equals':
      return chosen.some((v) => v === cond.value);
    case 'notEquals':
      return !chosen.some((v) => v === cond.value);
    default: {
      const test = compare[cond.operator];
      const compared = 'options' in target ? chosen.map((code) => optionScore(target, code as string)) : chosen;
      return compared.some((v) => typeof v === typeof cond.value && test(v as number | string, cond.value as number | string));
    }
  }
}

export function conditionsHold(
  conditions: readonly Condition[],
  behavior: ConditionBehavior,
  answerOf: (itemId: string) => { item: AnyItem | undefined; value: unknown },
): boolean {
  const results = conditions.map((cond) => {
    const { item, value } = answerOf(cond.itemId);
    return holds(cond, item, value);
  });
  return behavior === 'any' ? results.some(Boolean) : results.every(Boolean);
}

/** One item as answered: shown or not, and its answer's problem if any. */
interface ResolvedItem {
  path: string;
  item: AnyItem;
  value: unknown;
  visible: boolean;
  problem: AnswerProblemCode | null;
}

interface Resolution {
  items: ResolvedItem[];
  /** Usable answers of shown top-level items. */
  usable: Map<string, unknown>;
  unknownPaths: { path: string; itemId: string }[];
}

/** Walks the template in reading order, deciding what is shown from the answers to what came before. */
function resolve(template: QuestionnaireTemplate, given: Answers): Resolution {
  const index = indexItems(template);
  const usable = new Map<string, unknown>();
  const items: ResolvedItem[] = [];
  const unknownPaths: Resolution['unknownPaths'] = [];

  /** `scopes`: the usable answers at the top level, then of each group entry around the item. */
  const visit = (item: AnyItem, path: string, value: unknown, scopes: Map<string, unknown>[]) => {
    const lookup = (id: string) => {
      const scope = scopes.findLast((s) => s.has(id));
      return { item: index.get(id)?.item, value: scope?.get(id) };
    };
    const visible = !item.enableWhen || conditionsHold(item.enableWhen, item.enableBehavior ?? 'all', lookup);
    const problem = isEmptyAnswer(value) ? null : valueProblem(item, value);
    items.push({ path, item, value, visible, problem });
    if (!visible || problem || isEmptyAnswer(value)) return;
    scopes.at(-1)!.set(item.id, value);
    if (item.type !== 'group') return;
    (value as GroupInstance[]).forEach((instance, i) => {
      const scope = new Map<string, unknown>();
      for (const sub of item.items) visit(sub, `${path}[${i}].${sub.id}`, instance[sub.id], [...scopes, scope]);
      for (const key of Object.keys(instance)) {
        if (!item.items.some((sub) => sub.id === key)) unknownPaths.push({ path: `${path}[${i}].${key}`, itemId: key });
      }
    });
  };

  for (const section of template.sections) {
    for (const item of section.items) visit(item, item.id, given[item.id], [usable]);
  }
  for (const key of Object.keys(given)) {
    const place: ItemPlace | undefined = index.get(key);
    if (!place || place.groupId !== null) unknownPaths.push({ path: key, itemId: key });
  }
  return { items, usable, unknownPaths };
}

/** Paths of the items shown for these answers, in reading order (sub-items once per instance). */
export function visibleItems(template: QuestionnaireTemplate, given: Answers): string[] {
  return resolve(template, given)
    .items.filter((r) => r.visible)
    .map((r) => r.path);
}

/** Every problem with the answers; empty when they can be saved. */
export function validateAnswers(template: QuestionnaireTemplate, given: Answers): AnswerProblem[] {
  const { items, unknownPaths } = resolve(template, given);
  const problems: AnswerProblem[] = unknownPaths.map(({ path, itemId }) => ({
    path,
    itemId,
    code: 'unknown_item',
    message: messages.unknown_item,
  }));
  for (const { path, item, value, visible, problem } of items) {
    const add = (code: AnswerProblemCode) => problems.push({ path, itemId: item.id, code, message: messages[code] });
    const empty = isEmptyAnswer(value);
    if (!visible) {
      if (!empty) add('hidden_item_answered');
    } else if (empty) {
      if (item.required) add('required');
      else if (item.type === 'group' && item.minRepeats > 0) add('too_few_repeats');
    } else if (problem) add(problem);
  }
  return problems;
}

/** The answers without those to hidden items; answers to shown items are kept as given. */
export function dropHiddenAnswers(template: QuestionnaireTemplate, given: Answers): Answers {
  const hidden = new Set(
    resolve(template, given)
      .items.filter((r) => !r.visible)
      .map((r) => r.path),
  );
  const prune = (value: AnswerValue | undefined, path: string): AnswerValue | undefined =>
    Array.isArray(value) && value.every(isRecord)
      ? (value as GroupInstance[]).map((instance, i) =>
          Object.fromEntries(
            Object.entries(instance)
              .filter(([sub]) => !hidden.has(`${path}[${i}].${sub}`))
              .map(([sub, v]) => [sub, prune(v, `${path}[${i}].${sub}`)]),
          ),
        )
      : value;
  const kept: Answers = {};
  for (const [id, value] of Object.entries(given)) {
    if (hidden.has(id)) continue;
    kept[id] = prune(value, id);
  }
  return kept;
}

export interface ScoreResult {
  ruleId: string;
  label: string;
  /** null unless every contributing item has a valid answer: totals are never prorated. */
  total: number | null;
  band: ScoreBand | null;
  complete: boolean;
  /** Contributing items with no answer (or hidden, where hidden counts as missing). */
  missingItems: string[];
  /** Contributing items whose answer is not valid. */
  invalidItems: string[];
}

export interface RaisedFlag {
  ruleId: string;
  flag: string;
}

export interface ScoredResponse {
  scores: ScoreResult[];
  flags: RaisedFlag[];
}

function contribution(item: AnyItem, value: unknown): number {
  return item.type === 'single_choice' ? (optionScore(item, value as string) ?? 0) : (value as number);
}

/** The totals, bands and flags the answers give. */
export function scoreResponse(template: QuestionnaireTemplate, given: Answers): ScoredResponse {
  const { items, usable } = resolve(template, given);
  const topLevel = new Map(items.filter((r) => r.path === r.item.id).map((r) => [r.item.id, r]));
  const scores = template.scoring.map((rule): ScoreResult => {
    const missingItems: string[] = [];
    const invalidItems: string[] = [];
    let sum = 0;
    for (const id of rule.items) {
      const resolved = topLevel.get(id);
      if (!resolved) missingItems.push(id);
      else if (!resolved.visible) {
        if (rule.whenHidden === 'missing') missingItems.push(id);
      } else if (isEmptyAnswer(resolved.value)) missingItems.push(id);
      else if (resolved.problem) invalidItems.push(id);
      else sum += contribution(resolved.item, resolved.value);
    }
    const complete = missingItems.length === 0 && invalidItems.length === 0;
    const total = complete ? sum : null;
    const band = total === null ? null : (rule.bands.find((b) => total >= b.from && total <= b.to) ?? null);
    return { ruleId: rule.id, label: rule.label, total, band, complete, missingItems, invalidItems };
  });
  const lookup = (id: string) => ({ item: topLevel.get(id)?.item, value: usable.get(id) });
  const flags = template.flags
    .filter((rule) => conditionsHold(rule.when, rule.behavior, lookup))
    .map((rule) => ({ ruleId: rule.id, flag: rule.flag }));
  return { scores, flags };
}
