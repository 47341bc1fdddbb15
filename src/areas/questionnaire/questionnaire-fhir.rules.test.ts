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
      expect(roundTrip(template)).toEqual({ ok: true, template });
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
    expect(roundTrip(template)).toEqual({ ok: true, template });
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

  it('names the items and operators it cannot represent', () => {
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
            {
              linkId: 'g',
              type: 'group',
              repeats: true,
              text: 'G',
              item: [{ linkId: 'gg', type: 'group', text: 'GG', item: [{ linkId: 'x', type: 'string', text: 'X' }] }],
            },
          ],
        },
      ],
    });
    expect(result).toEqual({
      ok: false,
      problems: [
        { path: 'item[0].item[0]', code: 'fhir_unsupported', message: 'Item type attachment is not supported' },
        { path: 'item[0].item[2].enableWhen[0].operator', code: 'fhir_unsupported', message: 'Operator >= is not supported' },
        { path: 'item[0].item[3].item[0]', code: 'fhir_unsupported', message: 'A group inside a repeating group is not supported' },
      ],
    });
  });

  it('checks what it read like any template', () => {
    const fhir = toFhirQuestionnaire(sample);
    findItem(fhir.item, 'adults').enableWhen = [{ question: 'mood', operator: 'exists', answerBoolean: true }];
    const result = fromFhirQuestionnaire(fhir);
    expect(result).toMatchObject({
      ok: false,
      problems: [{ code: 'condition_not_earlier', path: 'sections[0].items[0].enableWhen[0].itemId' }],
    });
    const untitled = { ...toFhirQuestionnaire(sample), title: undefined };
    expect(fromFhirQuestionnaire(untitled)).toMatchObject({ ok: false, problems: [{ code: 'template_invalid', path: 'title' }] });
  });
});
