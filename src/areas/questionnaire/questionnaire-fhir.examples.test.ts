/**
 * Published Questionnaires – the HL7 SDC implementation guide's examples and LHC-Forms test forms
 * (see fixtures/README.md for their source and licence) – imported, checked, and exported again.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { type AnyItem, type Condition, indexItems, type QuestionnaireTemplate } from './questionnaire.rules.ts';
import {
  type FhirImportWarning,
  type FhirQuestionnaire,
  type FhirQuestionnaireItem,
  fromFhirQuestionnaire,
  toFhirQuestionnaire,
} from './questionnaire-fhir.rules.ts';
import { scoreResponse, validateAnswers } from './questionnaire-response.rules.ts';

const fixtures = new URL('./fixtures/', import.meta.url);
const read = (path: string) => JSON.parse(readFileSync(new URL(path, fixtures), 'utf8')) as FhirQuestionnaire;
const allFixtures = ['sdc', 'lhc-forms'].flatMap((folder) =>
  readdirSync(new URL(`${folder}/`, fixtures))
    .filter((name) => name.endsWith('.json'))
    .map((name) => `${folder}/${name}`),
);

function imported(path: string): { template: QuestionnaireTemplate; warnings: FhirImportWarning[] } {
  const result = fromFhirQuestionnaire(read(path));
  if (!result.ok) throw new Error(`${path} was refused: ${JSON.stringify(result.problems)}`);
  return result;
}

const linkIds = (items: FhirQuestionnaireItem[] | undefined): string[] =>
  (items ?? []).flatMap((item) => [item.linkId, ...linkIds(item.item)]);
const items = (template: QuestionnaireTemplate): AnyItem[] => [...indexItems(template).values()].map((place) => place.item);
const item = (template: QuestionnaireTemplate, linkId: string): AnyItem => {
  const found = items(template).find((i) => (i.linkId ?? i.id) === linkId);
  if (!found) throw new Error(`no item ${linkId}`);
  return found;
};
const codes = (warnings: FhirImportWarning[]) => [...new Set(warnings.map((w) => w.code))].sort();

describe('every published example', () => {
  it('there are at least eight official SDC examples among the fixtures', () => {
    expect(allFixtures.filter((path) => path.startsWith('sdc/')).length).toBeGreaterThanOrEqual(8);
  });

  it.each(allFixtures)('%s imports as a valid template', (path) => {
    expect(fromFhirQuestionnaire(read(path))).toMatchObject({ ok: true });
  });

  it.each(allFixtures)('%s exports with every original linkId', (path) => {
    const original = read(path);
    const { template } = imported(path);
    const exported = toFhirQuestionnaire(template);
    // A run of loose top-level items is put in a section of its own; that section is the only addition.
    const added = template.sections.filter((s) => s.linkId === undefined && !linkIds(original.item).includes(s.id)).map((s) => s.id);
    const again = linkIds(exported.item).filter((linkId) => !added.includes(linkId));
    expect(again.sort()).toEqual(linkIds(original.item).sort());
  });

  it.each(allFixtures)('%s comes back as the same template when its export is imported', (path) => {
    const { template } = imported(path);
    const again = fromFhirQuestionnaire(JSON.parse(JSON.stringify(toFhirQuestionnaire(template))));
    expect(again).toMatchObject({ ok: true, template });
  });
});

describe('the SDC PHQ-9 example', () => {
  const { template, warnings } = imported('sdc/questionnaire-sdc-profile-example-PHQ9.json');

  it('derives the key from the url and maps linkIds with "/" to ids, keeping the originals', () => {
    expect(template.key).toBe('questionnaire-sdc-profile-example-phq9');
    expect(template.sections.map((s) => [s.id, s.linkId])).toEqual([['H1_T1', 'H1/T1']]);
    expect(template.sections[0]!.items.map((i) => [i.id, i.linkId, i.type])).toEqual([
      ...Array.from({ length: 9 }, (_, k) => [`H1_T1_Q${k + 1}`, `H1/T1/Q${k + 1}`, 'single_choice']),
      ['H1_TS', 'H1/TS', 'quantity'],
    ]);
  });

  it('takes the options and their ordinal values from the contained ValueSet', () => {
    expect(item(template, 'H1/T1/Q9')).toMatchObject({
      options: [
        { code: 'Not-at-all', text: 'Not at all', score: 0, system: 'http://hl7.org/fhir/uv/sdc/CodeSystem/CSPHQ9' },
        { code: 'Several-days', text: 'Several days', score: 1 },
        { code: 'More_than_half_the_days', sourceCode: 'More than half the days', score: 2 },
        { code: 'Nearly_every_day', sourceCode: 'Nearly every day', score: 3 },
      ],
    });
  });

  it('warns that the total is a FHIRPath expression it does not calculate', () => {
    expect(warnings).toEqual([
      {
        path: 'item[0].item[9]',
        linkId: 'H1/TS',
        code: 'calculated_expression',
        message: expect.any(String),
        detail: '%resource.answers().value.ordinal().sum()',
      },
    ]);
  });

  it('exports the original codes with their system, so a condition on them still matches', () => {
    const fhir = toFhirQuestionnaire(template);
    const q3 = fhir.item![0]!.item![2]!;
    expect(q3.linkId).toBe('H1/T1/Q3');
    expect(q3.answerOption![2]).toMatchObject({
      valueCoding: { system: 'http://hl7.org/fhir/uv/sdc/CodeSystem/CSPHQ9', code: 'More than half the days' },
    });
  });
});

describe('the SDC Framingham example (an LHC-Forms export)', () => {
  const { template, warnings } = imported('sdc/questionnaire-sdc-profile-example-framingham-HCHD.json');

  it('puts the loose top-level items in one section named after the questionnaire', () => {
    expect(template.sections.map((s) => [s.id, s.title])).toEqual([['section-1', 'Hard Coronary Heart Disease (10-year risk)']]);
    expect(template.sections[0]!.items.slice(0, 3).map((i) => [i.id, i.linkId])).toEqual([
      ['age', '/age'],
      ['age_requirement_notice', '/age_requirement_notice'],
      ['46098-0', '/46098-0'],
    ]);
  });

  it('shows a display item when any of its conditions holds', () => {
    expect(item(template, '/age_requirement_notice')).toMatchObject({
      type: 'display',
      enableWhen: [
        { itemId: 'age', operator: 'lt', value: 30 },
        { itemId: 'age', operator: 'gt', value: 79 },
      ],
      enableBehavior: 'any',
    });
  });

  it('keeps the units of measured numbers', () => {
    expect(item(template, '/8480-6')).toMatchObject({ type: 'number', unit: 'mm[Hg]' });
  });

  it('warns of the hidden and the calculated items', () => {
    expect(warnings.map((w) => [w.code, w.linkId])).toEqual([
      ['calculated_expression', 'riskDecimal'],
      ['hidden_item', 'riskDecimal'],
      ['calculated_expression', 'riskPercentage'],
    ]);
  });
});

describe('the SDC test of all data types', () => {
  const { template, warnings } = imported('sdc/questionnaire-sdc-test-all-data-types.json');

  it('gives each FHIR type its item type', () => {
    const types = Object.fromEntries(
      ['id-string', 'id-text', 'id-boolean', 'id-date', 'id-datetime', 'id-time', 'id-integer', 'id-decimal', 'id-attachment'].map((id) => [
        id,
        item(template, id).type,
      ]),
    );
    expect(types).toEqual({
      'id-string': 'short_text',
      'id-text': 'long_text',
      'id-boolean': 'yes_no',
      'id-date': 'date',
      'id-datetime': 'date_time',
      'id-time': 'time',
      'id-integer': 'number',
      'id-decimal': 'number',
      'id-attachment': 'attachment',
    });
    expect(item(template, '1acf93a7-0890-44cd-be48-542defb35248')).toMatchObject({ type: 'display' });
    expect(item(template, 'EF8E3936-3246-4B3E-A46C-9FDAA5ACB635')).toMatchObject({ type: 'open_choice', options: [] });
  });

  it('asks a choice whose value set is elsewhere in words, and says so', () => {
    expect(item(template, 'id-choice').type).toBe('short_text');
    expect(warnings.filter((w) => w.code === 'options_not_included').map((w) => [w.linkId, w.detail])).toContainEqual([
      'id-choice',
      'http://sqlonfhir-r4.azurewebsites.net/fhir/ValueSet/866d7924e20711d48c540020182939f7',
    ]);
    expect(codes(warnings)).toEqual(['attachment_not_kept', 'options_not_included']);
  });
});

describe('the SDC test of enableWhen', () => {
  const { template, warnings } = imported('sdc/questionnaire-sdc-test-enablewhen.json');
  const conditions = items(template).flatMap((i) => i.enableWhen ?? []);

  it('reads its comparisons and both ways of combining them', () => {
    expect([...new Set(conditions.map((c) => c.operator))].sort()).toEqual(['equals', 'gt', 'lte', 'notEquals']);
    expect(new Set(items(template).flatMap((i) => (i.enableBehavior ? [i.enableBehavior] : [])))).toEqual(new Set(['all', 'any']));
    expect(item(template, '76daed4f-f957-45cb-9584-aab95f6021d4')).toMatchObject({
      type: 'group',
      enableBehavior: 'all',
      enableWhen: [
        { itemId: '5e1209b7-c9e0-4bf4-b228-fr096s903m25', operator: 'equals', value: '8' },
        { itemId: '5e1209b7-c9e0-4bf4-b228-c6591b540qmo', operator: 'equals', value: '4' },
      ],
    });
  });

  it('compares dates and times as the answers are written', () => {
    expect(item(template, 'date_greater_2000-01-01').enableWhen).toEqual([
      { itemId: 'date_of_birth_question', operator: 'gt', value: '2000-01-01' },
    ]);
    expect(item(template, 'datetime_question_less_than_equal').enableWhen).toEqual([
      { itemId: 'datetime_question', operator: 'lte', value: '11:11:11' },
    ]);
  });

  it('finds the option a coding names, by code and system', () => {
    const choice: Condition = item(template, 'BOWOPTOTH').enableWhen![0]!;
    expect(choice).toEqual({ itemId: 'BC029', operator: 'equals', value: '9' });
  });

  it('drops, with a warning each, the conditions it cannot keep: on a choice whose options are elsewhere, on scores there are none of', () => {
    expect(warnings.filter((w) => w.code === 'condition_dropped').map((w) => [w.linkId, w.detail])).toEqual([
      ['945b97b5-6d74-4a55-9be1-1989751219fb', 'no answer of 1acf93a7-0890-44cd-be48-542defb35248 to compare'],
      ['fab7c5c4-0ac0-4afa-bd6d-c0ce4f5e0bdf', 'no answer of 1acf93a7-0890-44cd-be48-542defb35248 to compare'],
      ['945b97b5-6d74-4a55-9be1-19897512jj89', '"lt" compares scores, and not every option of s3-radio has one'],
      ['04fabc33-534a-4047-9a13-c13b0b63fa17', '"gte" compares scores, and not every option of s3-radio has one'],
    ]);
  });
});

describe('the SDC test of repeatable nested groups', () => {
  const { template } = imported('sdc/questionnaire-sdc-test-repeatable-nested-groups.json');

  it('keeps a repeating group inside a repeating group', () => {
    const outer = item(template, 'ba91450b-6e67-40dc-8629-0f1b60577774');
    expect(outer).toMatchObject({ type: 'group', minRepeats: 0 });
    expect(outer.type === 'group' && outer.maxRepeats).toBeUndefined();
    const inner = item(template, '68ca912397a145bd9e9f265702b5cf45');
    expect(inner).toMatchObject({ type: 'group', items: [{ id: 'b7e29109-f729-4359-aa29-6c9e7c7b2328', type: 'short_text' }] });
    expect(indexItems(template).get(inner.id)!.groups).toEqual(['ba91450b-6e67-40dc-8629-0f1b60577774']);
  });

  it('takes answers for each entry of each group', () => {
    const answers = {
      'ba91450b-6e67-40dc-8629-0f1b60577774': [
        {
          'b7e29109-f729-4359-aa29-6c9e7c7b2318': 'first',
          '68ca912397a145bd9e9f265702b5cf45': [{ 'b7e29109-f729-4359-aa29-6c9e7c7b2328': 'a' }],
        },
        { '68ca912397a145bd9e9f265702b5cf45': [{ 'b7e29109-f729-4359-aa29-6c9e7c7b2328': 'b' }, { nope: 'c' }] },
      ],
    };
    expect(validateAnswers(template, answers).map((p) => [p.path, p.code])).toEqual([
      ['ba91450b-6e67-40dc-8629-0f1b60577774[1].68ca912397a145bd9e9f265702b5cf45[1].nope', 'unknown_item'],
    ]);
  });
});

describe('the SDC pre-population tests', () => {
  it('warn that first answers filled in by FHIRPath are not filled in', () => {
    const { warnings } = imported('sdc/questionnaire-sdc-test-fhirpath-prepop-initialexpr.json');
    expect(warnings.filter((w) => w.code === 'initial_value').map((w) => w.linkId)).toContain('family-name');
    expect(warnings.find((w) => w.linkId === 'family-name')?.detail).toMatch(/family/);
  });

  it('place items nested under a question after it', () => {
    const original = read('sdc/questionnaire-sdc-test-fhirpath-prepop-initialexpr.json');
    const { template, warnings } = imported('sdc/questionnaire-sdc-test-fhirpath-prepop-initialexpr.json');
    const lifted = warnings.find((w) => w.code === 'items_under_question')!;
    const parent = item(template, lifted.linkId!);
    const siblings = template.sections.flatMap((s) => items({ ...template, sections: [s] }));
    const at = siblings.indexOf(parent);
    const childLinkId = linkIds(original.item).find((id) => id === 'contact-number-tooltip');
    expect(childLinkId).toBeDefined();
    expect(siblings.findIndex((i) => (i.linkId ?? i.id) === childLinkId)).toBe(at + 1);
  });

  it('ignore a contained Bundle of queries', () => {
    const { template } = imported('sdc/questionnaire-sdc-test-fhirpath-prepop-source-query.json');
    expect(template.key).toBe('fhirpathprepopsourcequery');
  });
});

describe('the SDC required-field example', () => {
  it('derives the key from the name when there is no url, and keeps required questions required', () => {
    const { template } = imported('sdc/questionnaire-sdc-test-required-field.json');
    expect(template.key).toBe('requiredradiobuttons');
    expect(item(template, 'textq')).toMatchObject({ type: 'short_text', required: true });
    expect(item(template, 'radio')).toMatchObject({ type: 'short_text', required: true });
  });
});

describe('the LHC-Forms open-choice test form', () => {
  const { template } = imported('lhc-forms/answerOption-valueCoding.open-choice.R4.json');
  const openChoices = items(template).filter((i) => i.type === 'open_choice');

  it('offers the options besides an answer in words, one or several as the item repeats', () => {
    expect(openChoices).toHaveLength(12);
    expect(item(template, 'valueCoding.open-choice-group1-item1')).toMatchObject({
      multiple: false,
      options: [{ code: 'c1' }, { code: 'c2' }, { code: 'c3' }],
    });
    expect(item(template, 'valueCoding.open-choice-group1-item2')).toMatchObject({ multiple: true });
  });

  it('reads ordinalValue as the options’ scores', () => {
    expect(openChoices.some((i) => i.type === 'open_choice' && i.options.length > 0 && i.options.every((o) => o.score !== undefined))).toBe(
      true,
    );
  });

  it('takes an option or an answer in words, not both, where the item does not repeat', () => {
    const single = 'valueCoding.open-choice-group1-item1';
    expect(validateAnswers(template, { [single]: { codes: ['c2'] } })).toEqual([]);
    expect(validateAnswers(template, { [single]: { codes: [], other: 'Answer 4' } })).toEqual([]);
    expect(validateAnswers(template, { [single]: { codes: ['c2'], other: 'Answer 4' } }).map((p) => p.code)).toEqual([
      'too_many_selections',
    ]);
    expect(validateAnswers(template, { [single]: { codes: ['c9'] } }).map((p) => p.code)).toEqual(['unknown_option']);
  });
});

describe('the LHC-Forms quantity and "bit of everything" test forms', () => {
  it('list the unit options of a quantity and take an answer only in one of them', () => {
    const { template } = imported('lhc-forms/quantity-units.json');
    expect(item(template, 'q5')).toMatchObject({
      type: 'quantity',
      units: [
        { code: '[lb_av]', system: 'http://unitsofmeasure.org', display: 'lbs' },
        { code: 'kg', system: 'http://unitsofmeasure.org', display: 'kilograms' },
      ],
    });
    expect(validateAnswers(template, { q5: { value: 70, unit: 'kg' } })).toEqual([]);
    expect(validateAnswers(template, { q5: { value: 70, unit: 'stone' } }).map((p) => p.code)).toEqual(['unknown_unit']);
    expect(validateAnswers(template, { q1: { value: 3, unit: 'cups' } })).toEqual([]);
  });

  it('ask a url as a web address, and a reference in words with a warning', () => {
    const { template, warnings } = imported('lhc-forms/bit-of-everything.json');
    expect(item(template, 'Item-url').type).toBe('url');
    expect(validateAnswers(template, { 'Item-url': 'https://example.org/plan' })).toEqual([]);
    expect(validateAnswers(template, { 'Item-url': 'javascript:alert(1)' }).map((p) => p.code)).toEqual(['invalid_url']);
    expect(item(template, 'Item-reference').type).toBe('short_text');
    expect(warnings.map((w) => [w.code, w.linkId])).toContainEqual(['reference_as_text', 'Item-reference']);
  });

  it('derive a key for a questionnaire with no url, name, id or title', () => {
    const { template, warnings } = imported('lhc-forms/quantity-units.json');
    expect(template.key).toBe('imported-questionnaire');
    expect(warnings.map((w) => w.code)).toEqual(['title_missing']);
  });
});

describe('scores from imported weights', () => {
  it('reads itemWeight on an option as its score, and a weight that is not whole as none, with a warning', () => {
    const result = fromFhirQuestionnaire({
      resourceType: 'Questionnaire',
      name: 'WeightedCheck',
      title: 'Weighted check',
      item: [
        {
          linkId: '1.1',
          text: 'Little interest',
          type: 'choice',
          answerOption: [
            {
              valueCoding: { code: 'a', display: 'Not at all' },
              extension: [{ url: 'http://hl7.org/fhir/StructureDefinition/itemWeight', valueDecimal: 0 }],
            },
            {
              valueCoding: { code: 'b', display: 'Often' },
              extension: [{ url: 'http://hl7.org/fhir/StructureDefinition/itemWeight', valueDecimal: 2.5 }],
            },
          ],
        },
      ],
    });
    expect(result).toMatchObject({
      ok: true,
      template: { key: 'weightedcheck', sections: [{ items: [{ options: [{ code: 'a', score: 0 }, { code: 'b' }] }] }] },
      warnings: [{ code: 'score_not_whole', linkId: '1.1', detail: '2.5' }],
    });
    if (result.ok) expect(result.template.sections[0]!.items[0]).not.toHaveProperty('options.1.score');
  });

  it('scores the SDC PHQ-9 once a score rule names its items', () => {
    const { template } = imported('sdc/questionnaire-sdc-profile-example-PHQ9.json');
    const ids = template.sections[0]!.items.slice(0, 9).map((i) => i.id);
    const scored = {
      ...template,
      scoring: [{ id: 'total', kind: 'sum' as const, label: 'Total', items: ids, bands: [], whenHidden: 'missing' as const }],
    };
    const answers = Object.fromEntries(ids.map((id, k) => [id, k < 3 ? 'More_than_half_the_days' : 'Not-at-all']));
    expect(scoreResponse(scored, answers).scores[0]!.total).toBe(6);
  });
});
