/**
 * SMART checks of a service-plan goal: specific (a description that says something), measurable
 * (an indicator, a baseline and a different target), relevant (linked to an identified need,
 * directly or through its parent goal), time-bound (a due date in the future, within the plan
 * period and not after the parent goal's). Goals nest: long-term → intermediate → short-term; a
 * short-term goal always serves a larger one.
 *
 * Pure: `today` comes from the caller. Checks are made when a goal is set or changed; a goal
 * whose due date has passed since is a matter for evaluation, not an error.
 */
import type { z } from 'zod';
import { isCalendarDate } from '../../core/calendar-date.ts';
import type { goalLevel } from './plan.contract.ts';

export type GoalLevel = z.infer<typeof goalLevel>;

export interface SmartGoalInput {
  id?: string;
  level: GoalLevel;
  description?: string | null;
  /** How progress is measured, e.g. "nights a week slept in own flat". */
  indicator?: string | null;
  baseline?: string | null;
  target?: string | null;
  /** YYYY-MM-DD. */
  dueDate?: string | null;
  needId?: string | null;
  parentGoalId?: string | null;
}

export interface SmartContext {
  /** YYYY-MM-DD. */
  today: string;
  planPeriod?: { start: string; end: string } | null;
  /** The plan's goals, to find a parent by id; parent checks are skipped without them. */
  goals?: readonly SmartGoalInput[];
  /** The identified needs of the case; when given, a goal's need must be one of them. */
  needIds?: readonly string[];
}

export type SmartField = 'description' | 'indicator' | 'baseline' | 'target' | 'dueDate' | 'needId' | 'parentGoalId';
export type SmartCriterion = 'specific' | 'measurable' | 'relevant' | 'time_bound' | 'structure';

export type SmartProblemCode =
  | 'description_missing'
  | 'description_too_short'
  | 'description_vague'
  | 'indicator_missing'
  | 'baseline_missing'
  | 'target_missing'
  | 'target_equals_baseline'
  | 'due_date_missing'
  | 'due_date_invalid'
  | 'due_date_past'
  | 'due_date_before_plan_start'
  | 'due_date_after_plan_end'
  | 'due_date_after_parent'
  | 'need_missing'
  | 'need_unknown'
  | 'parent_missing'
  | 'parent_unknown'
  | 'parent_not_allowed'
  | 'parent_level_invalid';

/** A warning advises; an error stops the plan being put before the person for signature. */
export interface SmartProblem {
  code: SmartProblemCode;
  field: SmartField;
  criterion: SmartCriterion;
  severity: 'error' | 'warning';
  message: string;
}

const rules: Record<SmartProblemCode, Omit<SmartProblem, 'code'>> = {
  description_missing: { field: 'description', criterion: 'specific', severity: 'error', message: 'Describe the goal' },
  description_too_short: {
    field: 'description',
    criterion: 'specific',
    severity: 'error',
    message: 'Say what will be different, for whom, in a few more words',
  },
  description_vague: {
    field: 'description',
    criterion: 'specific',
    severity: 'warning',
    message: 'The description is vague: say what concretely will change',
  },
  indicator_missing: { field: 'indicator', criterion: 'measurable', severity: 'error', message: 'Say how progress will be measured' },
  baseline_missing: { field: 'baseline', criterion: 'measurable', severity: 'error', message: 'Record where things stand now' },
  target_missing: { field: 'target', criterion: 'measurable', severity: 'error', message: 'Record the level to reach' },
  target_equals_baseline: {
    field: 'target',
    criterion: 'measurable',
    severity: 'error',
    message: 'The target is the same as the baseline',
  },
  due_date_missing: {
    field: 'dueDate',
    criterion: 'time_bound',
    severity: 'error',
    message: 'Give a date by which the goal is to be reached',
  },
  due_date_invalid: { field: 'dueDate', criterion: 'time_bound', severity: 'error', message: 'Give the due date as YYYY-MM-DD' },
  due_date_past: { field: 'dueDate', criterion: 'time_bound', severity: 'error', message: 'The due date has passed' },
  due_date_before_plan_start: {
    field: 'dueDate',
    criterion: 'time_bound',
    severity: 'error',
    message: 'The due date is before the plan period starts',
  },
  due_date_after_plan_end: {
    field: 'dueDate',
    criterion: 'time_bound',
    severity: 'error',
    message: 'The due date is after the plan period ends',
  },
  due_date_after_parent: {
    field: 'dueDate',
    criterion: 'time_bound',
    severity: 'error',
    message: 'The due date is after that of the goal it serves',
  },
  need_missing: { field: 'needId', criterion: 'relevant', severity: 'error', message: 'Link the goal to an identified need' },
  need_unknown: {
    field: 'needId',
    criterion: 'relevant',
    severity: 'error',
    message: 'The linked need is not among the needs identified for this case',
  },
  parent_missing: {
    field: 'parentGoalId',
    criterion: 'structure',
    severity: 'error',
    message: 'A short-term goal serves an intermediate or long-term goal: choose which',
  },
  parent_unknown: { field: 'parentGoalId', criterion: 'structure', severity: 'error', message: 'The goal it serves is not in this plan' },
  parent_not_allowed: {
    field: 'parentGoalId',
    criterion: 'structure',
    severity: 'error',
    message: 'A long-term goal serves no other goal',
  },
  parent_level_invalid: {
    field: 'parentGoalId',
    criterion: 'structure',
    severity: 'error',
    message: 'A goal serves a goal of a longer term than its own',
  },
};

/** Words that carry no concrete content in a goal, in the app's languages: whole words, then stems. */
const vagueWords = new Set([
  'a',
  'an',
  'the',
  'to',
  'of',
  'in',
  'on',
  'and',
  'for',
  'with',
  'his',
  'her',
  'their',
  'my',
  'be',
  'get',
  'make',
  'more',
  'work',
  'try',
  'things',
  'life',
  'feel',
  'good',
  'well',
  'some',
  'stuff',
  'etc',
  'å',
  'att',
  'i',
  'en',
  'et',
  'ett',
  'med',
  'bli',
  'få',
  'mer',
  'ha',
  'det',
  'godt',
  'bra',
  'må',
  'sin',
  'sitt',
  'sine',
  'sina',
  'jobbe',
  'jobba',
  'в',
  'на',
  'и',
  'с',
  'над',
  'стать',
  'более',
  'лучше',
  'работать',
  'целом',
  'себя',
  'хорошо',
  'свою',
  'свой',
]);
const vagueStems = [
  'better',
  'improv',
  'situation',
  'general',
  'overall',
  'becom',
  'bedre',
  'bättre',
  'forbedr',
  'förbättr',
  'livet',
  'situasjon',
  'generel',
  'allmän',
  'улучш',
  'жизн',
  'ситуац',
  'чувств',
];
const isVagueWord = (word: string) => vagueWords.has(word) || vagueStems.some((stem) => word.startsWith(stem));
const vagueChinese = /改善|改進|改进|更好|提高|好转|好轉|生活|情况|情況|状况|狀況|一些|变得|變得|让|讓|使|的|了|更/g;
const han = /\p{Script=Han}/gu;

/** Roughly how many words the text has: space-separated words, plus one per two Chinese characters. */
function wordCount(text: string): number {
  const hanCount = text.match(han)?.length ?? 0;
  const words = text.replace(han, ' ').match(/[\p{L}\p{N}]+/gu)?.length ?? 0;
  return words + Math.ceil(hanCount / 2);
}

function isVague(text: string): boolean {
  const lower = text.toLocaleLowerCase();
  const words = lower.replace(han, ' ').match(/[\p{L}\p{N}]+/gu) ?? [];
  const concreteHan = (lower.replace(vagueChinese, '').match(han) ?? []).length;
  return words.every(isVagueWord) && concreteHan < 2;
}

/** The fewest words a goal is described in. */
export const minimumDescriptionWords = 3;

const blank = (value: string | null | undefined) => !value || value.trim() === '';
const normalized = (value: string) =>
  value
    .trim()
    .toLocaleLowerCase()
    .replace(/\s+/g, ' ')
    .replace(/[.!]+$/, '');
const rank: Record<GoalLevel, number> = { long_term: 0, intermediate: 1, short_term: 2 };

/** The goal's own need, or the nearest one up its chain of parents. */
function inheritedNeed(goal: SmartGoalInput, goals: readonly SmartGoalInput[]): string | null {
  const seen = new Set<SmartGoalInput>();
  let current: SmartGoalInput | undefined = goal;
  while (current && !seen.has(current)) {
    if (!blank(current.needId)) return current.needId!;
    seen.add(current);
    const parentId: string | null | undefined = current.parentGoalId;
    current = parentId ? goals.find((g) => g.id === parentId) : undefined;
  }
  return null;
}

function descriptionProblems(description: string | null | undefined): SmartProblemCode[] {
  if (blank(description)) return ['description_missing'];
  if (wordCount(description!) < minimumDescriptionWords) return ['description_too_short'];
  return isVague(description!) ? ['description_vague'] : [];
}

function measureProblems(goal: SmartGoalInput): SmartProblemCode[] {
  const found: SmartProblemCode[] = [];
  if (blank(goal.indicator)) found.push('indicator_missing');
  if (blank(goal.baseline)) found.push('baseline_missing');
  if (blank(goal.target)) found.push('target_missing');
  else if (!blank(goal.baseline) && normalized(goal.baseline!) === normalized(goal.target!)) found.push('target_equals_baseline');
  return found;
}

function dueDateProblems(goal: SmartGoalInput, context: SmartContext, parent: SmartGoalInput | undefined): SmartProblemCode[] {
  const due = goal.dueDate;
  if (blank(due)) return ['due_date_missing'];
  if (!isCalendarDate(due!)) return ['due_date_invalid'];
  const found: SmartProblemCode[] = [];
  if (due! < context.today) found.push('due_date_past');
  if (context.planPeriod && due! < context.planPeriod.start) found.push('due_date_before_plan_start');
  if (context.planPeriod && due! > context.planPeriod.end) found.push('due_date_after_plan_end');
  if (parent?.dueDate && isCalendarDate(parent.dueDate) && due! > parent.dueDate) found.push('due_date_after_parent');
  return found;
}

function structureProblems(goal: SmartGoalInput, context: SmartContext, parent: SmartGoalInput | undefined): SmartProblemCode[] {
  if (blank(goal.parentGoalId)) return goal.level === 'short_term' ? ['parent_missing'] : [];
  if (goal.level === 'long_term') return ['parent_not_allowed'];
  if (!context.goals) return [];
  if (!parent) return ['parent_unknown'];
  return rank[parent.level] < rank[goal.level] ? [] : ['parent_level_invalid'];
}

function needProblems(goal: SmartGoalInput, context: SmartContext): SmartProblemCode[] {
  if (!blank(goal.needId)) return context.needIds && !context.needIds.includes(goal.needId!) ? ['need_unknown'] : [];
  return inheritedNeed(goal, context.goals ?? []) ? [] : ['need_missing'];
}

/** What keeps the goal from being SMART, field by field; empty when nothing does. */
export function checkSmartGoal(goal: SmartGoalInput, context: SmartContext): SmartProblem[] {
  const parent = blank(goal.parentGoalId) ? undefined : context.goals?.find((g) => g.id === goal.parentGoalId);
  const servesLongerGoal = parent !== undefined && rank[parent.level] < rank[goal.level];
  const codes = [
    ...descriptionProblems(goal.description),
    ...measureProblems(goal),
    ...dueDateProblems(goal, context, servesLongerGoal ? parent : undefined),
    ...needProblems(goal, context),
    ...structureProblems(goal, context, parent),
  ];
  return codes.map((code) => ({ code, ...rules[code] }));
}

/** The SMART problems of every goal of a plan, each with the goal's id. */
export function checkPlanGoals(
  goals: readonly (SmartGoalInput & { id: string })[],
  context: Omit<SmartContext, 'goals'>,
): (SmartProblem & { goalId: string })[] {
  return goals.flatMap((goal) => checkSmartGoal(goal, { ...context, goals }).map((problem) => ({ goalId: goal.id, ...problem })));
}

export function hasBlockingProblems(problems: readonly SmartProblem[]): boolean {
  return problems.some((problem) => problem.severity === 'error');
}
