import { describe, expect, it } from 'vitest';
import { type QuestionnaireTemplate, questionnaireTemplate } from './questionnaire.rules.ts';
import { sampleTemplate } from './questionnaire.sample.ts';
import {
  type FhirQuestionnaire,
  type FhirQuestionnaireItem,
  fhirExtensionUrls,
  fromFhirQuestionnaire,
  toFhirQuestionnaire,
} from './questionnaire-fhir.rules.ts';
import { phq9, shippedQuestionnaires } from './shipped-questionnaires.ts';

const sample = questionnaireTemplate.parse(sampleTemplate());
/** Through JSON, as it would travel. */
const roundTrip = (template: QuestionnaireTemplate) => fromFhirQuestionnaire(JSON.parse(JSON.stringify(toFhirQuestionnaire(template))));

function findItem(items: FhirQuestionnaireItem[] | undefined, linkId: string): FhirQuestionnaireItem {
  for (const item of items ?? []) {
    if (item.linkId === linkId) return item;
    const found = item.item && findItem(item.item, linkId);
    if (found) return found;
  }
  return undefined as never;
}

describe('a template as a FHIR Questionnaire', () => {
  const fhir = toFhirQuestionnaire(sample);
  const item = (linkId: string) => findItem(fhir.item, linkId);

  it('names the template by its key and version', () => {
    expect(fhir).toMatchObject({
      resourceType: 'Questionnaire',
      url: 'urn:tillit:questionnaire:sample',
      identifier: [{ system: 'urn:tillit:questionnaire', value: 'sample' }],
      version: '3',
      status: 'active',
      language: 'en',
      title: 'Household check',
    });
  });

  it('makes sections top-level groups and a repeating group a group that repeats', () => {
    expect(fhir.item!.map((section) => [section.linkId, section.type, section.text])).toEqual([
      ['about', 'group', 'About the household'],
      ['wellbeing', 'group', 'Wellbeing'],
    ]);
    expect(item('children')).toMatchObject({
      type: 'group',
      repeats: true,
      enableWhen: [{ question: 'has_children', operator: '=', answerBoolean: true }],
      extension: [
        { url: fhirExtensionUrls.minOccurs, valueInteger: 1 },
        { url: fhirExtensionUrls.maxOccurs, valueInteger: 3 },
      ],
    });
    expect(item('children').item!.map((sub) => sub.linkId)).toEqual(['child_age', 'child_at_school', 'school_name']);
  });

  it('maps each item type to its FHIR type', () => {
    const types = ['adults', 'name_of_street', 'has_children', 'moved_in', 'mood', 'mood_story', 'sleep', 'supports'].map((id) => [
      id,
      item(id).type,
      item(id).repeats ?? false,
    ]);
    expect(types).toEqual([
      ['adults', 'integer', false],
      ['name_of_street', 'string', false],
      ['has_children', 'boolean', false],
      ['moved_in', 'date', false],
      ['mood', 'choice', false],
      ['mood_story', 'text', false],
      ['sleep', 'choice', false],
      ['supports', 'choice', true],
    ]);
    expect(item('name_of_street').maxLength).toBe(40);
    expect(item('adults')).toMatchObject({
      required: true,
      extension: [
        { url: fhirExtensionUrls.minValue, valueInteger: 1 },
        { url: fhirExtensionUrls.maxValue, valueInteger: 20 },
        { url: fhirExtensionUrls.unit, valueCoding: { display: 'people' } },
      ],
    });
    expect(item('moved_in').extension).toEqual([
      { url: fhirExtensionUrls.minValue, valueDate: '2000-01-01' },
      { url: fhirExtensionUrls.maxValue, valueDate: '2030-12-31' },
    ]);
  });

  it('gives options codings with their score as ordinalValue, and the translations of their text', () => {
    expect(item('mood').answerOption![0]).toEqual({
      valueCoding: {
        code: 'low',
        display: 'Low',
        _display: {
          extension: [
            {
              url: fhirExtensionUrls.translation,
              extension: [
                { url: 'lang', valueCode: 'nb' },
                { url: 'content', valueString: 'Lavt' },
              ],
            },
          ],
        },
      },
      extension: [{ url: fhirExtensionUrls.ordinalValue, valueDecimal: 0 }],
    });
    expect(item('supports').answerOption![0]).toEqual({ valueCoding: { code: 'family', display: 'Family' } });
  });

  it('makes a scale a choice of every step, labelled where the template labels it', () => {
    expect(item('sleep').extension).toEqual([{ url: fhirExtensionUrls.scale, valueBoolean: true }]);
    expect(item('sleep').answerOption!.map((o) => [o.valueCoding!.code, o.valueCoding!.display, o.extension![0]!.valueDecimal])).toEqual([
      ['0', 'Badly', 0],
      ['1', undefined, 1],
      ['2', undefined, 2],
      ['3', undefined, 3],
      ['4', 'Well', 4],
    ]);
  });

  it('gives help text as a display item marked "help"', () => {
    expect(item('mood').item).toEqual([
      {
        linkId: 'mood.help',
        type: 'display',
        text: 'Think of the last week',
        _text: {
          extension: [
            {
              url: fhirExtensionUrls.translation,
              extension: [
                { url: 'lang', valueCode: 'nb' },
                { url: 'content', valueString: 'Tenk på siste uke' },
              ],
            },
          ],
        },
        extension: [
          {
            url: fhirExtensionUrls.itemControl,
            valueCodeableConcept: { coding: [{ system: 'http://hl7.org/fhir/questionnaire-item-control', code: 'help' }] },
          },
        ],
      },
    ]);
  });

  it('compares choices by coding and scores by number', () => {
    expect(item('mood_story').enableWhen).toEqual([{ question: 'mood', operator: '=', answerCoding: { code: 'low' } }]);
    expect(findItem(toFhirQuestionnaire(phq9).item, 'phq9_difficulty')).toMatchObject({
      enableBehavior: 'any',
      enableWhen: Array.from({ length: 9 }, (_, i) => ({ question: `phq9_${i + 1}`, operator: '>', answerInteger: 0 })),
    });
  });

  it('carries score and flag rules as extensions', () => {
    const fhirPhq9 = toFhirQuestionnaire(phq9);
    const [score, flag] = fhirPhq9.extension!;
    expect(score!.url).toBe(fhirExtensionUrls.scoreRule);
    expect(score!.extension!.filter((e) => e.url === 'item')).toHaveLength(9);
    expect(score!.extension!.filter((e) => e.url === 'band')[4]).toEqual({
      url: 'band',
      extension: [
        { url: 'from', valueInteger: 20 },
        { url: 'to', valueInteger: 27 },
        { url: 'code', valueCode: 'severe' },
        { url: 'label', valueString: 'Severe' },
      ],
    });
    expect(flag).toEqual({
      url: fhirExtensionUrls.flagRule,
      extension: [
        { url: 'id', valueString: 'phq9_self_harm' },
        { url: 'flag', valueCode: 'crisis' },
        { url: 'behavior', valueCode: 'all' },
        {
          url: 'condition',
          extension: [
            { url: 'item', valueString: 'phq9_9' },
            { url: 'operator', valueCode: 'gt' },
            { url: 'value', valueDecimal: 0 },
          ],
        },
      ],
    });
    expect(fhirPhq9.copyright).toBe(phq9.copyright);
  });
});

describe('reading a FHIR Questionnaire back', () => {
  it.each([sample, ...shippedQuestionnaires].map((template) => ({ key: template.key, template })))(
    'gives $key back unchanged',
    ({ template }) => {
      expect(roundTrip(template)).toEqual({ ok: true, template, warnings: [] });
    },
  );

  it('keeps a condition on a scale step a number', () => {
    const input = sampleTemplate();
    const story = input.sections[1]!.items[1]!;
    story.enableWhen = [
      { itemId: 'mood', operator: 'equals', value: 'low' },
      { itemId: 'adults', operator: 'lt', value: 2.5 },
    ];
    story.enableBehavior = 'any';
    input.sections[1]!.items.push({
      id: 'sleep_story',
      type: 'long_text',
      text: 'Why?',
      enableWhen: [{ itemId: 'sleep', operator: 'equals', value: 0 }],
    });
    const template = questionnaireTemplate.parse(input);
    expect(roundTrip(template)).toEqual({ ok: true, template, warnings: [] });
  });

  it('reads a plain Questionnaire from elsewhere, putting loose top-level items into a section', () => {
    const foreign: FhirQuestionnaire = {
      resourceType: 'Questionnaire',
      url: 'http://example.org/Questionnaire/sleep-check',
      status: 'active',
      title: 'Sleep check',
      item: [
        { linkId: '1', text: 'Hours of sleep', type: 'decimal' },
        { linkId: '2', text: 'Rested?', type: 'boolean', required: true },
        { linkId: '3', text: 'Notes', type: 'group', item: [{ linkId: '3.1', text: 'Anything else', type: 'text' }] },
        { linkId: '4', text: 'Naps', type: 'group', repeats: true, item: [{ linkId: '4.1', text: 'Length', type: 'integer' }] },
      ],
    };
    const result = fromFhirQuestionnaire(foreign);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.template).toMatchObject({ key: 'sleep-check', version: 1, language: 'en', title: 'Sleep check' });
    expect(result.template.sections.map((s) => [s.id, s.title, s.items.map((i) => `${i.id}:${i.type}`)])).toEqual([
      ['section-1', 'Sleep check', ['1:number', '2:yes_no']],
      ['3', 'Notes', ['3.1:long_text']],
      ['section-3', 'Sleep check', ['4:group']],
    ]);
    expect(result.template.sections[2]!.items[0]).toMatchObject({ minRepeats: 0 });
  });

  it('refuses what is not a Questionnaire', () => {
    expect(fromFhirQuestionnaire({ resourceType: 'Patient', status: 'active' })).toMatchObject({
      ok: false,
      problems: [{ code: 'fhir_invalid', path: 'resourceType' }],
    });
    expect(fromFhirQuestionnaire('Questionnaire')).toMatchObject({ ok: false, problems: [{ code: 'fhir_invalid' }] });
  });

  it('imports what it cannot represent as near as it goes, with a warning for each', () => {
    const result = fromFhirQuestionnaire({
      resourceType: 'Questionnaire',
      status: 'draft',
      url: 'urn:x:photo',
      title: 'Photo',
      item: [
        {
          linkId: 's',
          type: 'group',
          text: 'S',
          item: [
            { linkId: 'photo', type: 'attachment', text: 'Photo' },
            { linkId: 'n', type: 'integer', text: 'N' },
            { linkId: 'm', type: 'string', text: 'M', enableWhen: [{ question: 'n', operator: '>=', answerInteger: 2 }] },
            { linkId: 'later', type: 'string', text: 'L', enableWhen: [{ question: 'p', operator: '=', answerString: 'x' }] },
            { linkId: 'p', type: 'string', text: 'P' },
          ],
        },
      ],
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const items = result.template.sections[0]!.items;
    expect(items.map((i) => i.type)).toEqual(['attachment', 'number', 'short_text', 'short_text', 'short_text']);
    expect(items[2]!.enableWhen).toEqual([{ itemId: 'n', operator: 'gte', value: 2 }]);
    expect(items[3]!.enableWhen).toBeUndefined();
    expect(result.warnings.map((w) => [w.code, w.linkId, w.path])).toEqual([
      ['attachment_not_kept', 'photo', 'item[0].item[0]'],
      ['condition_dropped', 'later', 'item[0].item[3].enableWhen[0]'],
    ]);
  });

  it('refuses an item type that is not FHIR R4', () => {
    const result = fromFhirQuestionnaire({
      resourceType: 'Questionnaire',
      title: 'Old',
      item: [{ linkId: 'q', type: 'question', text: 'Q' }],
    });
    expect(result).toEqual({
      ok: false,
      problems: [{ path: 'item[0]', code: 'fhir_unsupported', message: 'Item type question is not supported' }],
    });
  });

  it('drops a condition on a later item with a warning, and stands in the name for a missing title', () => {
    const fhir = toFhirQuestionnaire(sample);
    findItem(fhir.item, 'adults').enableWhen = [{ question: 'mood', operator: 'exists', answerBoolean: true }];
    const result = fromFhirQuestionnaire(fhir);
    expect(result).toMatchObject({
      ok: true,
      warnings: [{ code: 'condition_dropped', linkId: 'adults', path: 'item[0].item[0].enableWhen[0]' }],
    });
    const untitled = { ...toFhirQuestionnaire(sample), title: undefined, name: 'HouseholdCheck' };
    expect(fromFhirQuestionnaire(untitled)).toMatchObject({
      ok: true,
      template: { title: 'HouseholdCheck' },
      warnings: [{ code: 'title_missing', path: 'title' }],
    });
  });

  it('refuses what breaks the template limits, naming the place', () => {
    const fhir = toFhirQuestionnaire(sample);
    findItem(fhir.item, 'adults').extension = [
      { url: fhirExtensionUrls.minValue, valueInteger: 30 },
      { url: fhirExtensionUrls.maxValue, valueInteger: 2 },
    ];
    expect(fromFhirQuestionnaire(fhir)).toMatchObject({ ok: false, problems: [{ code: 'range_invalid', path: 'sections[0].items[0]' }] });
  });

  it('reads every FHIR comparison and gives it back', () => {
    const operators = { '=': 'equals', '!=': 'notEquals', '>': 'gt', '<': 'lt', '>=': 'gte', '<=': 'lte', exists: 'exists' };
    const result = fromFhirQuestionnaire({
      resourceType: 'Questionnaire',
      name: 'Comparisons',
      title: 'Comparisons',
      item: [
        { linkId: 'n', type: 'integer', text: 'N' },
        ...Object.keys(operators).map((op, k) => ({
          linkId: `q${k}`,
          type: 'string',
          text: `Q${k}`,
          enableWhen: [
            op === 'exists' ? { question: 'n', operator: op, answerBoolean: false } : { question: 'n', operator: op, answerInteger: 3 },
          ],
        })),
      ],
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.template.sections[0]!.items.slice(1).map((i) => i.enableWhen![0]!.operator)).toEqual(Object.values(operators));
    expect(
      toFhirQuestionnaire(result.template)
        .item![0]!.item!.slice(1)
        .map((i) => i.enableWhen![0]!.operator),
    ).toEqual(Object.keys(operators));
  });

  it('keeps each use of a linkId that is used twice as an item of its own, a condition naming the nearest earlier one', () => {
    const result = fromFhirQuestionnaire({
      resourceType: 'Questionnaire',
      title: 'Twice',
      item: [
        { linkId: 'a/b', type: 'boolean', text: 'First' },
        { linkId: 'a/b', type: 'boolean', text: 'Second' },
        { linkId: 'c', type: 'string', text: 'C', enableWhen: [{ question: 'a/b', operator: '=', answerBoolean: true }] },
      ],
    });
    expect(result).toMatchObject({
      ok: true,
      template: {
        sections: [
          {
            items: [
              { id: 'a_b', linkId: 'a/b' },
              { id: 'a_b_2', linkId: 'a/b' },
              { id: 'c', enableWhen: [{ itemId: 'a_b_2', operator: 'equals', value: true }] },
            ],
          },
        ],
      },
      warnings: [{ code: 'duplicate_link_id', linkId: 'a/b', path: 'item[1]' }],
    });
  });

  it('maps a linkId that is too long or has no letter or digit to a valid id, the same way each time', () => {
    const long = `${'x'.repeat(70)}/y`;
    const q = {
      resourceType: 'Questionnaire',
      title: 'Ids',
      item: [
        { linkId: long, type: 'string', text: 'L' },
        { linkId: '//', type: 'string', text: 'S' },
      ],
    };
    const first = fromFhirQuestionnaire(q);
    expect(first).toMatchObject({
      ok: true,
      template: {
        sections: [
          {
            items: [
              { id: 'x'.repeat(64), linkId: long },
              { id: 'item', linkId: '//' },
            ],
          },
        ],
      },
    });
    expect(fromFhirQuestionnaire(structuredClone(q))).toEqual(first);
  });

  it('asks a choice with more options than a template takes in words, with a warning', () => {
    const result = fromFhirQuestionnaire({
      resourceType: 'Questionnaire',
      title: 'Countries',
      item: [
        {
          linkId: 'country',
          type: 'choice',
          text: 'Country',
          answerOption: Array.from({ length: 120 }, (_, k) => ({ valueCoding: { code: `c${k}`, display: `Country ${k}` } })),
        },
      ],
    });
    expect(result).toMatchObject({
      ok: true,
      template: { sections: [{ items: [{ id: 'country', type: 'short_text' }] }] },
      warnings: [{ code: 'too_many_options', linkId: 'country', detail: '120' }],
    });
  });
});
