import { describe, expect, it } from 'vitest';
import {
  indexItems,
  itemTypes,
  localizeTemplate,
  type QuestionnaireTemplateInput,
  questionnaireTemplate,
  scoreRange,
  validateTemplate,
} from './questionnaire.rules.ts';
import { sampleTemplate } from './questionnaire.sample.ts';

const parse = (input: QuestionnaireTemplateInput) => questionnaireTemplate.parse(input);
type Section = QuestionnaireTemplateInput['sections'][number];
type Item = Section['items'][number];

/** The codes validateTemplate gives after `change` has broken a copy of the sample. */
function problemsAfter(change: (template: QuestionnaireTemplateInput, item: (id: string) => Item & Record<string, unknown>) => void) {
  const template = structuredClone(sampleTemplate());
  const item = (id: string) => {
    for (const section of template.sections) {
      for (const it of section.items) {
        if (it.id === id) return it as Item & Record<string, unknown>;
        if (it.type === 'group') for (const sub of it.items) if (sub.id === id) return sub as Item & Record<string, unknown>;
      }
    }
    throw new Error(`no ${id}`);
  };
  change(template, item);
  return validateTemplate(parse(template));
}
const codesAfter = (change: Parameters<typeof problemsAfter>[0]) => problemsAfter(change).map((p) => p.code);

describe('the template schema', () => {
  it('accepts the sample and fills in the defaults', () => {
    const template = parse(sampleTemplate());
    expect(template.language).toBe('en');
    expect(template.sections[0]!.items[1]).toMatchObject({ required: false });
    expect(template.sections[0]!.items[3]).toMatchObject({ type: 'group', minRepeats: 1 });
    expect(template.scoring[0]!.whenHidden).toBe('missing');
    expect(template.flags[0]!.behavior).toBe('all');
  });

  it('knows every item type', () => {
    expect(itemTypes).toEqual([
      'short_text',
      'long_text',
      'number',
      'date',
      'date_time',
      'time',
      'single_choice',
      'multiple_choice',
      'open_choice',
      'yes_no',
      'scale',
      'quantity',
      'url',
      'attachment',
      'display',
      'group',
    ]);
  });

  it('refuses unknown fields, unknown item types, empty sections and ids with spaces', () => {
    // biome-ignore lint/suspicious/noExplicitAny: the test breaks templates on purpose, anywhere in their shape
    const bad = (change: (t: Record<string, any>) => void) => {
      // biome-ignore lint/suspicious/noExplicitAny: as above
      const template = structuredClone(sampleTemplate()) as Record<string, any>;
      change(template);
      return questionnaireTemplate.safeParse(template).success;
    };
    expect(bad((t) => (t.colour = 'blue'))).toBe(false);
    expect(bad((t) => (t.sections[0].items[0].type = 'signature'))).toBe(false);
    expect(bad((t) => (t.sections[1].items = []))).toBe(false);
    expect(bad((t) => (t.sections[0].items[0].id = 'two words'))).toBe(false);
    expect(bad((t) => (t.sections[0].items[3].items[0].type = 'group'))).toBe(false);
  });
});

describe('validating a template', () => {
  it('finds nothing wrong with the sample', () => {
    expect(validateTemplate(parse(sampleTemplate()))).toEqual([]);
  });

  it('refuses an id used twice, across sections, groups and sections themselves, naming the place', () => {
    expect(problemsAfter((_, item) => (item('money_worries').id = 'adults'))).toEqual([
      { path: 'sections[1].items[4].id', code: 'duplicate_id', message: 'adults is used twice' },
    ]);
    expect(codesAfter((_, item) => (item('school_name').id = 'sleep'))).toContain('duplicate_id');
    expect(codesAfter((t) => (t.sections[1]!.id = 'mood'))).toEqual(['duplicate_id']);
  });

  it('refuses a display condition on an item that comes later, on the item itself, or on nothing', () => {
    expect(problemsAfter((_, item) => (item('adults').enableWhen = [{ itemId: 'has_children', operator: 'exists', value: true }]))).toEqual(
      [
        {
          path: 'sections[0].items[0].enableWhen[0].itemId',
          code: 'condition_not_earlier',
          message: 'has_children does not come before the item it controls',
        },
      ],
    );
    expect(codesAfter((_, item) => (item('mood').enableWhen = [{ itemId: 'mood', operator: 'exists', value: true }]))).toEqual([
      'condition_not_earlier',
    ]);
    expect(codesAfter((_, item) => (item('mood').enableWhen = [{ itemId: 'ghost', operator: 'exists', value: true }]))).toEqual([
      'condition_unknown_item',
    ]);
  });

  it('lets a sub-item depend on an earlier sibling or a top-level item, but not on another group', () => {
    expect(codesAfter((_, item) => (item('child_at_school').enableWhen = [{ itemId: 'adults', operator: 'gt', value: 1 }]))).toEqual([]);
    expect(codesAfter((_, item) => (item('mood').enableWhen = [{ itemId: 'child_age', operator: 'gt', value: 5 }]))).toEqual([
      'condition_out_of_scope',
    ]);
    expect(codesAfter((_, item) => (item('school_name').enableWhen = [{ itemId: 'children', operator: 'exists', value: true }]))).toEqual([
      'condition_operator_invalid',
    ]);
  });

  it('checks a condition value against what the item can hold', () => {
    expect(codesAfter((_, item) => (item('mood_story').enableWhen = [{ itemId: 'mood', operator: 'equals', value: 'awful' }]))).toEqual([
      'condition_value_invalid',
    ]);
    expect(codesAfter((_, item) => (item('mood_story').enableWhen = [{ itemId: 'mood', operator: 'lt', value: 1 }]))).toEqual([]);
    expect(
      codesAfter((_, item) => (item('mood_story').enableWhen = [{ itemId: 'has_children', operator: 'equals', value: 'yes' }])),
    ).toEqual(['condition_value_invalid']);
    expect(codesAfter((_, item) => (item('mood_story').enableWhen = [{ itemId: 'has_children', operator: 'gt', value: true }]))).toEqual([
      'condition_operator_invalid',
    ]);
    // Texts compare in alphabetical order, as FHIR's ordered operators do.
    expect(codesAfter((_, item) => (item('mood_story').enableWhen = [{ itemId: 'name_of_street', operator: 'lt', value: 'M' }]))).toEqual(
      [],
    );
    expect(codesAfter((_, item) => (item('mood_story').enableWhen = [{ itemId: 'name_of_street', operator: 'gte', value: 3 }]))).toEqual([
      'condition_value_invalid',
    ]);
    expect(
      codesAfter((_, item) => (item('mood_story').enableWhen = [{ itemId: 'moved_in', operator: 'gt', value: '2020-13-01' }])),
    ).toEqual(['condition_value_invalid']);
    expect(codesAfter((_, item) => (item('mood_story').enableWhen = [{ itemId: 'adults', operator: 'exists', value: 1 }]))).toEqual([
      'condition_value_invalid',
    ]);
    expect(codesAfter((_, item) => (item('money_worries').enableWhen = [{ itemId: 'sleep', operator: 'equals', value: 9 }]))).toEqual([
      'condition_value_invalid',
    ]);
    expect(codesAfter((_, item) => (item('money_worries').enableWhen = [{ itemId: 'supports', operator: 'gt', value: 0 }]))).toEqual([
      'condition_operator_invalid',
    ]);
  });

  it('refuses repeated option codes and option texts', () => {
    expect(problemsAfter((_, item) => ((item('supports').options as { code: string }[])[1]!.code = 'family'))).toEqual([
      { path: 'sections[1].items[3].options[1].code', code: 'duplicate_option_code', message: 'Option code family is used twice' },
    ]);
    expect(codesAfter((_, item) => ((item('supports').options as { text: string }[])[1]!.text = ' family '))).toEqual([
      'duplicate_option_text',
    ]);
  });

  it('refuses inverted ranges and scale labels off the scale', () => {
    expect(codesAfter((_, item) => Object.assign(item('adults'), { min: 5, max: 2 }))).toEqual(['range_invalid']);
    expect(codesAfter((_, item) => Object.assign(item('moved_in'), { min: '2020-01-01', max: '2010-01-01' }))).toEqual(['range_invalid']);
    expect(codesAfter((_, item) => Object.assign(item('children'), { minRepeats: 4 }))).toEqual(['range_invalid']);
    expect(codesAfter((_, item) => Object.assign(item('sleep'), { min: 0, max: 30, labels: [] }))).toContain('range_invalid');
    expect(codesAfter((_, item) => (item('sleep').labels = [{ value: 5, text: 'Perfectly' }]))).toEqual([
      'scale_label_out_of_range',
      'translation_unknown_target',
    ]);
    expect(
      codesAfter(
        (_, item) =>
          (item('sleep').labels = [
            { value: 0, text: 'Badly' },
            { value: 0, text: 'Poorly' },
          ]),
      ),
    ).toEqual(['duplicate_scale_label']);
  });

  describe('score rules', () => {
    it('sum scales, fully scored single choices and bounded whole numbers', () => {
      const template = parse(sampleTemplate());
      const item = (id: string) => indexItems(template).get(id)!.item;
      expect(scoreRange(item('mood'))).toEqual({ min: 0, max: 2 });
      expect(scoreRange(item('sleep'))).toEqual({ min: 0, max: 4 });
      expect(scoreRange(item('money_worries'))).toEqual({ min: 0, max: 7 });
      expect(scoreRange(item('supports'))).toBeNull();
      expect(scoreRange(item('name_of_street'))).toBeNull();
    });

    it('refuse items that cannot be summed, are inside a group, unknown or counted twice', () => {
      const withItems = (items: string[]) =>
        codesAfter((t) => {
          Object.assign(t.scoring![0]!, { items, bands: [] });
          delete t.translations;
        });
      expect(withItems(['mood', 'supports'])).toEqual(['score_item_not_scorable']);
      expect(withItems(['mood', 'child_age'])).toEqual(['score_item_in_group']);
      expect(withItems(['mood', 'ghost'])).toEqual(['score_item_unknown']);
      expect(withItems(['mood', 'mood'])).toEqual(['duplicate_score_item']);
      expect(withItems(['mood', 'money_worries'])).toEqual([]);
    });

    it('refuse a single choice with an unscored option', () => {
      expect(codesAfter((_, item) => delete (item('mood').options as { score?: number }[])[1]!.score)).toEqual(['score_item_not_scorable']);
    });

    it('need bands that cover exactly what the items can add up to, without gaps or overlaps', () => {
      const withBands = (bands: [number, number][]) =>
        problemsAfter((t) => {
          t.scoring![0]!.bands = bands.map(([from, to], i) => ({ from, to, code: `b${i}`, label: `Band ${i}` }));
          delete t.translations;
        });
      expect(withBands([[0, 6]])).toEqual([]);
      expect(
        withBands([
          [0, 1],
          [3, 6],
        ]),
      ).toEqual([{ path: 'scoring[0].bands[1]', code: 'bands_gap', message: 'No band covers 2–2' }]);
      expect(
        withBands([
          [0, 3],
          [3, 6],
        ]).map((p) => p.code),
      ).toEqual(['bands_overlap']);
      expect(withBands([[1, 6]])).toEqual([{ path: 'scoring[0].bands[0]', code: 'bands_gap', message: 'No band covers 0–0' }]);
      expect(withBands([[0, 5]]).map((p) => p.message)).toEqual(['No band covers 6–6']);
      expect(withBands([[-1, 7]]).map((p) => p.code)).toEqual(['band_outside_range', 'band_outside_range']);
      expect(
        withBands([
          [3, 6],
          [0, 2],
        ]),
      ).toEqual([]);
      expect(
        withBands([
          [0, 2],
          [6, 3],
        ]).map((p) => p.code),
      ).toContain('band_inverted');
    });

    it('refuse a band code used twice and rule ids used twice', () => {
      expect(codesAfter((t) => (t.scoring![0]!.bands![1]!.code = 'low'))).toEqual(['duplicate_band_code', 'translation_unknown_target']);
      expect(codesAfter((t) => (t.flags![0]!.id = 'wellbeing_total'))).toEqual(['duplicate_rule_id']);
    });

    it('widen the range to 0 for items that may be hidden and then count as 0', () => {
      const codes = codesAfter((t, item) => {
        item('sleep').enableWhen = [{ itemId: 'mood', operator: 'equals', value: 'low' }];
        Object.assign(item('sleep'), { min: 1, max: 4, labels: [] });
        Object.assign(t.scoring![0]!, { whenHidden: 'zero', bands: [{ from: 0, to: 6, code: 'any', label: 'Any' }] });
        delete t.translations;
      });
      expect(codes).toEqual([]);
    });
  });

  it('checks that flag conditions test existing top-level questions', () => {
    expect(codesAfter((t) => (t.flags![0]!.when[0]!.itemId = 'child_age'))).toEqual(['condition_out_of_scope']);
    expect(codesAfter((t) => (t.flags![0]!.when[0]!.value = 'enemies'))).toEqual(['condition_value_invalid']);
  });

  it('refuses translations of things the template does not have', () => {
    expect(
      problemsAfter((t) => {
        t.translations!.nb!.sections = { ghost: 'Spøkelse' };
        t.translations!.nb!.items!.supports = { options: { pets: 'Kjæledyr' }, help: 'Hjelp' };
        t.translations!.nb!.scores = { wellbeing_total: { bands: { great: 'Flott' } }, other: {} };
      }).map((p) => p.path),
    ).toEqual([
      'translations.nb.sections.ghost',
      'translations.nb.items.supports.options.pets',
      'translations.nb.items.supports.help',
      'translations.nb.scores.wellbeing_total.bands.great',
      'translations.nb.scores.other',
    ]);
  });
});

describe('localizing a template', () => {
  const template = parse(sampleTemplate());

  it('puts translated texts in place and keeps the inline text where there is none', () => {
    const nb = localizeTemplate(template, 'nb');
    expect(nb.title).toBe('Husstandssjekk');
    expect(nb.description).toBe('A short check of the household');
    expect(nb.sections.map((s) => s.title)).toEqual(['Om husstanden', 'Wellbeing']);
    expect(nb.sections[1]!.items[0]).toMatchObject({
      text: 'Hvordan er humøret?',
      help: 'Tenk på siste uke',
      options: [{ text: 'Lavt' }, { text: 'Fair' }, { text: 'Good' }],
    });
    expect(nb.sections[1]!.items[2]).toMatchObject({
      labels: [
        { value: 0, text: 'Dårlig' },
        { value: 4, text: 'Well' },
      ],
    });
    expect(nb.sections[0]!.items[3]).toMatchObject({ items: [{ text: 'Alder' }, { text: 'At school?' }, { text: 'Which school' }] });
    expect(nb.scoring[0]).toMatchObject({
      label: 'Trivsel',
      bands: [
        { code: 'low', label: 'Low' },
        { code: 'good', label: 'Godt' },
      ],
    });
  });

  it('keeps ids, codes, scores and rules unchanged', () => {
    const strip = (t: typeof template) =>
      JSON.stringify(t, (key, value) => (['text', 'title', 'label', 'help'].includes(key) ? undefined : value));
    expect(strip(localizeTemplate(template, 'nb'))).toEqual(strip(template));
  });

  it('falls back from a regional tag to its language, and to the inline text for unknown languages', () => {
    expect(localizeTemplate(template, 'nb-NO').title).toBe('Husstandssjekk');
    expect(localizeTemplate(template, 'ru')).toBe(template);
    expect(localizeTemplate(template, 'en')).toBe(template);
  });
});
