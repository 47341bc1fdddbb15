/**
 * Answers as the fill-in form keeps them: everything typed stays in the form, while what is sent
 * is only what the server accepts as a half-filled questionnaire – shown items with valid answers.
 */

import type { AnyItem, GroupItem, QuestionItem, QuestionnaireTemplate } from '../../../areas/questionnaire/questionnaire.rules.ts';
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

/** The entries a group starts with: its minimum, and one for a group answered once. */
const startingEntries = (group: GroupItem) => Math.max(group.minRepeats, group.maxRepeats === 1 ? 1 : 0);

/**
 * A group shown with fewer entries than it needs gets empty ones to fill in (the server refuses
 * too few), and a group answered once gets its one entry; so do the groups inside each entry.
 */
export function withMinimumEntries(template: QuestionnaireTemplate, answers: Answers): Answers {
  const shown = new Set(visibleItems(template, answers));
  const fill = (items: QuestionItem[], values: GroupInstance, prefix: string): GroupInstance => {
    let next = values;
    for (const item of items) {
      const path = `${prefix}${item.id}`;
      if (item.type !== 'group' || !shown.has(path)) continue;
      const value = values[item.id];
      const given = Array.isArray(value) ? (value as GroupInstance[]) : [];
      const wanted = startingEntries(item);
      const entries = given.length >= wanted ? given : [...given, ...Array.from({ length: wanted - given.length }, () => ({}))];
      const filled = entries.map((entry, i) => fill(item.items, entry, `${path}[${i}].`));
      if (filled.some((entry, i) => entry !== given[i]) || filled.length !== given.length) next = { ...next, [item.id]: filled };
    }
    return next;
  };
  return fill(
    template.sections.flatMap((s) => s.items),
    answers as GroupInstance,
    '',
  ) as Answers;
}

/** The items and entry numbers a dotted answer path goes through ("children.0.child_age"); ids may contain dots. */
export function answerPathParts(template: QuestionnaireTemplate, path: string): { item: AnyItem; entry?: number }[] | null {
  let candidates: AnyItem[] = template.sections.flatMap((s) => s.items);
  let rest = path;
  const parts: { item: AnyItem; entry?: number }[] = [];
  while (rest) {
    const item = candidates.filter((c) => rest === c.id || rest.startsWith(`${c.id}.`)).sort((a, b) => b.id.length - a.id.length)[0];
    if (!item) return null;
    const part: { item: AnyItem; entry?: number } = { item };
    parts.push(part);
    rest = rest.slice(item.id.length + 1);
    if (!rest) break;
    const entry = /^(\d+)(\.|$)/.exec(rest);
    if (item.type !== 'group' || !entry) return null;
    part.entry = Number(entry[1]);
    rest = rest.slice(entry[0].length);
    candidates = item.items;
  }
  return parts;
}

/** The answer at a dotted path: "phq9_1", or "relatives.0.relative_relation" inside a group. */
export function answerAt(template: QuestionnaireTemplate, answers: Answers, path: string): unknown {
  const parts = answerPathParts(template, path);
  let value: unknown = answers;
  for (const { item, entry } of parts ?? []) {
    value = (value as GroupInstance | undefined)?.[item.id];
    if (entry !== undefined) value = Array.isArray(value) ? value[entry] : undefined;
  }
  return parts ? value : undefined;
}

/** The answers with one changed; an empty answer is left out. */
export function withAnswer(answers: Answers, itemId: string, value: AnswerValue | undefined): Answers {
  const { [itemId]: _old, ...rest } = answers;
  return isEmptyAnswer(value) && !Array.isArray(value) ? rest : { ...rest, [itemId]: value };
}

/** A group entry with one sub-answer changed; an empty answer is left out (an empty list of entries too). */
export function withSubAnswer(entry: GroupInstance, subId: string, value: LeafAnswer | GroupInstance[] | undefined): GroupInstance {
  const { [subId]: _old, ...rest } = entry;
  return isEmptyAnswer(value) ? rest : { ...rest, [subId]: value };
}

/** Problems with answers as typed, other than missing ones: shown at once, and such answers are not sent. */
export function typingProblems(template: QuestionnaireTemplate, answers: Answers): AnswerProblem[] {
  return validateAnswers(template, dropHiddenAnswers(template, answers)).filter((p) => p.code !== 'required');
}

/** The answers without the one at a path as `validateAnswers` names it: "g[0].sub", "g[0].inner[1].x". */
function without(answers: GroupInstance, path: string): GroupInstance {
  const match = /^([^[]+)\[(\d+)\]\.(.+)$/.exec(path);
  if (!match) return withSubAnswer(answers, path, undefined);
  const [, groupId, index, rest] = match as unknown as [string, string, string, string];
  const entries = answers[groupId];
  if (!Array.isArray(entries)) return answers;
  return {
    ...answers,
    [groupId]: (entries as GroupInstance[]).map((entry, i) => (i === Number(index) ? without(entry, rest) : entry)),
  };
}

/** What to send: the answers to shown items that are valid so far. */
export function savableAnswers(template: QuestionnaireTemplate, answers: Answers): Answers {
  let kept = dropHiddenAnswers(template, answers);
  for (const problem of validateAnswers(template, kept))
    if (problem.code !== 'required') kept = without(kept as GroupInstance, problem.path) as Answers;
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
