/**
 * Answers as the fill-in form keeps them: everything typed stays in the form, while what is sent
 * is only what the server accepts as a half-filled questionnaire – shown items with valid answers.
 */

import type { QuestionnaireTemplate } from '../../../areas/questionnaire/questionnaire.rules.ts';
import {
  type AnswerProblem,
  type Answers,
  type AnswerValue,
  dropHiddenAnswers,
  type GroupInstance,
  isEmptyAnswer,
  type LeafAnswer,
  validateAnswers,
  visibleItems,
} from '../../../areas/questionnaire/questionnaire-response.rules.ts';

/** A group shown with fewer entries than it needs gets empty ones to fill in (the server refuses too few). */
export function withMinimumEntries(template: QuestionnaireTemplate, answers: Answers): Answers {
  const shown = new Set(visibleItems(template, answers));
  let next = answers;
  for (const item of template.sections.flatMap((s) => s.items)) {
    if (item.type !== 'group' || item.minRepeats === 0 || !shown.has(item.id)) continue;
    const value = answers[item.id];
    const entries = Array.isArray(value) ? (value as GroupInstance[]) : [];
    if (entries.length >= item.minRepeats) continue;
    next = { ...next, [item.id]: [...entries, ...Array.from({ length: item.minRepeats - entries.length }, () => ({}))] };
  }
  return next;
}

/** The answers with one changed; an empty answer is left out. */
export function withAnswer(answers: Answers, itemId: string, value: AnswerValue | undefined): Answers {
  const { [itemId]: _old, ...rest } = answers;
  return isEmptyAnswer(value) && !Array.isArray(value) ? rest : { ...rest, [itemId]: value };
}

/** A group entry with one sub-answer changed. */
export function withSubAnswer(entry: GroupInstance, subId: string, value: LeafAnswer | undefined): GroupInstance {
  const { [subId]: _old, ...rest } = entry;
  return isEmptyAnswer(value) ? rest : { ...rest, [subId]: value };
}

/** Problems with answers as typed, other than missing ones: shown at once, and such answers are not sent. */
export function typingProblems(template: QuestionnaireTemplate, answers: Answers): AnswerProblem[] {
  return validateAnswers(template, dropHiddenAnswers(template, answers)).filter((p) => p.code !== 'required');
}

function without(answers: Answers, path: string): Answers {
  const match = /^(.+?)\[(\d+)\]\.(.+)$/.exec(path);
  if (!match) return withAnswer(answers, path, undefined);
  const [, groupId, index, subId] = match as unknown as [string, string, string, string];
  const entries = answers[groupId];
  if (!Array.isArray(entries)) return answers;
  return {
    ...answers,
    [groupId]: (entries as GroupInstance[]).map((entry, i) => (i === Number(index) ? withSubAnswer(entry, subId, undefined) : entry)),
  };
}

/** What to send: the answers to shown items that are valid so far. */
export function savableAnswers(template: QuestionnaireTemplate, answers: Answers): Answers {
  let kept = dropHiddenAnswers(template, answers);
  for (const problem of validateAnswers(template, kept)) if (problem.code !== 'required') kept = without(kept, problem.path);
  return dropHiddenAnswers(template, kept);
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * After someone else saved answers too: theirs, with every answer changed here since `base` (what
 * this form had when the server last took its answers) put on top – nothing typed here is lost.
 */
export function mergeAnswers(base: Answers, mine: Answers, theirs: Answers): Answers {
  const merged: Answers = { ...theirs };
  for (const id of new Set([...Object.keys(base), ...Object.keys(mine)])) {
    if (same(base[id], mine[id])) continue;
    if (mine[id] === undefined) delete merged[id];
    else merged[id] = mine[id];
  }
  return merged;
}
