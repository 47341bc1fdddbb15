/**
 * Questionnaire templates: the questions of an assessment form or a screening instrument as
 * data, shared by server and web. A template has sections of items; an item may be shown only
 * when earlier answers say so (`enableWhen`), and options may carry scores that scoring rules
 * add up into bands and flags. `validateTemplate` checks what the schema alone cannot.
 *
 * Texts are written inline in the template's `language` (English for the shipped ones). Other
 * languages are overlays in `translations[locale]`, addressed by the language-independent ids
 * (section id, item id, option code, scale value, score rule id, band code): anything missing
 * falls back to the inline text. `localizeTemplate` applies an overlay.
 *
 * Answers are checked and scored in `questionnaire-response.ts`; FHIR R4 mapping is in
 * `questionnaire-fhir.ts`.
 */
import { z } from 'zod';

/** Item, section and rule ids, and option codes: language-independent, stable across versions. */
export const questionnaireId = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/, 'Use letters, digits, "_", "." or "-", at most 64');
/** Band and flag codes: what reports and rules refer to. */
export const questionnaireCode = z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, 'Use lower-case letters, digits and "_", at most 40');
export const templateLocale = z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'Use a language tag such as "en" or "zh-Hans"');
const displayText = (max: number) => z.string().trim().min(1).max(max);
const isoDate = z.iso.date();

export const conditionOperators = ['equals', 'notEquals', 'exists', 'gt', 'lt', 'gte', 'lte'] as const;
export type ConditionOperator = (typeof conditionOperators)[number];
/** The operators that compare by order: numbers, dates, times, texts, and the scores of chosen options. */
export const orderedOperators: readonly ConditionOperator[] = ['gt', 'lt', 'gte', 'lte'];
export const isOrdered = (operator: ConditionOperator): boolean => orderedOperators.includes(operator);

/**
 * A test on an earlier answer. `exists` takes true or false. On a choice item, `equals` and
 * `notEquals` compare option codes (a multiple choice "equals" a code it includes; an open choice
 * also "equals" its free text) and the ordered operators (`gt`, `lt`, `gte`, `lte`) compare the
 * chosen option's score; on a quantity they compare its value. An unanswered item satisfies only
 * `exists: false`.
 */
export const condition = z.strictObject({
  itemId: questionnaireId,
  operator: z.enum(conditionOperators),
  value: z.union([z.string().max(200), z.number(), z.boolean()]),
});
export type Condition = z.infer<typeof condition>;
export const conditionBehavior = z.enum(['all', 'any']);
export type ConditionBehavior = z.infer<typeof conditionBehavior>;

/** A linkId or code of an imported FHIR Questionnaire, kept as it was so that export gives it back. */
const sourceIdentifier = z.string().min(1).max(255);

export const answerOption = z.strictObject({
  code: questionnaireId,
  text: displayText(500),
  score: z.int().optional(),
  /** The code system of an imported coding. */
  system: z.string().min(1).max(500).optional(),
  /** The imported code or value, when it is not a valid option code itself. */
  sourceCode: sourceIdentifier.optional(),
});
export type AnswerOption = z.infer<typeof answerOption>;

export const scaleLabel = z.strictObject({ value: z.int(), text: displayText(200) });

const itemBase = {
  id: questionnaireId,
  /** The linkId of the imported FHIR item, when it is not the id itself; export gives it back. */
  linkId: sourceIdentifier.optional(),
  /** The linkId of the imported FHIR help item, when it was not `<linkId>.help`. */
  helpLinkId: sourceIdentifier.optional(),
  text: displayText(1000),
  help: displayText(2000).optional(),
  required: z.boolean().default(false),
  enableWhen: z.array(condition).min(1).max(20).optional(),
  /** How several enableWhen conditions combine; all when not given. */
  enableBehavior: conditionBehavior.optional(),
};

/** Longest answers accepted when an item sets no maxLength; an attachment's answer says where the document is kept. */
export const defaultMaxLength = { short_text: 500, long_text: 20_000, attachment: 500, url: 2000, other: 500 } as const;
/** The widest scale: every step of a scale is an answer option in FHIR. */
export const maximumScaleSteps = 21;

const shortTextItem = z.strictObject({
  ...itemBase,
  type: z.literal('short_text'),
  maxLength: z.int().min(1).max(defaultMaxLength.short_text).optional(),
});
const longTextItem = z.strictObject({
  ...itemBase,
  type: z.literal('long_text'),
  maxLength: z.int().min(1).max(defaultMaxLength.long_text).optional(),
});
const numberItem = z.strictObject({
  ...itemBase,
  type: z.literal('number'),
  min: z.number().optional(),
  max: z.number().optional(),
  integer: z.boolean().default(false),
  unit: displayText(40).optional(),
});
const dateItem = z.strictObject({ ...itemBase, type: z.literal('date'), min: isoDate.optional(), max: isoDate.optional() });
const singleChoiceItem = z.strictObject({ ...itemBase, type: z.literal('single_choice'), options: z.array(answerOption).min(1).max(100) });
const multipleChoiceItem = z.strictObject({
  ...itemBase,
  type: z.literal('multiple_choice'),
  options: z.array(answerOption).min(1).max(100),
});
const yesNoItem = z.strictObject({ ...itemBase, type: z.literal('yes_no') });
/** Text to read – an instruction, a heading, a notice – with no answer of its own. */
const displayItem = z.strictObject({
  ...itemBase,
  type: z.literal('display'),
  text: displayText(5000),
  required: z.literal(false).default(false),
});
/** A date and a time of day (YYYY-MM-DDTHH:MM, in the agency's time zone). */
const dateTimeItem = z.strictObject({ ...itemBase, type: z.literal('date_time') });
/** A time of day (HH:MM). */
const timeItem = z.strictObject({ ...itemBase, type: z.literal('time') });
/** A web address (http or https). */
const urlItem = z.strictObject({ ...itemBase, type: z.literal('url') });
/**
 * A document the form asks for. Tillit does not keep files: the answer says where the document
 * is kept (a paper file, a document number, another system).
 */
const attachmentItem = z.strictObject({ ...itemBase, type: z.literal('attachment') });
export const quantityUnit = z.strictObject({
  code: z.string().trim().min(1).max(40),
  system: z.string().min(1).max(500).optional(),
  display: displayText(100).optional(),
});
export type QuantityUnit = z.infer<typeof quantityUnit>;
/** A measured amount and its unit: one of `units`, or any unit the person names when none are listed. */
const quantityItem = z.strictObject({ ...itemBase, type: z.literal('quantity'), units: z.array(quantityUnit).max(20).default([]) });
/** The options, or an answer in the person's own words; `multiple` allows several options besides. */
const openChoiceItem = z.strictObject({
  ...itemBase,
  type: z.literal('open_choice'),
  options: z.array(answerOption).max(100).default([]),
  multiple: z.boolean().default(false),
});
/** Whole numbers from min to max; labels name some or all of the steps. */
const scaleItem = z.strictObject({
  ...itemBase,
  type: z.literal('scale'),
  min: z.int(),
  max: z.int(),
  labels: z.array(scaleLabel).max(maximumScaleSteps).default([]),
});

const leafItems = [
  shortTextItem,
  longTextItem,
  numberItem,
  dateItem,
  dateTimeItem,
  timeItem,
  singleChoiceItem,
  multipleChoiceItem,
  openChoiceItem,
  yesNoItem,
  scaleItem,
  quantityItem,
  urlItem,
  attachmentItem,
  displayItem,
] as const;
export const leafItem = z.discriminatedUnion('type', leafItems);
export type LeafItem = z.infer<typeof leafItem>;
export type LeafItemInput = z.input<typeof leafItem>;

/** How deep groups may sit inside groups (a group in a section is at depth 1). */
export const maximumGroupDepth = 5;

const groupFields = {
  ...itemBase,
  type: z.literal('group'),
  minRepeats: z.int().min(0).max(100).default(0),
  maxRepeats: z.int().min(1).max(100).optional(),
};
const groupWithoutItems = z.strictObject(groupFields);
export type GroupItem = z.infer<typeof groupWithoutItems> & { items: QuestionItem[] };
export type GroupItemInput = z.input<typeof groupWithoutItems> & { items: QuestionItemInput[] };
export type QuestionItem = LeafItem | GroupItem;
export type QuestionItemInput = LeafItemInput | GroupItemInput;

/**
 * A block of sub-items answered once per instance, e.g. one per earlier treatment; with
 * `maxRepeats` 1 it is answered once. A group may hold groups of its own.
 */
export const groupItem = z.strictObject({
  ...groupFields,
  get items(): z.ZodArray<z.ZodType<QuestionItem, QuestionItemInput>> {
    return z.array(questionItem).min(1).max(100);
  },
});

// Named, so that the API description can refer to the recursive shape as one component.
export const questionItem: z.ZodType<QuestionItem, QuestionItemInput> = z
  .discriminatedUnion('type', [...leafItems, groupItem])
  .meta({ id: 'QuestionnaireItem' });
export type ItemType = QuestionItem['type'];
export const itemTypes: ItemType[] = [...leafItems.map((schema) => schema.shape.type.value), 'group'];
/** The item types that take an answer of their own (a display item and a group do not). */
export const hasOwnAnswer = (item: { type: ItemType }): boolean => item.type !== 'display' && item.type !== 'group';

export const templateSection = z.strictObject({
  id: questionnaireId,
  /** The linkId of the imported FHIR group, when it is not the id itself. */
  linkId: sourceIdentifier.optional(),
  title: displayText(300),
  items: z.array(questionItem).min(1).max(200),
});
export type TemplateSection = z.infer<typeof templateSection>;

/** Inclusive whole-number range of a total, e.g. 5–9 "mild". */
export const scoreBand = z.strictObject({ from: z.int(), to: z.int(), code: questionnaireCode, label: displayText(200) });
export type ScoreBand = z.infer<typeof scoreBand>;

/**
 * The sum of the scores of some items. Missing items are never prorated: with any contributing
 * item unanswered the score is incomplete and has no total. A hidden item counts as missing,
 * unless `whenHidden` is `zero` (for instruments whose skip logic scores skipped items 0).
 */
export const scoreRule = z.strictObject({
  id: questionnaireId,
  kind: z.literal('sum'),
  label: displayText(200),
  items: z.array(questionnaireId).min(1).max(200),
  bands: z.array(scoreBand).max(20).default([]),
  whenHidden: z.enum(['missing', 'zero']).default('missing'),
});
export type ScoreRule = z.infer<typeof scoreRule>;

/** Raises `flag` when the conditions on the answers hold, e.g. crisis on any self-harm answer. */
export const flagRule = z.strictObject({
  id: questionnaireId,
  flag: questionnaireCode,
  when: z.array(condition).min(1).max(20),
  behavior: conditionBehavior.default('all'),
});
export type FlagRule = z.infer<typeof flagRule>;

/** The flag that calls for a same-day safety follow-up by a supervisor. */
export const crisisFlag = 'crisis';

const translatedText = displayText(2000).optional();
export const templateTranslation = z.strictObject({
  title: translatedText,
  description: displayText(5000).optional(),
  /** Section titles by section id. */
  sections: z.record(questionnaireId, displayText(300)).optional(),
  items: z
    .record(
      questionnaireId,
      z.strictObject({
        text: translatedText,
        help: translatedText,
        /** Option texts by option code. */
        options: z.record(questionnaireId, displayText(500)).optional(),
        /** Scale labels by scale value. */
        labels: z.record(z.string().regex(/^-?\d+$/), displayText(200)).optional(),
      }),
    )
    .optional(),
  scores: z
    .record(
      questionnaireId,
      z.strictObject({
        label: translatedText,
        /** Band labels by band code. */
        bands: z.record(questionnaireCode, displayText(200)).optional(),
      }),
    )
    .optional(),
});
export type TemplateTranslation = z.infer<typeof templateTranslation>;

export const questionnaireTemplate = z.strictObject({
  key: z.string().regex(/^[a-z][a-z0-9-]{0,59}$/, 'Use lower-case letters, digits and "-"'),
  version: z.int().min(1),
  /** The language of the inline texts. */
  language: templateLocale.default('en'),
  title: displayText(300),
  description: displayText(5000).optional(),
  copyright: displayText(2000).optional(),
  sections: z.array(templateSection).min(1).max(50),
  scoring: z.array(scoreRule).max(20).default([]),
  flags: z.array(flagRule).max(20).default([]),
  translations: z.record(templateLocale, templateTranslation).default({}),
});
export type QuestionnaireTemplate = z.infer<typeof questionnaireTemplate>;
export type QuestionnaireTemplateInput = z.input<typeof questionnaireTemplate>;

export type AnyItem = QuestionItem | LeafItem;

/** Where an item stands: its section, its group if it is a sub-item, and its place in reading order. */
export interface ItemPlace {
  item: AnyItem;
  sectionId: string;
  /** The innermost group the item is in, or null for a top-level item. */
  groupId: string | null;
  /** Every group the item is in, outermost first. */
  groups: string[];
  order: number;
  path: string;
}

/** Every item by id, in reading order, sub-items after their group (the first of a repeated id wins). */
export function indexItems(template: QuestionnaireTemplate): Map<string, ItemPlace> {
  const index = new Map<string, ItemPlace>();
  const add = (item: AnyItem, sectionId: string, groups: string[], path: string) => {
    if (!index.has(item.id)) index.set(item.id, { item, sectionId, groupId: groups.at(-1) ?? null, groups, order: index.size, path });
    if (item.type === 'group') item.items.forEach((sub, j) => add(sub, sectionId, [...groups, item.id], `${path}.items[${j}]`));
  };
  template.sections.forEach((section, s) => {
    section.items.forEach((item, i) => add(item, section.id, [], `sections[${s}].items[${i}]`));
  });
  return index;
}

/** Calls `visit` for every item of the template, sub-items after their group, with its path and depth (1 at the top). */
export function forEachItem(template: QuestionnaireTemplate, visit: (item: AnyItem, path: string, groups: string[]) => void): void {
  const walk = (item: AnyItem, path: string, groups: string[]) => {
    visit(item, path, groups);
    if (item.type === 'group') item.items.forEach((sub, j) => walk(sub, `${path}.items[${j}]`, [...groups, item.id]));
  };
  template.sections.forEach((section, s) => {
    section.items.forEach((item, i) => walk(item, `sections[${s}].items[${i}]`, []));
  });
}

/** The score of a chosen option, or undefined when it has none. */
export function optionScore(item: AnyItem, code: string): number | undefined {
  return 'options' in item ? item.options.find((option) => option.code === code)?.score : undefined;
}

/** The lowest and highest score an item can contribute to a sum, or null when it cannot be summed. */
export function scoreRange(item: AnyItem): { min: number; max: number } | null {
  switch (item.type) {
    case 'single_choice': {
      const scores = item.options.map((option) => option.score);
      if (scores.some((score) => score === undefined)) return null;
      return { min: Math.min(...(scores as number[])), max: Math.max(...(scores as number[])) };
    }
    case 'scale':
      return { min: item.min, max: item.max };
    case 'number':
      return item.integer && item.min !== undefined && item.max !== undefined ? { min: item.min, max: item.max } : null;
    default:
      return null;
  }
}

export type TemplateProblemCode =
  | 'duplicate_id'
  | 'duplicate_rule_id'
  | 'duplicate_option_code'
  | 'duplicate_option_text'
  | 'duplicate_scale_label'
  | 'duplicate_unit'
  | 'group_too_deep'
  | 'duplicate_band_code'
  | 'duplicate_score_item'
  | 'range_invalid'
  | 'scale_label_out_of_range'
  | 'condition_unknown_item'
  | 'condition_not_earlier'
  | 'condition_out_of_scope'
  | 'condition_operator_invalid'
  | 'condition_value_invalid'
  | 'score_item_unknown'
  | 'score_item_in_group'
  | 'score_item_not_scorable'
  | 'band_inverted'
  | 'band_outside_range'
  | 'bands_gap'
  | 'bands_overlap'
  | 'translation_unknown_target';

export interface TemplateProblem {
  path: string;
  code: TemplateProblemCode;
  message: string;
}

type Report = (path: string, code: TemplateProblemCode, message: string) => void;

function reportRepeats<T>(values: readonly T[], keyOf: (value: T) => string, report: (index: number, key: string) => void): void {
  const seen = new Set<string>();
  values.forEach((value, index) => {
    const key = keyOf(value);
    if (seen.has(key)) report(index, key);
    seen.add(key);
  });
}

const isWholeInRange = (value: unknown, min: number, max: number) =>
  typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max;

const dateTimePattern = /^\d{4}-\d{2}-\d{2}T([01]\d|2[0-3]):[0-5]\d(:[0-5]\d)?$/;
const timePattern = /^([01]\d|2[0-3]):[0-5]\d(:[0-5]\d)?$/;
/** A date and time as YYYY-MM-DDTHH:MM (seconds allowed), on a real calendar day. */
export const isDateTime = (value: unknown): value is string =>
  typeof value === 'string' && dateTimePattern.test(value) && isoDate.safeParse(value.slice(0, 10)).success;
/** A time of day as HH:MM (seconds allowed). */
export const isTimeOfDay = (value: unknown): value is string => typeof value === 'string' && timePattern.test(value);

/** Why a condition's operator or value does not fit the item it tests, or null when it fits. */
function conditionMisfit(
  target: AnyItem,
  { operator, value }: Condition,
): { code: 'condition_operator_invalid' | 'condition_value_invalid'; message: string } | null {
  const wrongOperator = { code: 'condition_operator_invalid' as const, message: `"${operator}" cannot test a ${target.type} item` };
  const wrongValue = {
    code: 'condition_value_invalid' as const,
    message: `${JSON.stringify(value)} is not a possible answer to ${target.id}`,
  };
  if (target.type === 'group') return { code: 'condition_operator_invalid', message: 'A group has no answer of its own to test' };
  if (target.type === 'display') return { code: 'condition_operator_invalid', message: 'A display item has no answer to test' };
  if (operator === 'exists')
    return typeof value === 'boolean' ? null : { code: 'condition_value_invalid', message: '"exists" takes true or false' };
  const ordered = isOrdered(operator);
  switch (target.type) {
    case 'yes_no':
      return ordered ? wrongOperator : typeof value === 'boolean' ? null : wrongValue;
    case 'short_text':
    case 'long_text':
    case 'url':
    case 'attachment':
      return typeof value === 'string' ? null : wrongValue;
    case 'date':
      return isoDate.safeParse(value).success ? null : wrongValue;
    case 'date_time':
      return isDateTime(value) ? null : wrongValue;
    case 'time':
      return isTimeOfDay(value) ? null : wrongValue;
    case 'number':
    case 'quantity':
      return typeof value === 'number' ? null : wrongValue;
    case 'scale':
      return ordered ? (typeof value === 'number' ? null : wrongValue) : isWholeInRange(value, target.min, target.max) ? null : wrongValue;
    case 'single_choice':
    case 'multiple_choice':
    case 'open_choice':
      if (ordered) {
        if (target.options.length === 0 || target.options.some((option) => option.score === undefined))
          return {
            code: 'condition_operator_invalid',
            message: `"${operator}" compares scores, and not every option of ${target.id} has one`,
          };
        return typeof value === 'number' ? null : wrongValue;
      }
      if (target.type === 'open_choice') return typeof value === 'string' ? null : wrongValue;
      return target.options.some((option) => option.code === value) ? null : wrongValue;
  }
}

/**
 * Checks a condition's subject: it must exist, be a question in reach (a top-level item, or one
 * in the same group or a group around it – the same entry) and – for display conditions – come
 * earlier in reading order.
 */
function checkCondition(
  cond: Condition,
  path: string,
  index: Map<string, ItemPlace>,
  report: Report,
  from: { order: number; groups: string[] } | null,
): void {
  const target = index.get(cond.itemId);
  if (!target) {
    report(`${path}.itemId`, 'condition_unknown_item', `No item ${cond.itemId} in this template`);
    return;
  }
  if (target.groupId !== null && !from?.groups.includes(target.groupId)) {
    report(`${path}.itemId`, 'condition_out_of_scope', `${cond.itemId} belongs to group ${target.groupId}, out of reach here`);
    return;
  }
  if (from && target.order >= from.order) {
    report(`${path}.itemId`, 'condition_not_earlier', `${cond.itemId} does not come before the item it controls`);
    return;
  }
  const misfit = conditionMisfit(target.item, cond);
  if (misfit) report(path, misfit.code, misfit.message);
}

function checkItem(item: AnyItem, path: string, report: Report): void {
  if (item.type === 'number' && item.min !== undefined && item.max !== undefined && item.min > item.max)
    report(path, 'range_invalid', 'The minimum is above the maximum');
  if (item.type === 'date' && item.min && item.max && item.min > item.max)
    report(path, 'range_invalid', 'The earliest date is after the latest');
  if (item.type === 'group' && item.maxRepeats !== undefined && item.minRepeats > item.maxRepeats)
    report(path, 'range_invalid', 'More repeats are required than allowed');
  if (item.type === 'scale') {
    if (item.min >= item.max || item.max - item.min + 1 > maximumScaleSteps)
      report(path, 'range_invalid', `A scale runs upwards over 2 to ${maximumScaleSteps} steps`);
    item.labels.forEach((label, i) => {
      if (label.value < item.min || label.value > item.max)
        report(`${path}.labels[${i}]`, 'scale_label_out_of_range', `${label.value} is not on the scale`);
    });
    reportRepeats(
      item.labels,
      (label) => String(label.value),
      (i, value) => report(`${path}.labels[${i}]`, 'duplicate_scale_label', `${value} is labelled twice`),
    );
  }
  if (item.type === 'quantity')
    reportRepeats(
      item.units,
      (unit) => unit.code,
      (i, code) => report(`${path}.units[${i}].code`, 'duplicate_unit', `Unit ${code} is listed twice`),
    );
  if ('options' in item) {
    reportRepeats(
      item.options,
      (option) => option.code,
      (i, code) => report(`${path}.options[${i}].code`, 'duplicate_option_code', `Option code ${code} is used twice`),
    );
    reportRepeats(
      item.options,
      (option) => option.text.trim().toLocaleLowerCase(),
      (i) => report(`${path}.options[${i}].text`, 'duplicate_option_text', 'Two options have the same text'),
    );
  }
}

function checkBands(rule: ScoreRule, range: { min: number; max: number } | null, path: string, report: Report): void {
  if (rule.bands.length === 0) return;
  rule.bands.forEach((band, i) => {
    if (band.from > band.to) report(`${path}.bands[${i}]`, 'band_inverted', `Band ${band.code} ends before it starts`);
  });
  reportRepeats(
    rule.bands,
    (band) => band.code,
    (i, code) => report(`${path}.bands[${i}].code`, 'duplicate_band_code', `Band code ${code} is used twice`),
  );
  const sorted = rule.bands.map((band, i) => ({ band, i })).sort((a, b) => a.band.from - b.band.from);
  for (let k = 1; k < sorted.length; k++) {
    const previous = sorted[k - 1]!.band;
    const { band, i } = sorted[k]!;
    if (band.from <= previous.to) report(`${path}.bands[${i}]`, 'bands_overlap', `Bands ${previous.code} and ${band.code} overlap`);
    else if (band.from > previous.to + 1) report(`${path}.bands[${i}]`, 'bands_gap', `No band covers ${previous.to + 1}–${band.from - 1}`);
  }
  if (!range) return;
  const first = sorted[0]!;
  const last = sorted[sorted.length - 1]!;
  if (first.band.from < range.min) report(`${path}.bands[${first.i}]`, 'band_outside_range', `The total cannot be below ${range.min}`);
  if (first.band.from > range.min) report(`${path}.bands[${first.i}]`, 'bands_gap', `No band covers ${range.min}–${first.band.from - 1}`);
  if (last.band.to > range.max) report(`${path}.bands[${last.i}]`, 'band_outside_range', `The total cannot be above ${range.max}`);
  if (last.band.to < range.max) report(`${path}.bands[${last.i}]`, 'bands_gap', `No band covers ${last.band.to + 1}–${range.max}`);
}

function checkScoreRule(rule: ScoreRule, path: string, index: Map<string, ItemPlace>, report: Report): void {
  reportRepeats(
    rule.items,
    (id) => id,
    (i, id) => report(`${path}.items[${i}]`, 'duplicate_score_item', `${id} is counted twice`),
  );
  let range: { min: number; max: number } | null = { min: 0, max: 0 };
  rule.items.forEach((id, i) => {
    const place = index.get(id);
    let itemRange: { min: number; max: number } | null = null;
    if (!place) report(`${path}.items[${i}]`, 'score_item_unknown', `No item ${id} in this template`);
    else if (place.groupId !== null) report(`${path}.items[${i}]`, 'score_item_in_group', `${id} is inside a repeating group`);
    else {
      itemRange = scoreRange(place.item);
      if (!itemRange)
        report(
          `${path}.items[${i}]`,
          'score_item_not_scorable',
          `${id} cannot be summed: use a scale, a single choice with a score on every option, or a whole number with a minimum and maximum`,
        );
    }
    // A skipped item scored 0 widens the range to include 0.
    if (itemRange && rule.whenHidden === 'zero' && place?.item.enableWhen)
      itemRange = { min: Math.min(0, itemRange.min), max: Math.max(0, itemRange.max) };
    range = range && itemRange ? { min: range.min + itemRange.min, max: range.max + itemRange.max } : null;
  });
  checkBands(rule, range, path, report);
}

function checkTranslation(
  template: QuestionnaireTemplate,
  locale: string,
  translation: TemplateTranslation,
  index: Map<string, ItemPlace>,
  report: Report,
): void {
  const path = `translations.${locale}`;
  const unknown = (at: string, what: string) => report(`${path}.${at}`, 'translation_unknown_target', `No ${what} in this template`);
  for (const id of Object.keys(translation.sections ?? {}))
    if (!template.sections.some((s) => s.id === id)) unknown(`sections.${id}`, `section ${id}`);
  for (const [id, texts] of Object.entries(translation.items ?? {})) {
    const item = index.get(id)?.item;
    if (!item) {
      unknown(`items.${id}`, `item ${id}`);
      continue;
    }
    for (const code of Object.keys(texts.options ?? {}))
      if (!('options' in item && item.options.some((o) => o.code === code)))
        unknown(`items.${id}.options.${code}`, `option ${code} of ${id}`);
    for (const value of Object.keys(texts.labels ?? {}))
      if (!(item.type === 'scale' && item.labels.some((l) => String(l.value) === value)))
        unknown(`items.${id}.labels.${value}`, `label ${value} of ${id}`);
    if (texts.help && !item.help) unknown(`items.${id}.help`, `help text for ${id}`);
  }
  for (const [id, texts] of Object.entries(translation.scores ?? {})) {
    const rule = template.scoring.find((r) => r.id === id);
    if (!rule) unknown(`scores.${id}`, `score ${id}`);
    else
      for (const code of Object.keys(texts.bands ?? {}))
        if (!rule.bands.some((b) => b.code === code)) unknown(`scores.${id}.bands.${code}`, `band ${code} of ${id}`);
  }
}

/**
 * What is wrong with a template beyond its shape: repeated ids, conditions on later or unknown
 * items, options twice, bands that leave gaps or overlap or fall outside what the items can
 * add up to, translations of things that do not exist. Empty when the template can be used.
 */
export function validateTemplate(template: QuestionnaireTemplate): TemplateProblem[] {
  const problems: TemplateProblem[] = [];
  const report: Report = (path, code, message) => problems.push({ path, code, message });
  const index = indexItems(template);

  const seen = new Set<string>();
  const claim = (id: string, path: string) => {
    if (seen.has(id)) report(`${path}.id`, 'duplicate_id', `${id} is used twice`);
    seen.add(id);
  };
  const checkDisplayConditions = (item: AnyItem, path: string, groups: string[]) => {
    const place = index.get(item.id);
    // A repeated id was reported already; its conditions are judged from the first place.
    const from = place && place.path === path ? { order: place.order, groups } : { order: Number.POSITIVE_INFINITY, groups };
    item.enableWhen?.forEach((cond, c) => checkCondition(cond, `${path}.enableWhen[${c}]`, index, report, from));
  };
  template.sections.forEach((section, s) => claim(section.id, `sections[${s}]`));
  forEachItem(template, (item, path, groups) => {
    claim(item.id, path);
    checkItem(item, path, report);
    checkDisplayConditions(item, path, groups);
    if (item.type === 'group' && groups.length + 1 > maximumGroupDepth)
      report(path, 'group_too_deep', `Groups sit at most ${maximumGroupDepth} deep`);
  });

  const rules = [
    ...template.scoring.map((rule, r) => ({ id: rule.id, path: `scoring[${r}]` })),
    ...template.flags.map((rule, f) => ({ id: rule.id, path: `flags[${f}]` })),
  ];
  reportRepeats(
    rules,
    (rule) => rule.id,
    (i, id) => report(`${rules[i]!.path}.id`, 'duplicate_rule_id', `Rule id ${id} is used twice`),
  );
  template.scoring.forEach((rule, r) => checkScoreRule(rule, `scoring[${r}]`, index, report));
  template.flags.forEach((rule, f) => rule.when.forEach((cond, c) => checkCondition(cond, `flags[${f}].when[${c}]`, index, report, null)));
  for (const [locale, translation] of Object.entries(template.translations)) checkTranslation(template, locale, translation, index, report);
  return problems;
}

/** The overlay for a locale: exact, else its primary language ("nb-NO" → "nb"). */
function translationFor(template: QuestionnaireTemplate, locale: string): TemplateTranslation | undefined {
  return template.translations[locale] ?? template.translations[locale.split('-')[0]!];
}

function localizeItem<T extends AnyItem>(item: T, overlay: TemplateTranslation): T {
  const texts = overlay.items?.[item.id];
  const localized: AnyItem = { ...item, text: texts?.text ?? item.text };
  if (item.help) localized.help = texts?.help ?? item.help;
  if ('options' in localized)
    localized.options = localized.options.map((option) => ({ ...option, text: texts?.options?.[option.code] ?? option.text }));
  if (localized.type === 'scale')
    localized.labels = localized.labels.map((label) => ({ ...label, text: texts?.labels?.[String(label.value)] ?? label.text }));
  if (localized.type === 'group') localized.items = localized.items.map((sub) => localizeItem(sub, overlay));
  return localized as T;
}

/** The template with its texts in `locale` where a translation exists, the inline text elsewhere. */
export function localizeTemplate(template: QuestionnaireTemplate, locale: string): QuestionnaireTemplate {
  const overlay = locale === template.language ? undefined : translationFor(template, locale);
  if (!overlay) return template;
  const localized: QuestionnaireTemplate = {
    ...template,
    title: overlay.title ?? template.title,
    sections: template.sections.map((section) => ({
      ...section,
      title: overlay.sections?.[section.id] ?? section.title,
      items: section.items.map((item) => localizeItem(item, overlay)),
    })),
    scoring: template.scoring.map((rule) => {
      const texts = overlay.scores?.[rule.id];
      return {
        ...rule,
        label: texts?.label ?? rule.label,
        bands: rule.bands.map((band) => ({ ...band, label: texts?.bands?.[band.code] ?? band.label })),
      };
    }),
  };
  if (template.description) localized.description = overlay.description ?? template.description;
  return localized;
}
