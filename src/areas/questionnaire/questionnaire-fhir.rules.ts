/**
 * Questionnaire templates as FHIR R4 Questionnaire resources, and back.
 *
 * Sections are top-level groups; a repeating group is a group with `repeats` and the
 * minOccurs/maxOccurs extensions (a group answered once does not repeat); help text is a
 * `display` child with itemControl "help". Option scores use the core `ordinalValue` extension.
 * A scale is a `choice` item with one option per step, marked with Tillit's scale extension.
 * Translations use the core `translation` extension on the translated element (`_text`,
 * `_title`, `_display`). Score and flag rules have no FHIR element: they travel as Tillit
 * extensions on the Questionnaire. `fromFhirQuestionnaire(toFhirQuestionnaire(t))` gives `t` back.
 *
 * Questionnaires from elsewhere (the SDC implementation guide, LHC-Forms and the like): a linkId
 * that is not a valid item id ("/8302-2", "H1/T1/Q1") is mapped to one deterministically and kept
 * on the item (`linkId`), so that export gives the original back; so are option codes. The key
 * comes from the url, name or id when there is no Tillit identifier. Options come from
 * `answerOption` or a contained ValueSet; `ordinalValue` and `itemWeight` are scores. What the
 * template cannot represent – FHIRPath expressions, hidden items, value sets that are not in the
 * file, files, conditions that cannot be kept – is imported as near as it goes, each with a
 * warning for the administrator who checks the draft; only what is not a Questionnaire at all, or
 * breaks the template's limits, is refused.
 */
import { z } from 'zod';
import {
  type AnswerOption,
  type AnyItem,
  type Condition,
  type ConditionOperator,
  type FlagRule,
  indexItems,
  isOrdered,
  type QuestionnaireTemplate,
  questionnaireTemplate,
  type ScoreRule,
  type TemplateProblem,
  type TemplateTranslation,
  validateTemplate,
} from './questionnaire.rules.ts';

const core = 'http://hl7.org/fhir/StructureDefinition/';
const sdc = 'http://hl7.org/fhir/uv/sdc/StructureDefinition/';
export const fhirExtensionUrls = {
  translation: `${core}translation`,
  ordinalValue: `${core}ordinalValue`,
  itemWeight: `${core}itemWeight`,
  minValue: `${core}minValue`,
  maxValue: `${core}maxValue`,
  minOccurs: `${core}questionnaire-minOccurs`,
  maxOccurs: `${core}questionnaire-maxOccurs`,
  unit: `${core}questionnaire-unit`,
  unitOption: `${core}questionnaire-unitOption`,
  itemControl: `${core}questionnaire-itemControl`,
  hidden: `${core}questionnaire-hidden`,
  calculatedExpression: `${sdc}sdc-questionnaire-calculatedExpression`,
  enableWhenExpression: `${sdc}sdc-questionnaire-enableWhenExpression`,
  initialExpression: `${sdc}sdc-questionnaire-initialExpression`,
  answerExpression: `${sdc}sdc-questionnaire-answerExpression`,
  scale: 'urn:tillit:fhir:questionnaire-scale',
  scoreRule: 'urn:tillit:fhir:score-rule',
  flagRule: 'urn:tillit:fhir:flag-rule',
  /** The template's id of an item or section whose linkId is another (one imported from elsewhere). */
  itemId: 'urn:tillit:fhir:item-id',
} as const;
/** Extensions read as an option's score, the first one found winning. */
const scoreExtensionUrls = [
  fhirExtensionUrls.ordinalValue,
  fhirExtensionUrls.itemWeight,
  `${core}iso21090-CO-value`,
  `${core}valueset-ordinalValue`,
];
/** The identifier system of a template's key. */
export const templateKeySystem = 'urn:tillit:questionnaire';
const itemControlSystem = 'http://hl7.org/fhir/questionnaire-item-control';

export interface FhirElement {
  extension?: FhirExtension[];
}
export interface FhirCoding {
  system?: string;
  code?: string;
  display?: string;
  _display?: FhirElement;
  extension?: FhirExtension[];
}
export interface FhirQuantity {
  value?: number;
  unit?: string;
  system?: string;
  code?: string;
}
export interface FhirExtension {
  url: string;
  extension?: FhirExtension[];
  valueString?: string;
  _valueString?: FhirElement;
  valueCode?: string;
  valueInteger?: number;
  valueDecimal?: number;
  valueBoolean?: boolean;
  valueDate?: string;
  valueCoding?: FhirCoding;
  valueCodeableConcept?: { coding?: FhirCoding[] };
  valueExpression?: { expression?: string };
}
export interface FhirEnableWhen {
  question: string;
  operator: string;
  answerBoolean?: boolean;
  answerDecimal?: number;
  answerInteger?: number;
  answerDate?: string;
  answerDateTime?: string;
  answerTime?: string;
  answerString?: string;
  answerCoding?: FhirCoding;
  answerQuantity?: FhirQuantity;
}
export interface FhirAnswerOption {
  valueCoding?: FhirCoding;
  valueInteger?: number;
  valueString?: string;
  valueDate?: string;
  valueTime?: string;
  valueReference?: { reference?: string; display?: string };
  extension?: FhirExtension[];
}
export interface FhirQuestionnaireItem {
  linkId: string;
  text?: string;
  _text?: FhirElement;
  type: string;
  required?: boolean;
  repeats?: boolean;
  maxLength?: number;
  enableWhen?: FhirEnableWhen[];
  enableBehavior?: string;
  answerOption?: FhirAnswerOption[];
  answerValueSet?: string;
  initial?: unknown[];
  extension?: FhirExtension[];
  item?: FhirQuestionnaireItem[];
}
export interface FhirQuestionnaire {
  resourceType: 'Questionnaire';
  id?: string;
  url?: string;
  identifier?: { system?: string; value?: string }[];
  version?: string;
  name?: string;
  status?: string;
  language?: string;
  title?: string;
  _title?: FhirElement;
  description?: string;
  _description?: FhirElement;
  copyright?: string;
  contained?: Record<string, unknown>[];
  extension?: FhirExtension[];
  item?: FhirQuestionnaireItem[];
}

/** The object without its undefined fields and empty lists, so the JSON stays lean. */
function lean<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined && !(Array.isArray(v) && v.length === 0))) as T;
}

const operatorsToFhir: Record<ConditionOperator, string> = {
  equals: '=',
  notEquals: '!=',
  exists: 'exists',
  gt: '>',
  lt: '<',
  gte: '>=',
  lte: '<=',
};
const operatorsFromFhir = Object.fromEntries(Object.entries(operatorsToFhir).map(([ours, theirs]) => [theirs, ours])) as Record<
  string,
  ConditionOperator
>;

type PickText = (translation: TemplateTranslation) => string | undefined;

const fhirTypes: Record<AnyItem['type'], string> = {
  short_text: 'string',
  long_text: 'text',
  number: 'decimal',
  date: 'date',
  date_time: 'dateTime',
  time: 'time',
  single_choice: 'choice',
  multiple_choice: 'choice',
  open_choice: 'open-choice',
  yes_no: 'boolean',
  scale: 'choice',
  quantity: 'quantity',
  url: 'url',
  attachment: 'attachment',
  display: 'display',
  group: 'group',
};

// ---------------------------------------------------------------- template → FHIR

function exporter(template: QuestionnaireTemplate) {
  const index = indexItems(template);
  const linkIdOf = (item: { id: string; linkId?: string }) => item.linkId ?? item.id;
  /** The template's id travels along where the linkId is another. */
  const ownId = (item: { id: string; linkId?: string }): FhirExtension[] =>
    item.linkId !== undefined && item.linkId !== item.id ? [{ url: fhirExtensionUrls.itemId, valueString: item.id }] : [];

  /** The `_text`-style element carrying a text's translations, if it has any. */
  const translations = (pick: PickText): FhirElement | undefined => {
    const extension = Object.entries(template.translations).flatMap(([lang, translation]) => {
      const content = pick(translation);
      return content === undefined
        ? []
        : [
            {
              url: fhirExtensionUrls.translation,
              extension: [
                { url: 'lang', valueCode: lang },
                { url: 'content', valueString: content },
              ],
            },
          ];
    });
    return extension.length > 0 ? { extension } : undefined;
  };
  const itemTexts = (id: string) => (translation: TemplateTranslation) => translation.items?.[id];

  const conditionValue = (cond: Condition): Partial<FhirEnableWhen> => {
    const target = index.get(cond.itemId)?.item;
    const { value } = cond;
    if (typeof value === 'boolean') return { answerBoolean: value };
    const compared = cond.operator === 'equals' || cond.operator === 'notEquals';
    if (compared && target && 'options' in target) {
      const option = target.options.find((o) => o.code === value);
      if (option) return { answerCoding: lean({ system: option.system, code: option.sourceCode ?? option.code }) };
      if (target.type === 'open_choice') return { answerString: String(value) };
    }
    if (compared && (target?.type === 'single_choice' || target?.type === 'multiple_choice' || target?.type === 'scale'))
      return { answerCoding: { code: String(value) } };
    if (typeof value === 'number') {
      if (target?.type === 'quantity') return { answerQuantity: { value } };
      return Number.isInteger(value) ? { answerInteger: value } : { answerDecimal: value };
    }
    switch (target?.type) {
      case 'date':
        return { answerDate: value };
      case 'date_time':
        return { answerDateTime: value };
      case 'time':
        return { answerTime: value };
      default:
        return { answerString: value };
    }
  };

  const ordinal = (score: number | undefined): FhirExtension[] | undefined =>
    score === undefined ? undefined : [{ url: fhirExtensionUrls.ordinalValue, valueDecimal: score }];

  const answerOptions = (item: AnyItem): FhirAnswerOption[] | undefined => {
    const texts = itemTexts(item.id);
    if ('options' in item) {
      return item.options.map((option) =>
        lean({
          valueCoding: lean({
            system: option.system,
            code: option.sourceCode ?? option.code,
            display: option.text,
            _display: translations((t) => texts(t)?.options?.[option.code]),
          }),
          extension: ordinal(option.score),
        }),
      );
    }
    if (item.type !== 'scale') return undefined;
    return Array.from({ length: item.max - item.min + 1 }, (_, k) => {
      const value = item.min + k;
      const label = item.labels.find((l) => l.value === value);
      return {
        valueCoding: lean({
          code: String(value),
          display: label?.text,
          _display: label && translations((t) => texts(t)?.labels?.[String(value)]),
        }),
        extension: ordinal(value)!,
      };
    });
  };

  const bound = (url: string, value: number | string | undefined, integer: boolean): FhirExtension[] => {
    if (value === undefined) return [];
    if (typeof value === 'string') return [{ url, valueDate: value }];
    return [integer ? { url, valueInteger: value } : { url, valueDecimal: value }];
  };

  const itemExtensions = (item: AnyItem): FhirExtension[] => {
    switch (item.type) {
      case 'number':
        return [
          ...bound(fhirExtensionUrls.minValue, item.min, item.integer),
          ...bound(fhirExtensionUrls.maxValue, item.max, item.integer),
          ...(item.unit ? [{ url: fhirExtensionUrls.unit, valueCoding: { display: item.unit } }] : []),
        ];
      case 'date':
        return [...bound(fhirExtensionUrls.minValue, item.min, false), ...bound(fhirExtensionUrls.maxValue, item.max, false)];
      case 'scale':
        return [{ url: fhirExtensionUrls.scale, valueBoolean: true }];
      case 'quantity':
        return item.units.map((unit) => ({ url: fhirExtensionUrls.unitOption, valueCoding: lean({ ...unit }) }));
      case 'group':
        return [
          ...(item.minRepeats > 0 ? [{ url: fhirExtensionUrls.minOccurs, valueInteger: item.minRepeats }] : []),
          ...bound(fhirExtensionUrls.maxOccurs, item.maxRepeats, true),
        ];
      default:
        return [];
    }
  };

  const fhirType = (item: AnyItem): string => (item.type === 'number' && item.integer ? 'integer' : fhirTypes[item.type]);

  const repeats = (item: AnyItem): boolean =>
    item.type === 'multiple_choice' || (item.type === 'open_choice' && item.multiple) || (item.type === 'group' && item.maxRepeats !== 1);

  const help = (item: AnyItem): FhirQuestionnaireItem[] =>
    item.help === undefined
      ? []
      : [
          lean({
            linkId: item.helpLinkId ?? `${linkIdOf(item)}.help`,
            type: 'display',
            text: item.help,
            _text: translations((t) => itemTexts(item.id)(t)?.help),
            extension: [
              { url: fhirExtensionUrls.itemControl, valueCodeableConcept: { coding: [{ system: itemControlSystem, code: 'help' }] } },
            ],
          }),
        ];

  const item = (it: AnyItem): FhirQuestionnaireItem =>
    lean({
      linkId: linkIdOf(it),
      text: it.text,
      _text: translations((t) => itemTexts(it.id)(t)?.text),
      type: fhirType(it),
      required: it.required || undefined,
      repeats: repeats(it) || undefined,
      maxLength: it.type === 'short_text' || it.type === 'long_text' ? it.maxLength : undefined,
      enableWhen: it.enableWhen?.map((cond) => ({
        question: linkIdOf(index.get(cond.itemId)?.item ?? { id: cond.itemId }),
        operator: operatorsToFhir[cond.operator],
        ...conditionValue(cond),
      })),
      enableBehavior: it.enableBehavior,
      answerOption: answerOptions(it),
      extension: [...ownId(it), ...itemExtensions(it)],
      item: [...help(it), ...(it.type === 'group' ? it.items.map(item) : [])],
    });

  const field = (url: string, value: Omit<FhirExtension, 'url'>): FhirExtension => ({ url, ...value });
  const scoreRule = (rule: ScoreRule): FhirExtension => ({
    url: fhirExtensionUrls.scoreRule,
    extension: [
      field('id', { valueString: rule.id }),
      field('kind', { valueCode: rule.kind }),
      field('label', lean({ valueString: rule.label, _valueString: translations((t) => t.scores?.[rule.id]?.label) })),
      ...rule.items.map((id) => field('item', { valueString: id })),
      field('whenHidden', { valueCode: rule.whenHidden }),
      ...rule.bands.map((band) =>
        field('band', {
          extension: [
            field('from', { valueInteger: band.from }),
            field('to', { valueInteger: band.to }),
            field('code', { valueCode: band.code }),
            field('label', lean({ valueString: band.label, _valueString: translations((t) => t.scores?.[rule.id]?.bands?.[band.code]) })),
          ],
        }),
      ),
    ],
  });
  const conditionValueField = (value: Condition['value']) =>
    typeof value === 'boolean' ? { valueBoolean: value } : typeof value === 'number' ? { valueDecimal: value } : { valueString: value };
  const flagRule = (rule: FlagRule): FhirExtension => ({
    url: fhirExtensionUrls.flagRule,
    extension: [
      field('id', { valueString: rule.id }),
      field('flag', { valueCode: rule.flag }),
      field('behavior', { valueCode: rule.behavior }),
      ...rule.when.map((cond) =>
        field('condition', {
          extension: [
            field('item', { valueString: cond.itemId }),
            field('operator', { valueCode: cond.operator }),
            field('value', conditionValueField(cond.value)),
          ],
        }),
      ),
    ],
  });

  return { translations, item, ownId, linkIdOf, scoreRule, flagRule };
}

/** The template as a FHIR R4 Questionnaire (JSON-ready). */
export function toFhirQuestionnaire(template: QuestionnaireTemplate): FhirQuestionnaire {
  const out = exporter(template);
  return lean({
    resourceType: 'Questionnaire' as const,
    url: `${templateKeySystem}:${template.key}`,
    identifier: [{ system: templateKeySystem, value: template.key }],
    version: String(template.version),
    status: 'active',
    language: template.language,
    title: template.title,
    _title: out.translations((t) => t.title),
    description: template.description,
    _description: out.translations((t) => t.description),
    copyright: template.copyright,
    extension: [...template.scoring.map(out.scoreRule), ...template.flags.map(out.flagRule)],
    item: template.sections.map((section) =>
      lean({
        linkId: out.linkIdOf(section),
        text: section.title,
        _text: out.translations((t) => t.sections?.[section.id]),
        type: 'group',
        extension: out.ownId(section),
        item: section.items.map(out.item),
      }),
    ),
  });
}

// ---------------------------------------------------------------- FHIR → template

const fhirElement: z.ZodType<FhirElement> = z.looseObject({
  get extension() {
    return z.array(fhirExtension).optional();
  },
});
const fhirCoding: z.ZodType<FhirCoding> = z.looseObject({
  system: z.string().optional(),
  code: z.string().optional(),
  display: z.string().optional(),
  _display: fhirElement.optional(),
  get extension() {
    return z.array(fhirExtension).optional();
  },
});
const fhirQuantity = z.looseObject({
  value: z.number().optional(),
  unit: z.string().optional(),
  system: z.string().optional(),
  code: z.string().optional(),
});
/** The types of FHIR's value[x] and answer[x] that templates use. */
const choiceTypes = {
  Boolean: z.boolean(),
  Decimal: z.number(),
  Integer: z.int(),
  Date: z.string(),
  DateTime: z.string(),
  Time: z.string(),
  String: z.string(),
  Coding: fhirCoding,
  Quantity: fhirQuantity,
};
type ChoiceOf<P extends string> = { [K in keyof typeof choiceTypes as `${P}${K}`]: z.ZodOptional<(typeof choiceTypes)[K]> };
const choiceOf = <P extends string>(prefix: P) =>
  Object.fromEntries(Object.entries(choiceTypes).map(([type, schema]) => [`${prefix}${type}`, schema.optional()])) as ChoiceOf<P>;

const fhirExtension: z.ZodType<FhirExtension> = z.looseObject({
  url: z.string(),
  get extension() {
    return z.array(fhirExtension).optional();
  },
  ...choiceOf('value'),
  _valueString: fhirElement.optional(),
  valueCode: z.string().optional(),
  valueCodeableConcept: z.looseObject({ coding: z.array(fhirCoding).optional() }).optional(),
  valueExpression: z.looseObject({ expression: z.string().optional() }).optional(),
});
const fhirItem: z.ZodType<FhirQuestionnaireItem> = z.looseObject({
  linkId: z.string().min(1),
  text: z.string().optional(),
  _text: fhirElement.optional(),
  type: z.string(),
  required: z.boolean().optional(),
  repeats: z.boolean().optional(),
  maxLength: z.int().optional(),
  enableWhen: z.array(z.looseObject({ question: z.string(), operator: z.string(), ...choiceOf('answer') })).optional(),
  enableBehavior: z.string().optional(),
  answerOption: z
    .array(
      z.looseObject({
        valueCoding: fhirCoding.optional(),
        valueInteger: z.int().optional(),
        valueString: z.string().optional(),
        valueDate: z.string().optional(),
        valueTime: z.string().optional(),
        valueReference: z.looseObject({ reference: z.string().optional(), display: z.string().optional() }).optional(),
        extension: z.array(fhirExtension).optional(),
      }),
    )
    .optional(),
  answerValueSet: z.string().optional(),
  initial: z.array(z.unknown()).optional(),
  extension: z.array(fhirExtension).optional(),
  get item() {
    return z.array(fhirItem).optional();
  },
});
const fhirQuestionnaire = z.looseObject({
  resourceType: z.literal('Questionnaire'),
  id: z.string().optional(),
  url: z.string().optional(),
  identifier: z.array(z.looseObject({ system: z.string().optional(), value: z.string().optional() })).optional(),
  version: z.string().optional(),
  name: z.string().optional(),
  status: z.string().optional(),
  language: z.string().optional(),
  title: z.string().optional(),
  _title: fhirElement.optional(),
  description: z.string().optional(),
  _description: fhirElement.optional(),
  copyright: z.string().optional(),
  contained: z.array(z.looseObject({ resourceType: z.string(), id: z.string().optional() })).optional(),
  extension: z.array(fhirExtension).optional(),
  item: z.array(fhirItem).optional(),
});
type ParsedQuestionnaire = z.infer<typeof fhirQuestionnaire>;

/** The parts of a contained ValueSet that give options. */
interface ValueSetConcept {
  code?: string;
  display?: string;
  system?: string;
  extension?: FhirExtension[];
  contains?: ValueSetConcept[];
}
const valueSetConcept: z.ZodType<ValueSetConcept> = z.looseObject({
  code: z.string().optional(),
  display: z.string().optional(),
  system: z.string().optional(),
  extension: z.array(fhirExtension).optional(),
  get contains() {
    return z.array(valueSetConcept).optional();
  },
});
const containedValueSet = z.looseObject({
  resourceType: z.literal('ValueSet'),
  id: z.string().optional(),
  url: z.string().optional(),
  compose: z
    .looseObject({
      include: z.array(z.looseObject({ system: z.string().optional(), concept: z.array(valueSetConcept).optional() })).optional(),
    })
    .optional(),
  expansion: z.looseObject({ contains: z.array(valueSetConcept).optional() }).optional(),
});

export type FhirImportProblemCode = TemplateProblem['code'] | 'fhir_invalid' | 'fhir_unsupported' | 'template_invalid';
export interface FhirImportProblem {
  path: string;
  code: FhirImportProblemCode;
  message: string;
}

/** What the import could not keep as it was, for the administrator to check in the draft. */
export const fhirImportWarningCodes = [
  'calculated_expression',
  'enable_when_expression',
  'initial_value',
  'hidden_item',
  'options_not_included',
  'too_many_options',
  'attachment_not_kept',
  'reference_as_text',
  'repeats_ignored',
  'items_under_question',
  'score_not_whole',
  'condition_dropped',
  'text_missing',
  'text_shortened',
  'title_missing',
  'duplicate_link_id',
  'empty_group',
] as const;
export type FhirImportWarningCode = (typeof fhirImportWarningCodes)[number];
export interface FhirImportWarning {
  /** Where in the Questionnaire, e.g. `item[0].item[3]`. */
  path: string;
  /** The linkId of the item concerned, if one is. */
  linkId?: string;
  code: FhirImportWarningCode;
  message: string;
  /** The expression, value set, operator or value concerned. */
  detail?: string;
}
export type FhirImportResult =
  | { ok: true; template: QuestionnaireTemplate; warnings: FhirImportWarning[] }
  | { ok: false; problems: FhirImportProblem[] };

const warningMessages: Record<FhirImportWarningCode, string> = {
  calculated_expression: 'The value is calculated by an expression in the original; Tillit asks it like any other question',
  enable_when_expression: 'The item is shown by an expression in the original; Tillit shows it always',
  initial_value: 'The original fills in a first answer; Tillit starts the question empty',
  hidden_item: 'The item is hidden in the original; Tillit shows it',
  options_not_included:
    'The answer options are not in the file (a value set elsewhere or an expression); the question is answered in words',
  too_many_options: 'The question has more answer options than Tillit takes (100); it is answered in words',
  attachment_not_kept: 'The question asks for a file; Tillit keeps no files, so the answer says where the document is kept',
  reference_as_text: 'The question asks for a reference to another record; it is answered in words',
  repeats_ignored: 'The question may be answered several times in the original; Tillit takes one answer',
  items_under_question: 'Items nested under a question are placed after it',
  score_not_whole: 'An option weight that is not a whole number is left out of the scores',
  condition_dropped: 'A display condition could not be kept; the item is shown without it',
  text_missing: 'The item has no text; its linkId stands in for it',
  text_shortened: 'The text is longer than Tillit allows and was shortened',
  title_missing: 'The questionnaire has no title; its name stands in for it',
  duplicate_link_id: 'The linkId is used more than once; each use is a separate item',
  empty_group: 'A group without items is kept as text',
};

const extensionsOf = (element: FhirElement | undefined, url: string) => element?.extension?.filter((e) => e.url === url) ?? [];
const extensionOf = (element: FhirElement | undefined, url: string) => extensionsOf(element, url)[0];
const isHelp = (item: FhirQuestionnaireItem) =>
  item.type === 'display' &&
  extensionsOf(item, fhirExtensionUrls.itemControl).some((e) =>
    e.valueCodeableConcept?.coding?.some((c) => c.code === 'help' || c.code === 'flyover'),
  );
const boundOf = (element: FhirElement, url: string) => {
  const e = extensionOf(element, url);
  return e?.valueInteger ?? e?.valueDecimal ?? e?.valueDate;
};
const scoreOf = (extensions: FhirExtension[]): number | undefined => {
  for (const url of scoreExtensionUrls) {
    const e = extensions.find((x) => x.url === url);
    if (e) return e.valueDecimal ?? e.valueInteger;
  }
  return undefined;
};

/**
 * Ids in the template's format from foreign ones, the same way every time: characters outside
 * letters, digits, "_", "." and "-" become "_", a repeat gets "_2", "_3", …
 */
function idMaker() {
  const taken = new Set<string>();
  return (wanted: string | undefined, fallback: string): string => {
    const base =
      (wanted ?? '')
        .replace(/[^A-Za-z0-9_.-]+/g, '_')
        .replace(/^[^A-Za-z0-9]+/, '')
        .slice(0, 64) || fallback;
    let id = base;
    for (let n = 2; taken.has(id); n++) id = `${base.slice(0, 64 - `_${n}`.length)}_${n}`;
    taken.add(id);
    return id;
  };
}

/** A template key from a url, name or id: lower-case letters, digits and "-", starting with a letter. */
function keyFrom(value: string | undefined): string | undefined {
  if (!value) return undefined;
  let key = value
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  if (!key) return undefined;
  if (!/^[a-z]/.test(key)) key = `q-${key}`;
  return key.slice(0, 60).replace(/-+$/, '');
}

/** The most options a choice item takes. */
const maximumOptions = 100;

/** What an option was in the Questionnaire, to find it again from an enableWhen answer. */
interface SourceOption {
  code: string;
  value: string;
  system?: string;
  display?: string;
}
/** An item as imported, for the conditions that name it by linkId. */
interface Placed {
  id: string;
  order: number;
  type: string;
  options?: SourceOption[];
}
interface PendingConditions {
  node: Record<string, unknown>;
  raw: FhirEnableWhen[];
  path: string;
  linkId: string;
  order: number;
}

function importer(q: ParsedQuestionnaire, problems: FhirImportProblem[], warnings: FhirImportWarning[]) {
  const overlays: Record<string, TemplateTranslation> = {};
  const newId = idMaker();
  const byLinkId = new Map<string, Placed[]>();
  /** Where each item came from in the Questionnaire, by template id. */
  const sourcePaths = new Map<string, string>();
  const pending: PendingConditions[] = [];
  let order = 0;

  const warn = (path: string, linkId: string | undefined, code: FhirImportWarningCode, detail?: string) =>
    warnings.push(lean({ path, linkId, code, message: warningMessages[code], detail }));
  const unsupported = (path: string, message: string) => problems.push({ path, code: 'fhir_unsupported', message });

  /** Files the translations found on an element into the overlay of each language. */
  const learn = (element: FhirElement | undefined, file: (overlay: TemplateTranslation, content: string) => void) => {
    for (const translation of extensionsOf(element, fhirExtensionUrls.translation)) {
      const lang = extensionOf(translation, 'lang')?.valueCode;
      const content = extensionOf(translation, 'content')?.valueString;
      if (lang && content !== undefined) file((overlays[lang] ??= {}), content);
    }
  };
  const itemTexts = (overlay: TemplateTranslation, id: string) => ((overlay.items ??= {})[id] ??= {});
  const scoreTexts = (overlay: TemplateTranslation, id: string) => ((overlay.scores ??= {})[id] ??= {});

  /** A text within the template's limit; a longer one is shortened, with a warning. */
  const shortened = (text: string, max: number, path: string, linkId?: string): string => {
    if ([...text].length <= max) return text;
    warn(path, linkId, 'text_shortened');
    return `${[...text].slice(0, max - 1).join('')}…`;
  };

  /** The concepts of a contained ValueSet named by `answerValueSet` ("#id" or its url), or undefined when it is not in the file. */
  const valueSetConcepts = (reference: string): ValueSetConcept[] | undefined => {
    const canonical = reference.split('|')[0];
    for (const resource of q.contained ?? []) {
      const parsed = containedValueSet.safeParse(resource);
      if (!parsed.success) continue;
      const vs = parsed.data;
      if (reference !== `#${vs.id}` && (vs.url === undefined || vs.url !== canonical)) continue;
      const flatten = (list: ValueSetConcept[]): ValueSetConcept[] =>
        list.flatMap((c) => [...(c.code ? [c] : []), ...flatten(c.contains ?? [])]);
      const expanded = flatten(vs.expansion?.contains ?? []);
      if (expanded.length > 0) return expanded;
      const composed = (vs.compose?.include ?? []).flatMap((include) =>
        (include.concept ?? []).map((c) => ({ ...c, system: include.system })),
      );
      return composed.length > 0 ? composed : undefined;
    }
    return undefined;
  };

  const options = (fi: FhirQuestionnaireItem, id: string, path: string): { list: AnswerOption[]; source: SourceOption[] } => {
    type Entry = { coding?: FhirCoding; value?: string | number; extensions: FhirExtension[] };
    let entries: Entry[] = [];
    if (fi.answerOption?.length) {
      entries = fi.answerOption.map((o) =>
        o.valueCoding
          ? { coding: o.valueCoding, extensions: [...(o.extension ?? []), ...(o.valueCoding.extension ?? [])] }
          : {
              value:
                o.valueInteger ?? o.valueString ?? o.valueDate ?? o.valueTime ?? o.valueReference?.display ?? o.valueReference?.reference,
              extensions: o.extension ?? [],
            },
      );
    } else if (fi.answerValueSet) {
      const concepts = valueSetConcepts(fi.answerValueSet);
      if (concepts)
        entries = concepts.map((c) => ({ coding: { system: c.system, code: c.code, display: c.display }, extensions: c.extension ?? [] }));
    }
    const codeFor = idMaker();
    const texts = new Set<string>();
    const source: SourceOption[] = [];
    const list = entries.flatMap((entry, k): AnswerOption[] => {
      const value = entry.coding
        ? (entry.coding.code ?? entry.coding.display)
        : entry.value === undefined
          ? undefined
          : String(entry.value);
      if (value === undefined || value === '') return [];
      const code = codeFor(value, 'option');
      let text = shortened(entry.coding?.display?.trim() || value, 500, `${path}.answerOption[${k}]`, fi.linkId);
      if (texts.has(text.toLocaleLowerCase())) text = shortened(`${text} (${value})`, 500, `${path}.answerOption[${k}]`, fi.linkId);
      texts.add(text.toLocaleLowerCase());
      learn(entry.coding?._display, (o, c) => ((itemTexts(o, id).options ??= {})[code] = c));
      let score = scoreOf(entry.extensions) ?? (typeof entry.value === 'number' ? entry.value : undefined);
      if (score !== undefined && !Number.isInteger(score)) {
        warn(`${path}.answerOption[${k}]`, fi.linkId, 'score_not_whole', String(score));
        score = undefined;
      }
      source.push(lean({ code, value, system: entry.coding?.system, display: entry.coding?.display }));
      return [lean({ code, text, score, system: entry.coding?.system, sourceCode: value !== code ? value : undefined })];
    });
    return { list, source };
  };

  const scale = (fi: FhirQuestionnaireItem, id: string) => {
    const steps = (fi.answerOption ?? []).map((option) => ({
      value: Number(option.valueCoding?.code ?? option.valueInteger),
      coding: option.valueCoding,
    }));
    const values = steps.map((step) => step.value);
    const labels = steps
      .filter((step) => step.coding?.display !== undefined)
      .map((step) => {
        learn(step.coding?._display, (o, c) => ((itemTexts(o, id).labels ??= {})[String(step.value)] = c));
        return { value: step.value, text: step.coding!.display! };
      });
    return { min: Math.min(...values), max: Math.max(...values), labels };
  };

  const units = (fi: FhirQuestionnaireItem) => {
    const seen = new Set<string>();
    return [...extensionsOf(fi, fhirExtensionUrls.unitOption), ...extensionsOf(fi, fhirExtensionUrls.unit)].flatMap((e) => {
      const coding = e.valueCoding;
      const code = (coding?.code ?? coding?.display)?.trim().slice(0, 40);
      if (!code || seen.has(code)) return [];
      seen.add(code);
      return [
        lean({
          code,
          system: coding?.system,
          display: coding?.display && coding.display !== code ? coding.display.slice(0, 100) : undefined,
        }),
      ];
    });
  };

  /** Warnings for what an item does in its original that the template does not. */
  const noteBehaviour = (fi: FhirQuestionnaireItem, path: string) => {
    const expression = (url: string) => extensionOf(fi, url)?.valueExpression?.expression;
    if (extensionOf(fi, fhirExtensionUrls.calculatedExpression))
      warn(path, fi.linkId, 'calculated_expression', expression(fhirExtensionUrls.calculatedExpression));
    if (extensionOf(fi, fhirExtensionUrls.enableWhenExpression))
      warn(path, fi.linkId, 'enable_when_expression', expression(fhirExtensionUrls.enableWhenExpression));
    if (extensionOf(fi, fhirExtensionUrls.initialExpression))
      warn(path, fi.linkId, 'initial_value', expression(fhirExtensionUrls.initialExpression));
    else if (fi.initial?.length) warn(path, fi.linkId, 'initial_value');
    if (extensionOf(fi, fhirExtensionUrls.hidden)?.valueBoolean) warn(path, fi.linkId, 'hidden_item');
  };

  /** One Questionnaire item as template items: itself, then any items that were nested under it as a question. */
  const convert = (fi: FhirQuestionnaireItem, path: string, depth: number): Record<string, unknown>[] => {
    if (byLinkId.has(fi.linkId)) warn(path, fi.linkId, 'duplicate_link_id');
    const id = newId(extensionOf(fi, fhirExtensionUrls.itemId)?.valueString ?? fi.linkId, 'item');
    const place: Placed = { id, order: order++, type: '' };
    sourcePaths.set(id, path);
    byLinkId.set(fi.linkId, [...(byLinkId.get(fi.linkId) ?? []), place]);

    const helpItem = fi.type === 'display' ? undefined : fi.item?.find(isHelp);
    const children = (fi.item ?? []).filter((child) => child !== helpItem);
    learn(fi._text, (o, c) => (itemTexts(o, id).text = c));
    learn(helpItem?._text, (o, c) => (itemTexts(o, id).help = c));
    let text = fi.text?.trim();
    if (!text) {
      warn(path, fi.linkId, 'text_missing');
      text = fi.linkId;
    }
    noteBehaviour(fi, path);
    const base = lean({
      id,
      linkId: fi.linkId !== id ? fi.linkId : undefined,
      helpLinkId: helpItem && helpItem.linkId !== `${fi.linkId}.help` ? helpItem.linkId : undefined,
      text: shortened(text, fi.type === 'display' || (fi.type === 'group' && children.length === 0) ? 5000 : 1000, path, fi.linkId),
      help: helpItem?.text ? shortened(helpItem.text, 2000, path, fi.linkId) : undefined,
      required: fi.required ?? false,
      enableBehavior: fi.enableBehavior,
    });
    const once = () => {
      if (fi.repeats) warn(path, fi.linkId, 'repeats_ignored');
    };
    let node: Record<string, unknown>;
    switch (fi.type) {
      case 'string':
      case 'text': {
        once();
        const long = fi.type === 'text' || (fi.maxLength ?? 0) > 500;
        node = lean({ ...base, type: long ? 'long_text' : 'short_text', maxLength: fi.maxLength && Math.min(fi.maxLength, 20_000) });
        break;
      }
      case 'integer':
      case 'decimal': {
        once();
        const unit = extensionOf(fi, fhirExtensionUrls.unit)?.valueCoding;
        node = lean({
          ...base,
          type: 'number',
          integer: fi.type === 'integer',
          min: boundOf(fi, fhirExtensionUrls.minValue),
          max: boundOf(fi, fhirExtensionUrls.maxValue),
          unit: (unit?.display ?? unit?.code)?.slice(0, 40),
        });
        break;
      }
      case 'date':
        once();
        node = lean({ ...base, type: 'date', min: boundOf(fi, fhirExtensionUrls.minValue), max: boundOf(fi, fhirExtensionUrls.maxValue) });
        break;
      case 'dateTime':
      case 'time':
      case 'url':
        once();
        node = { ...base, type: fi.type === 'dateTime' ? 'date_time' : fi.type };
        break;
      case 'boolean':
        once();
        node = { ...base, type: 'yes_no' };
        break;
      case 'quantity':
        once();
        node = lean({ ...base, type: 'quantity', units: units(fi) });
        break;
      case 'attachment':
        once();
        warn(path, fi.linkId, 'attachment_not_kept');
        node = { ...base, type: 'attachment' };
        break;
      case 'reference':
        once();
        warn(path, fi.linkId, 'reference_as_text');
        node = { ...base, type: 'short_text' };
        break;
      case 'display':
        node = { ...base, type: 'display', required: false };
        break;
      case 'choice':
      case 'open-choice': {
        if (fi.type === 'choice' && extensionOf(fi, fhirExtensionUrls.scale)?.valueBoolean) {
          node = { ...base, type: 'scale', ...scale(fi, id) };
          break;
        }
        const offered = options(fi, id, path);
        const tooMany = offered.list.length > maximumOptions;
        if (tooMany) warn(path, fi.linkId, 'too_many_options', String(offered.list.length));
        const list = tooMany ? [] : offered.list;
        place.options = tooMany ? [] : offered.source;
        if (offered.list.length === 0)
          warn(
            path,
            fi.linkId,
            'options_not_included',
            fi.answerValueSet ?? extensionOf(fi, fhirExtensionUrls.answerExpression)?.valueExpression?.expression,
          );
        if (fi.type === 'open-choice') node = lean({ ...base, type: 'open_choice', options: list, multiple: fi.repeats ?? false });
        else if (list.length === 0) node = { ...base, type: fi.repeats ? 'long_text' : 'short_text' };
        else node = { ...base, type: fi.repeats ? 'multiple_choice' : 'single_choice', options: list };
        break;
      }
      case 'group': {
        const items = children.flatMap((child) => convert(child, `${path}.item[${fi.item!.indexOf(child)}]`, depth + 1));
        if (items.length === 0) {
          warn(path, fi.linkId, 'empty_group');
          node = { ...base, type: 'display', required: false };
          break;
        }
        node = lean({
          ...base,
          type: 'group',
          items,
          minRepeats: boundOf(fi, fhirExtensionUrls.minOccurs) ?? 0,
          maxRepeats: boundOf(fi, fhirExtensionUrls.maxOccurs) ?? (fi.repeats ? undefined : 1),
        });
        break;
      }
      default:
        unsupported(path, `Item type ${fi.type} is not supported`);
        return [];
    }
    place.type = String(node.type);
    if (fi.enableWhen?.length) pending.push({ node, raw: fi.enableWhen, path, linkId: fi.linkId, order: place.order });
    if (fi.type === 'group' || children.length === 0) return [node];
    warn(`${path}.item`, fi.linkId, 'items_under_question');
    return [node, ...children.flatMap((child) => convert(child, `${path}.item[${fi.item!.indexOf(child)}]`, depth))];
  };

  /** The value a condition compares with, in the template's terms, or undefined when none fits. */
  const conditionValue = (raw: FhirEnableWhen, target: Placed, operator: ConditionOperator): Condition['value'] | undefined => {
    if (operator === 'exists') return raw.answerBoolean ?? true;
    const coding = raw.answerCoding;
    const primitive =
      raw.answerBoolean ??
      raw.answerInteger ??
      raw.answerDecimal ??
      raw.answerDate ??
      raw.answerDateTime ??
      raw.answerTime ??
      raw.answerString ??
      raw.answerQuantity?.value;
    if (target.options && !isOrdered(operator)) {
      const found = coding
        ? (target.options.find((o) => o.value === coding.code && (!coding.system || !o.system || o.system === coding.system)) ??
          target.options.find((o) => coding.display !== undefined && o.display === coding.display))
        : target.options.find((o) => o.value === String(primitive));
      if (found) return found.code;
      if (target.type !== 'open_choice') return undefined;
      return coding ? (coding.display ?? coding.code) : typeof primitive === 'string' ? primitive : undefined;
    }
    if (coding?.code !== undefined) return target.type === 'scale' && /^-?\d+$/.test(coding.code) ? Number(coding.code) : coding.code;
    return primitive;
  };

  /** Conditions name items by linkId, earlier or later: read once every item has its id. */
  const resolveConditions = () => {
    for (const { node, raw, path, linkId, order: at } of pending) {
      const conditions: Condition[] = [];
      raw.forEach((r, k) => {
        const where = `${path}.enableWhen[${k}]`;
        const operator = operatorsFromFhir[r.operator];
        if (!operator) {
          warn(where, linkId, 'condition_dropped', `operator ${r.operator}`);
          return;
        }
        const candidates = byLinkId.get(r.question) ?? [];
        const target = candidates.filter((c) => c.order < at).at(-1) ?? candidates[0];
        if (!target) {
          warn(where, linkId, 'condition_dropped', `no item ${r.question}`);
          return;
        }
        const value = conditionValue(r, target, operator);
        if (value === undefined) {
          warn(where, linkId, 'condition_dropped', `no answer of ${r.question} to compare`);
          return;
        }
        conditions.push({ itemId: target.id, operator, value });
      });
      if (conditions.length > 0) node.enableWhen = conditions;
      else delete node.enableBehavior;
    }
  };

  /** Top-level groups are sections; a run of other top-level items becomes a section of its own. */
  const sections = (title: string) => {
    const result: { id: string; linkId?: string; title: string; items: unknown[]; loose?: true }[] = [];
    (q.item ?? []).forEach((fi, k) => {
      const path = `item[${k}]`;
      if (fi.type === 'group' && !fi.repeats && !fi.enableWhen?.length && (fi.item?.length ?? 0) > 0) {
        const id = newId(extensionOf(fi, fhirExtensionUrls.itemId)?.valueString ?? fi.linkId, 'section');
        learn(fi._text, (o, c) => ((o.sections ??= {})[id] = c));
        noteBehaviour(fi, path);
        result.push(
          lean({
            id,
            linkId: fi.linkId !== id ? fi.linkId : undefined,
            title: shortened(fi.text?.trim() || title, 300, path, fi.linkId),
            items: fi.item!.flatMap((child, j) => convert(child, `${path}.item[${j}]`, 1)),
          }),
        );
        return;
      }
      const last = result.at(-1);
      const converted = convert(fi, path, 0);
      if (last?.loose) last.items.push(...converted);
      else result.push({ id: newId(`section-${result.length + 1}`, 'section'), title, items: converted, loose: true });
    });
    resolveConditions();
    return result.map(({ loose: _loose, ...section }) => section);
  };

  const scoreRule = (e: FhirExtension) => {
    const id = extensionOf(e, 'id')?.valueString ?? '';
    const label = extensionOf(e, 'label');
    learn(label?._valueString, (o, c) => (scoreTexts(o, id).label = c));
    return lean({
      id,
      kind: extensionOf(e, 'kind')?.valueCode,
      label: label?.valueString,
      items: extensionsOf(e, 'item').map((x) => x.valueString),
      whenHidden: extensionOf(e, 'whenHidden')?.valueCode,
      bands: extensionsOf(e, 'band').map((band) => {
        const code = extensionOf(band, 'code')?.valueCode ?? '';
        const bandLabel = extensionOf(band, 'label');
        learn(bandLabel?._valueString, (o, c) => ((scoreTexts(o, id).bands ??= {})[code] = c));
        return {
          from: extensionOf(band, 'from')?.valueInteger,
          to: extensionOf(band, 'to')?.valueInteger,
          code,
          label: bandLabel?.valueString,
        };
      }),
    });
  };

  const flagRule = (e: FhirExtension) =>
    lean({
      id: extensionOf(e, 'id')?.valueString,
      flag: extensionOf(e, 'flag')?.valueCode,
      behavior: extensionOf(e, 'behavior')?.valueCode,
      when: extensionsOf(e, 'condition').map((c) => {
        const value = extensionOf(c, 'value');
        return {
          itemId: extensionOf(c, 'item')?.valueString,
          operator: extensionOf(c, 'operator')?.valueCode,
          value: value?.valueBoolean ?? value?.valueDecimal ?? value?.valueString,
        };
      }),
    });

  return { overlays, sourcePaths, learn, warn, shortened, sections, scoreRule, flagRule };
}

/** The item a template path ("sections[0].items[2].items[1]") leads to. */
function itemAtPath(template: QuestionnaireTemplate, path: string): AnyItem | undefined {
  let node: unknown = template;
  for (const [, list, index] of path.matchAll(/(\w+)\[(\d+)\]/g)) node = (node as Record<string, unknown[]>)[list!]?.[Number(index)];
  return node as AnyItem | undefined;
}

/**
 * Display conditions the template cannot keep (on a later item, out of reach, an answer the item
 * cannot have) are dropped with a warning; what else is wrong stops the import.
 */
function dropUnkeptConditions(
  template: QuestionnaireTemplate,
  sourcePaths: Map<string, string>,
  warnings: FhirImportWarning[],
): TemplateProblem[] {
  for (;;) {
    const problems = validateTemplate(template);
    const unkept = problems.flatMap((problem) => {
      const match = /^(.*)\.enableWhen\[(\d+)\]/.exec(problem.path);
      return match && problem.code.startsWith('condition_') ? [{ problem, itemPath: match[1]!, index: Number(match[2]) }] : [];
    });
    if (unkept.length === 0) return problems;
    const first = unkept[0]!;
    const item = itemAtPath(template, first.itemPath);
    if (!item?.enableWhen) return problems;
    warnings.push(
      lean({
        path: `${sourcePaths.get(item.id) ?? first.itemPath}.enableWhen[${first.index}]`,
        linkId: item.linkId ?? item.id,
        code: 'condition_dropped' as const,
        message: warningMessages.condition_dropped,
        detail: first.problem.message,
      }),
    );
    item.enableWhen.splice(first.index, 1);
    if (item.enableWhen.length === 0) {
      delete item.enableWhen;
      delete item.enableBehavior;
    }
  }
}

/** A template from a FHIR R4 Questionnaire, with what it could not keep as it was, or the problems that stop it being one. */
export function fromFhirQuestionnaire(json: unknown): FhirImportResult {
  const parsed = fhirQuestionnaire.safeParse(json);
  if (!parsed.success) {
    return {
      ok: false,
      problems: parsed.error.issues.map((issue) => ({ path: issue.path.join('.'), code: 'fhir_invalid', message: issue.message })),
    };
  }
  const q = parsed.data;
  const problems: FhirImportProblem[] = [];
  const warnings: FhirImportWarning[] = [];
  const read = importer(q, problems, warnings);
  read.learn(q._title, (o, c) => (o.title = c));
  read.learn(q._description, (o, c) => (o.description = c));
  const tillitKey = q.identifier?.find((i) => i.system === templateKeySystem)?.value;
  const key =
    tillitKey ??
    keyFrom(q.url?.split('|')[0]?.split(/[:/]/).filter(Boolean).pop()) ??
    keyFrom(q.name) ??
    keyFrom(q.id) ??
    keyFrom(q.title) ??
    'imported-questionnaire';
  let title = q.title?.trim();
  if (!title) {
    title = q.name?.trim() || q.id || key;
    read.warn('title', undefined, 'title_missing');
  }
  title = read.shortened(title, 300, 'title');
  const input = lean({
    key,
    version: Number.parseInt(q.version ?? '1', 10) || 1,
    language: q.language,
    title,
    description: q.description && read.shortened(q.description, 5000, 'description'),
    copyright: q.copyright && read.shortened(q.copyright, 2000, 'copyright'),
    sections: read.sections(title),
    scoring: extensionsOf(q, fhirExtensionUrls.scoreRule).map(read.scoreRule),
    flags: extensionsOf(q, fhirExtensionUrls.flagRule).map(read.flagRule),
    translations: read.overlays,
  });
  if (problems.length > 0) return { ok: false, problems };
  const template = questionnaireTemplate.safeParse(input);
  if (!template.success) {
    return {
      ok: false,
      problems: template.error.issues.map((issue) => ({ path: issue.path.join('.'), code: 'template_invalid', message: issue.message })),
    };
  }
  const invalid = dropUnkeptConditions(template.data, read.sourcePaths, warnings);
  return invalid.length > 0 ? { ok: false, problems: invalid } : { ok: true, template: template.data, warnings };
}
