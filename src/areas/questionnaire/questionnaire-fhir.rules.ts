/**
 * Questionnaire templates as FHIR R4 Questionnaire resources, and back.
 *
 * Sections are top-level groups; a repeating group is a group with `repeats` and the
 * minOccurs/maxOccurs extensions; help text is a `display` child with itemControl "help".
 * Option scores use the core `ordinalValue` extension. A scale is a `choice` item with one
 * option per step, marked with Tillit's scale extension. Translations use the core
 * `translation` extension on the translated element (`_text`, `_title`, `_display`). Score and
 * flag rules have no FHIR element: they travel as Tillit extensions on the Questionnaire.
 * `fromFhirQuestionnaire(toFhirQuestionnaire(t))` gives `t` back.
 */
import { z } from 'zod';
import {
  type AnyItem,
  type Condition,
  type FlagRule,
  type ItemPlace,
  indexItems,
  type QuestionnaireTemplate,
  questionnaireTemplate,
  type ScoreRule,
  type TemplateProblem,
  type TemplateTranslation,
  validateTemplate,
} from './questionnaire.rules.ts';

const core = 'http://hl7.org/fhir/StructureDefinition/';
export const fhirExtensionUrls = {
  translation: `${core}translation`,
  ordinalValue: `${core}ordinalValue`,
  minValue: `${core}minValue`,
  maxValue: `${core}maxValue`,
  minOccurs: `${core}questionnaire-minOccurs`,
  maxOccurs: `${core}questionnaire-maxOccurs`,
  unit: `${core}questionnaire-unit`,
  itemControl: `${core}questionnaire-itemControl`,
  scale: 'urn:tillit:fhir:questionnaire-scale',
  scoreRule: 'urn:tillit:fhir:score-rule',
  flagRule: 'urn:tillit:fhir:flag-rule',
} as const;
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
}
export interface FhirEnableWhen {
  question: string;
  operator: string;
  answerBoolean?: boolean;
  answerDecimal?: number;
  answerInteger?: number;
  answerDate?: string;
  answerString?: string;
  answerCoding?: FhirCoding;
}
export interface FhirAnswerOption {
  valueCoding?: FhirCoding;
  valueInteger?: number;
  valueString?: string;
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
  extension?: FhirExtension[];
  item?: FhirQuestionnaireItem[];
}
export interface FhirQuestionnaire {
  resourceType: 'Questionnaire';
  url?: string;
  identifier?: { system?: string; value?: string }[];
  version?: string;
  status: string;
  language?: string;
  title?: string;
  _title?: FhirElement;
  description?: string;
  _description?: FhirElement;
  copyright?: string;
  extension?: FhirExtension[];
  item?: FhirQuestionnaireItem[];
}

/** The object without its undefined fields and empty lists, so the JSON stays lean. */
function lean<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined && !(Array.isArray(v) && v.length === 0))) as T;
}

const operatorsToFhir: Record<Condition['operator'], string> = { equals: '=', notEquals: '!=', exists: 'exists', gt: '>', lt: '<' };
const operatorsFromFhir = Object.fromEntries(Object.entries(operatorsToFhir).map(([ours, theirs]) => [theirs, ours])) as Record<
  string,
  Condition['operator']
>;

type PickText = (translation: TemplateTranslation) => string | undefined;

// ---------------------------------------------------------------- template → FHIR

function exporter(template: QuestionnaireTemplate) {
  const index = indexItems(template);

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
    const coded = target?.type === 'single_choice' || target?.type === 'multiple_choice' || target?.type === 'scale';
    if (coded && (cond.operator === 'equals' || cond.operator === 'notEquals')) return { answerCoding: { code: String(value) } };
    if (typeof value === 'number') return Number.isInteger(value) ? { answerInteger: value } : { answerDecimal: value };
    return target?.type === 'date' ? { answerDate: value } : { answerString: value };
  };

  const ordinal = (score: number | undefined): FhirExtension[] | undefined =>
    score === undefined ? undefined : [{ url: fhirExtensionUrls.ordinalValue, valueDecimal: score }];

  const answerOptions = (item: AnyItem): FhirAnswerOption[] | undefined => {
    const texts = itemTexts(item.id);
    if ('options' in item) {
      return item.options.map((option) =>
        lean({
          valueCoding: lean({ code: option.code, display: option.text, _display: translations((t) => texts(t)?.options?.[option.code]) }),
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
      case 'group':
        return [
          ...(item.minRepeats > 0 ? [{ url: fhirExtensionUrls.minOccurs, valueInteger: item.minRepeats }] : []),
          ...bound(fhirExtensionUrls.maxOccurs, item.maxRepeats, true),
        ];
      default:
        return [];
    }
  };

  const fhirType = (item: AnyItem): string => {
    const types: Record<AnyItem['type'], string> = {
      short_text: 'string',
      long_text: 'text',
      number: 'decimal',
      date: 'date',
      single_choice: 'choice',
      multiple_choice: 'choice',
      yes_no: 'boolean',
      scale: 'choice',
      group: 'group',
    };
    return item.type === 'number' && item.integer ? 'integer' : types[item.type];
  };

  const help = (item: AnyItem): FhirQuestionnaireItem[] =>
    item.help === undefined
      ? []
      : [
          lean({
            linkId: `${item.id}.help`,
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
      linkId: it.id,
      text: it.text,
      _text: translations((t) => itemTexts(it.id)(t)?.text),
      type: fhirType(it),
      required: it.required || undefined,
      repeats: it.type === 'multiple_choice' || it.type === 'group' || undefined,
      maxLength: it.type === 'short_text' || it.type === 'long_text' ? it.maxLength : undefined,
      enableWhen: it.enableWhen?.map((cond) => ({
        question: cond.itemId,
        operator: operatorsToFhir[cond.operator],
        ...conditionValue(cond),
      })),
      enableBehavior: it.enableBehavior,
      answerOption: answerOptions(it),
      extension: itemExtensions(it),
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

  return { translations, item, scoreRule, flagRule };
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
        linkId: section.id,
        text: section.title,
        _text: out.translations((t) => t.sections?.[section.id]),
        type: 'group',
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
const fhirCoding = z.looseObject({
  system: z.string().optional(),
  code: z.string().optional(),
  display: z.string().optional(),
  _display: fhirElement.optional(),
});
/** The types of FHIR's value[x] and answer[x] that templates use. */
const choiceTypes = {
  Boolean: z.boolean(),
  Decimal: z.number(),
  Integer: z.int(),
  Date: z.string(),
  String: z.string(),
  Coding: fhirCoding,
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
});
const fhirItem: z.ZodType<FhirQuestionnaireItem> = z.looseObject({
  linkId: z.string(),
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
        extension: z.array(fhirExtension).optional(),
      }),
    )
    .optional(),
  extension: z.array(fhirExtension).optional(),
  get item() {
    return z.array(fhirItem).optional();
  },
});
const fhirQuestionnaire = z.looseObject({
  resourceType: z.literal('Questionnaire'),
  url: z.string().optional(),
  identifier: z.array(z.looseObject({ system: z.string().optional(), value: z.string().optional() })).optional(),
  version: z.string().optional(),
  status: z.string(),
  language: z.string().optional(),
  title: z.string().optional(),
  _title: fhirElement.optional(),
  description: z.string().optional(),
  _description: fhirElement.optional(),
  copyright: z.string().optional(),
  extension: z.array(fhirExtension).optional(),
  item: z.array(fhirItem).optional(),
});

export type FhirImportProblemCode = TemplateProblem['code'] | 'fhir_invalid' | 'fhir_unsupported' | 'template_invalid';
export interface FhirImportProblem {
  path: string;
  code: FhirImportProblemCode;
  message: string;
}
export type FhirImportResult = { ok: true; template: QuestionnaireTemplate } | { ok: false; problems: FhirImportProblem[] };

const extensionsOf = (element: FhirElement | undefined, url: string) => element?.extension?.filter((e) => e.url === url) ?? [];
const extensionOf = (element: FhirElement | undefined, url: string) => extensionsOf(element, url)[0];
const isHelp = (item: FhirQuestionnaireItem) =>
  item.type === 'display' &&
  extensionsOf(item, fhirExtensionUrls.itemControl).some((e) => e.valueCodeableConcept?.coding?.some((c) => c.code === 'help'));
const scoreOf = (element: FhirElement) => extensionOf(element, fhirExtensionUrls.ordinalValue)?.valueDecimal;
const boundOf = (element: FhirElement, url: string) => {
  const e = extensionOf(element, url);
  return e?.valueInteger ?? e?.valueDecimal ?? e?.valueDate;
};

function importer(problems: FhirImportProblem[]) {
  const overlays: Record<string, TemplateTranslation> = {};
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
  const unsupported = (path: string, message: string) => problems.push({ path, code: 'fhir_unsupported', message });

  const condition = (raw: FhirEnableWhen, path: string): Condition | null => {
    const operator = operatorsFromFhir[raw.operator];
    if (!operator) {
      unsupported(`${path}.operator`, `Operator ${raw.operator} is not supported`);
      return null;
    }
    const value =
      raw.answerBoolean ?? raw.answerInteger ?? raw.answerDecimal ?? raw.answerDate ?? raw.answerString ?? raw.answerCoding?.code;
    return { itemId: raw.question, operator, value: value as Condition['value'] };
  };

  const options = (fi: FhirQuestionnaireItem, id: string) =>
    (fi.answerOption ?? []).map((option) => {
      const code = option.valueCoding?.code ?? String(option.valueInteger ?? option.valueString);
      learn(option.valueCoding?._display, (o, c) => ((itemTexts(o, id).options ??= {})[code] = c));
      return lean({ code, text: option.valueCoding?.display ?? code, score: scoreOf(option) });
    });

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

  const item = (fi: FhirQuestionnaireItem, path: string, inGroup: boolean): Record<string, unknown> | null => {
    const id = fi.linkId;
    const helpItem = fi.item?.find(isHelp);
    const children = (fi.item ?? []).filter((child) => child !== helpItem);
    learn(fi._text, (o, c) => (itemTexts(o, id).text = c));
    learn(helpItem?._text, (o, c) => (itemTexts(o, id).help = c));
    const enableWhen = fi.enableWhen?.map((raw, k) => condition(raw, `${path}.enableWhen[${k}]`));
    if (enableWhen?.includes(null)) return null;
    const base = { id, text: fi.text, help: helpItem?.text, required: fi.required ?? false, enableWhen, enableBehavior: fi.enableBehavior };
    if (children.length > 0 && fi.type !== 'group')
      unsupported(`${path}.item`, `Items nested under a ${fi.type} question are not supported`);
    switch (fi.type) {
      case 'string':
      case 'text':
        return lean({ ...base, type: fi.type === 'string' ? 'short_text' : 'long_text', maxLength: fi.maxLength });
      case 'integer':
      case 'decimal':
        return lean({
          ...base,
          type: 'number',
          integer: fi.type === 'integer',
          min: boundOf(fi, fhirExtensionUrls.minValue),
          max: boundOf(fi, fhirExtensionUrls.maxValue),
          unit: extensionOf(fi, fhirExtensionUrls.unit)?.valueCoding?.display,
        });
      case 'date':
        return lean({ ...base, type: 'date', min: boundOf(fi, fhirExtensionUrls.minValue), max: boundOf(fi, fhirExtensionUrls.maxValue) });
      case 'boolean':
        return lean({ ...base, type: 'yes_no' });
      case 'choice':
        if (extensionOf(fi, fhirExtensionUrls.scale)?.valueBoolean) return lean({ ...base, type: 'scale', ...scale(fi, id) });
        return lean({ ...base, type: fi.repeats ? 'multiple_choice' : 'single_choice', options: options(fi, id) });
      case 'group': {
        if (inGroup) {
          unsupported(path, 'A group inside a repeating group is not supported');
          return null;
        }
        const items = children.map((child, k) => item(child, `${path}.item[${k}]`, true));
        return lean({
          ...base,
          type: 'group',
          items,
          minRepeats: boundOf(fi, fhirExtensionUrls.minOccurs) ?? 0,
          maxRepeats: boundOf(fi, fhirExtensionUrls.maxOccurs) ?? (fi.repeats ? undefined : 1),
        });
      }
      default:
        unsupported(path, `Item type ${fi.type} is not supported`);
        return null;
    }
  };

  /** Top-level groups are sections; a run of other top-level items becomes a section of its own. */
  const sections = (q: z.infer<typeof fhirQuestionnaire>) => {
    const result: { id: string; title: string | undefined; items: unknown[] }[] = [];
    (q.item ?? []).forEach((fi, k) => {
      const path = `item[${k}]`;
      if (fi.type === 'group' && !fi.repeats) {
        learn(fi._text, (o, c) => ((o.sections ??= {})[fi.linkId] = c));
        result.push({ id: fi.linkId, title: fi.text, items: (fi.item ?? []).map((child, j) => item(child, `${path}.item[${j}]`, false)) });
        return;
      }
      const last = result[result.length - 1];
      const loose = last?.id === `section-${result.length}` ? last : undefined;
      const converted = item(fi, path, false);
      if (loose) loose.items.push(converted);
      else result.push({ id: `section-${result.length + 1}`, title: q.title, items: [converted] });
    });
    return result;
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

  return { overlays, learn, sections, scoreRule, flagRule };
}

/** FHIR compares a scale by option code; the template compares numbers. */
function numericScaleConditions(template: QuestionnaireTemplate): void {
  const index = indexItems(template);
  const fix = (cond: Condition) => {
    const target: ItemPlace | undefined = index.get(cond.itemId);
    if (target?.item.type === 'scale' && typeof cond.value === 'string' && /^-?\d+$/.test(cond.value)) cond.value = Number(cond.value);
  };
  for (const { item } of index.values()) item.enableWhen?.forEach(fix);
}

/** A template from a FHIR R4 Questionnaire, or the problems that stop it being one. */
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
  const read = importer(problems);
  read.learn(q._title, (o, c) => (o.title = c));
  read.learn(q._description, (o, c) => (o.description = c));
  const key = q.identifier?.find((i) => i.system === templateKeySystem)?.value ?? q.url?.split(/[:/]/).pop();
  const input = lean({
    key,
    version: Number.parseInt(q.version ?? '1', 10) || 1,
    language: q.language,
    title: q.title,
    description: q.description,
    copyright: q.copyright,
    sections: read.sections(q),
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
  numericScaleConditions(template.data);
  const invalid = validateTemplate(template.data);
  return invalid.length > 0 ? { ok: false, problems: invalid } : { ok: true, template: template.data };
}
