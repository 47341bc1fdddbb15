/**
 * Answers to a questionnaire template: which items are shown, what is wrong with the answers,
 * and the scores and flags they give.
 *
 * Answers are keyed by item id; a repeating group's answer is a list of instances, each keyed by
 * sub-item id. Empty text, an empty list and null all mean "not answered".
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
  optionScore,
  type QuestionnaireTemplate,
  type ScoreBand,
} from './questionnaire.rules.ts';

const leafAnswer = z.union([z.string().max(20_000), z.number(), z.boolean(), z.null(), z.array(z.string().max(200)).max(100)]);
export const answerValue = z.union([leafAnswer, z.array(z.record(z.string().max(64), leafAnswer)).max(100)]);
export const answers = z.record(z.string().max(64), answerValue);
export type LeafAnswer = z.infer<typeof leafAnswer>;
export type GroupInstance = Record<string, LeafAnswer | undefined>;
export type AnswerValue = LeafAnswer | GroupInstance[];
export type Answers = Record<string, AnswerValue | undefined>;

export type AnswerProblemCode =
  | 'required'
  | 'wrong_type'
  | 'not_integer'
  | 'out_of_range'
  | 'too_long'
  | 'invalid_date'
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
  unknown_option: 'The answer is not one of the options',
  duplicate_selection: 'An option is chosen twice',
  too_few_repeats: 'Fewer entries than required',
  too_many_repeats: 'More entries than allowed',
  hidden_item_answered: 'The question is not shown for these answers; remove the answer',
  unknown_item: 'There is no such question in the template',
};

export function isEmptyAnswer(value: unknown): boolean {
  return (
    value === undefined ||
    value === null ||
    (typeof value === 'string' && value.trim() === '') ||
    (Array.isArray(value) && value.length === 0)
  );
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

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

/** Whether a condition holds for an item's usable answer (undefined when unanswered, hidden or invalid). */
function holds(cond: Condition, target: AnyItem | undefined, value: unknown): boolean {
  if (cond.operator === 'exists') return (value !== undefined) === cond.value;
  if (!target || value === undefined) return false;
  const chosen = Array.isArray(value) ? (value as string[]) : [value];
  switch (cond.operator) {
    case 'equals':
      return chosen.some((v) => v === cond.value);
    case 'notEquals':
      return !chosen.some((v) => v === cond.value);
    case 'gt':
    case 'lt': {
      const compared =
        target.type === 'single_choice' || target.type === 'multiple_choice'
          ? chosen.map((code) => optionScore(target, code as string))
          : chosen;
      return compared.some(
        (v) =>
          typeof v === typeof cond.value &&
          (cond.operator === 'gt' ? (v as number | string) > cond.value : (v as number | string) < cond.value),
      );
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

  const visit = (item: AnyItem, path: string, value: unknown, parentVisible: boolean, scope: Map<string, unknown>) => {
    const lookup = (id: string) => ({ item: index.get(id)?.item, value: scope.has(id) ? scope.get(id) : usable.get(id) });
    const visible = parentVisible && (!item.enableWhen || conditionsHold(item.enableWhen, item.enableBehavior ?? 'all', lookup));
    const problem = isEmptyAnswer(value) ? null : valueProblem(item, value);
    items.push({ path, item, value, visible, problem });
    if (visible && !problem && !isEmptyAnswer(value)) scope.set(item.id, value);
    return { visible, problem };
  };

  for (const section of template.sections) {
    for (const item of section.items) {
      const value = given[item.id];
      const { visible, problem } = visit(item, item.id, value, true, usable);
      if (item.type !== 'group' || !visible || problem || !Array.isArray(value)) continue;
      (value as GroupInstance[]).forEach((instance, i) => {
        const scope = new Map<string, unknown>();
        for (const sub of item.items) visit(sub, `${item.id}[${i}].${sub.id}`, instance[sub.id], true, scope);
        for (const key of Object.keys(instance)) {
          if (!item.items.some((sub) => sub.id === key)) unknownPaths.push({ path: `${item.id}[${i}].${key}`, itemId: key });
        }
      });
    }
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
  const kept: Answers = {};
  for (const [id, value] of Object.entries(given)) {
    if (hidden.has(id)) continue;
    kept[id] =
      Array.isArray(value) && value.every(isRecord)
        ? (value as GroupInstance[]).map((instance, i) =>
            Object.fromEntries(Object.entries(instance).filter(([sub]) => !hidden.has(`${id}[${i}].${sub}`))),
          )
        : value;
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
