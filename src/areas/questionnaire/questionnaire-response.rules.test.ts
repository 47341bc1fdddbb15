import { describe, expect, it } from 'vitest';
import { type QuestionItemInput, type QuestionnaireTemplateInput, questionnaireTemplate, validateTemplate } from './questionnaire.rules.ts';
import { sampleTemplate } from './questionnaire.sample.ts';
import { type Answers, dropHiddenAnswers, scoreResponse, validateAnswers, visibleItems } from './questionnaire-response.rules.ts';

const template = questionnaireTemplate.parse(sampleTemplate());

/** A valid, complete set of answers to the sample. */
const complete: Answers = {
  adults: 2,
  name_of_street: 'Storgata',
  has_children: true,
  children: [
    { child_age: 9, child_at_school: true, school_name: 'Vahl skole' },
    { child_age: 3, child_at_school: false },
  ],
  moved_in: '2021-08-01',
  mood: 'fair',
  sleep: 3,
  supports: ['family', 'friends'],
  money_worries: 2,
};
const withAnswers = (changes: Answers): Answers => ({ ...complete, ...changes });
const problems = (given: Answers) => validateAnswers(template, given).map(({ path, code }) => `${path}: ${code}`);

/** A one-section template of the given items, for the rules that the sample does not show. */
const templateOf = (items: QuestionItemInput[], rest: Partial<QuestionnaireTemplateInput> = {}) =>
  questionnaireTemplate.parse({ key: 'small', version: 1, title: 'Small', sections: [{ id: 'main', title: 'Main', items }], ...rest });
const choice = (id: string, extra: Partial<QuestionItemInput> = {}) =>
  ({
    id,
    text: id,
    type: 'single_choice',
    options: [
      { code: 'none', text: 'None', score: 0 },
      { code: 'some', text: 'Some', score: 1 },
      { code: 'lots', text: 'Lots', score: 2 },
    ],
    ...extra,
  }) as QuestionItemInput;

describe('which items are shown', () => {
  it('shows the unconditional items when nothing is answered yet', () => {
    expect(visibleItems(template, {})).toEqual([
      'adults',
      'name_of_street',
      'has_children',
      'moved_in',
      'mood',
      'sleep',
      'supports',
      'money_worries',
    ]);
  });

  it('shows a repeating group once its condition holds, and its sub-items once per entry', () => {
    expect(visibleItems(template, complete)).toEqual([
      'adults',
      'name_of_street',
      'has_children',
      'children',
      'children[0].child_age',
      'children[0].child_at_school',
      'children[0].school_name',
      'children[1].child_age',
      'children[1].child_at_school',
      'moved_in',
      'mood',
      'sleep',
      'supports',
      'money_worries',
    ]);
  });

  it('shows a follow-up question for the answer it follows up', () => {
    expect(visibleItems(template, withAnswers({ mood: 'low' }))).toContain('mood_story');
    expect(visibleItems(template, withAnswers({ mood: 'good' }))).not.toContain('mood_story');
  });

  it('hides what depends on a hidden or invalid answer, even when that answer was given', () => {
    const shown = visibleItems(template, withAnswers({ has_children: false }));
    expect(shown.filter((path) => path.startsWith('children'))).toEqual([]);
    expect(visibleItems(template, withAnswers({ mood: 'dreadful' }))).not.toContain('mood_story');
  });

  it('combines several conditions with all or any, and treats an unanswered question as failing every test but "does not exist"', () => {
    const items = (behavior: 'all' | 'any'): QuestionItemInput[] => [
      choice('a'),
      choice('b'),
      {
        id: 'both',
        type: 'yes_no',
        text: 'both',
        enableBehavior: behavior,
        enableWhen: [
          { itemId: 'a', operator: 'equals', value: 'lots' },
          { itemId: 'b', operator: 'gt', value: 0 },
        ],
      },
      { id: 'a_not_lots', type: 'yes_no', text: 'a is not lots', enableWhen: [{ itemId: 'a', operator: 'notEquals', value: 'lots' }] },
      { id: 'a_missing', type: 'yes_no', text: 'a is missing', enableWhen: [{ itemId: 'a', operator: 'exists', value: false }] },
    ];
    const shown = (behavior: 'all' | 'any', given: Answers) => visibleItems(templateOf(items(behavior)), given).slice(2);
    expect(shown('all', { a: 'lots', b: 'some' })).toEqual(['both']);
    expect(shown('all', { a: 'lots', b: 'none' })).toEqual([]);
    expect(shown('any', { a: 'lots', b: 'none' })).toEqual(['both']);
    expect(shown('any', { a: 'some' })).toEqual(['a_not_lots']);
    expect(shown('any', {})).toEqual(['a_missing']);
  });

  it('compares numbers, dates and multiple choices', () => {
    const small = templateOf([
      { id: 'n', type: 'number', text: 'n' },
      { id: 'd', type: 'date', text: 'd' },
      {
        id: 'm',
        type: 'multiple_choice',
        text: 'm',
        options: [
          { code: 'x', text: 'X', score: 1 },
          { code: 'y', text: 'Y', score: 5 },
        ],
      },
      { id: 'big', type: 'yes_no', text: 'big', enableWhen: [{ itemId: 'n', operator: 'gt', value: 10 }] },
      { id: 'early', type: 'yes_no', text: 'early', enableWhen: [{ itemId: 'd', operator: 'lt', value: '2020-01-01' }] },
      { id: 'has_x', type: 'yes_no', text: 'has x', enableWhen: [{ itemId: 'm', operator: 'equals', value: 'x' }] },
      { id: 'heavy', type: 'yes_no', text: 'heavy', enableWhen: [{ itemId: 'm', operator: 'gt', value: 4 }] },
    ]);
    expect(visibleItems(small, { n: 11, d: '2019-12-31', m: ['x'] }).slice(3)).toEqual(['big', 'early', 'has_x']);
    expect(visibleItems(small, { n: 10, d: '2020-01-01', m: ['y'] }).slice(3)).toEqual(['heavy']);
  });
});

describe('validating answers', () => {
  it('accepts a complete and valid response', () => {
    expect(validateAnswers(template, complete)).toEqual([]);
  });

  it('asks for every shown required question, treating null, blank text and empty lists as unanswered', () => {
    expect(validateAnswers(template, {})).toEqual([
      { path: 'adults', itemId: 'adults', code: 'required', message: 'An answer is required' },
      { path: 'has_children', itemId: 'has_children', code: 'required', message: 'An answer is required' },
      { path: 'mood', itemId: 'mood', code: 'required', message: 'An answer is required' },
      { path: 'sleep', itemId: 'sleep', code: 'required', message: 'An answer is required' },
    ]);
    expect(problems(withAnswers({ adults: null, mood: '  ', supports: [] }))).toEqual(['adults: required', 'mood: required']);
  });

  it('does not ask for required questions that are hidden', () => {
    expect(problems(withAnswers({ has_children: false, children: undefined }))).toEqual([]);
  });

  it('rejects answers of the wrong kind', () => {
    expect(
      problems(withAnswers({ adults: '2', has_children: 'yes', mood: 2, supports: 'family', sleep: Number.NaN, moved_in: 20210801 })),
    ).toEqual([
      // an invalid answer controls nothing: the children are no longer asked about
      'adults: wrong_type',
      'has_children: wrong_type',
      'children: hidden_item_answered',
      'moved_in: wrong_type',
      'mood: wrong_type',
      'sleep: wrong_type',
      'supports: wrong_type',
    ]);
  });

  it('rejects numbers, scale steps and dates out of range, and fractions where whole numbers are asked for', () => {
    expect(problems(withAnswers({ adults: 0, sleep: 5, moved_in: '1999-12-31' }))).toEqual([
      'adults: out_of_range',
      'moved_in: out_of_range',
      'sleep: out_of_range',
    ]);
    expect(problems(withAnswers({ adults: 21, sleep: -1 }))).toEqual(['adults: out_of_range', 'sleep: out_of_range']);
    expect(problems(withAnswers({ adults: 2.5, sleep: 1.5 }))).toEqual(['adults: not_integer', 'sleep: not_integer']);
  });

  it('rejects dates that do not exist and text longer than allowed, counting characters not bytes', () => {
    expect(problems(withAnswers({ moved_in: '2023-02-29' }))).toEqual(['moved_in: invalid_date']);
    expect(problems(withAnswers({ moved_in: '1.8.2021' }))).toEqual(['moved_in: invalid_date']);
    expect(problems(withAnswers({ moved_in: '2024-02-29' }))).toEqual([]);
    expect(problems(withAnswers({ name_of_street: 'x'.repeat(41) }))).toEqual(['name_of_street: too_long']);
    expect(problems(withAnswers({ name_of_street: '街'.repeat(40) }))).toEqual([]);
    expect(problems(withAnswers({ name_of_street: '🏠'.repeat(40) }))).toEqual([]);
  });

  it('rejects options that do not exist and options chosen twice', () => {
    expect(problems(withAnswers({ mood: 'great', supports: ['family', 'pets'] }))).toEqual([
      'mood: unknown_option',
      'supports: unknown_option',
    ]);
    expect(problems(withAnswers({ supports: ['family', 'family'] }))).toEqual(['supports: duplicate_selection']);
  });

  it('rejects answers to questions that are not shown, rather than storing what the person was not asked', () => {
    expect(validateAnswers(template, withAnswers({ mood: 'good', mood_story: 'It has been a good week' }))).toEqual([
      {
        path: 'mood_story',
        itemId: 'mood_story',
        code: 'hidden_item_answered',
        message: 'The question is not shown for these answers; remove the answer',
      },
    ]);
    expect(problems(withAnswers({ has_children: false }))).toEqual(['children: hidden_item_answered']);
    expect(problems(withAnswers({ children: [{ child_age: 9, child_at_school: false, school_name: 'Vahl skole' }] }))).toEqual([
      'children[0].school_name: hidden_item_answered',
    ]);
  });

  it('rejects answers to questions the template does not have, at the top level and inside groups', () => {
    expect(problems(withAnswers({ shoe_size: 42, child_age: 4 }))).toEqual(['shoe_size: unknown_item', 'child_age: unknown_item']);
    expect(problems(withAnswers({ children: [{ child_age: 9, pet: 'cat' }] }))).toEqual(['children[0].pet: unknown_item']);
  });

  it('counts the entries of a repeating group and checks each entry', () => {
    expect(problems(withAnswers({ children: [] }))).toEqual(['children: too_few_repeats']);
    expect(problems(withAnswers({ children: [{ child_age: 1 }, { child_age: 2 }, { child_age: 3 }, { child_age: 4 }] }))).toEqual([
      'children: too_many_repeats',
    ]);
    expect(problems(withAnswers({ children: 'two' }))).toEqual(['children: wrong_type']);
    expect(problems(withAnswers({ children: [{ child_at_school: false }, { child_age: 30 }] }))).toEqual([
      'children[0].child_age: required',
      'children[1].child_age: out_of_range',
    ]);
  });

  it('asks for a required group that has no entries', () => {
    const small = templateOf([{ id: 'g', type: 'group', text: 'g', required: true, items: [{ id: 's', type: 'short_text', text: 's' }] }]);
    expect(validateAnswers(small, {}).map((p) => p.code)).toEqual(['required']);
    expect(validateAnswers(small, { g: [{ s: 'x' }] })).toEqual([]);
  });
});

describe('dropping answers to hidden questions', () => {
  it('removes them at the top level and inside groups, and keeps the rest as given', () => {
    const given = withAnswers({
      mood: 'good',
      mood_story: 'Fine',
      adults: 99,
      children: [{ child_age: 9, child_at_school: false, school_name: 'Vahl skole' }],
    });
    const kept = dropHiddenAnswers(template, given);
    expect(kept).not.toHaveProperty('mood_story');
    expect(kept.children).toEqual([{ child_age: 9, child_at_school: false }]);
    expect(kept.adults).toBe(99);
    expect(problems(kept)).toEqual(['adults: out_of_range']);
  });

  it('removes a whole group whose condition no longer holds, and changes nothing the second time', () => {
    const kept = dropHiddenAnswers(template, withAnswers({ has_children: false }));
    expect(kept).not.toHaveProperty('children');
    expect(dropHiddenAnswers(template, kept)).toEqual(kept);
  });
});

describe('scoring a response', () => {
  it('adds up the scores and finds the band', () => {
    expect(scoreResponse(template, complete)).toEqual({
      scores: [
        {
          ruleId: 'wellbeing_total',
          label: 'Wellbeing',
          total: 4,
          band: { from: 3, to: 6, code: 'good', label: 'Good' },
          complete: true,
          missingItems: [],
          invalidItems: [],
        },
      ],
      flags: [],
    });
    expect(scoreResponse(template, withAnswers({ mood: 'low', sleep: 2 })).scores[0]).toMatchObject({ total: 2, band: { code: 'low' } });
  });

  it('never prorates: with an item missing there is no total and no band', () => {
    const { mood: _, ...withoutMood } = complete;
    expect(scoreResponse(template, withoutMood).scores[0]).toEqual({
      ruleId: 'wellbeing_total',
      label: 'Wellbeing',
      total: null,
      band: null,
      complete: false,
      missingItems: ['mood'],
      invalidItems: [],
    });
  });

  it('does not count an invalid answer', () => {
    expect(scoreResponse(template, withAnswers({ sleep: 9 })).scores[0]).toMatchObject({
      total: null,
      band: null,
      complete: false,
      missingItems: [],
      invalidItems: ['sleep'],
    });
  });

  it('counts a hidden item as missing, or as 0 where the rule says so', () => {
    const items: QuestionItemInput[] = [
      choice('gate'),
      choice('follow_up', { enableWhen: [{ itemId: 'gate', operator: 'gt', value: 0 }] }),
    ];
    const rule = (whenHidden: 'missing' | 'zero') => ({
      scoring: [{ id: 'total', kind: 'sum' as const, label: 'Total', items: ['gate', 'follow_up'], whenHidden }],
    });
    expect(scoreResponse(templateOf(items, rule('missing')), { gate: 'none' }).scores[0]).toMatchObject({
      total: null,
      missingItems: ['follow_up'],
    });
    expect(scoreResponse(templateOf(items, rule('zero')), { gate: 'none' }).scores[0]).toMatchObject({ total: 0, complete: true });
    expect(scoreResponse(templateOf(items, rule('zero')), { gate: 'some' }).scores[0]).toMatchObject({
      total: null,
      missingItems: ['follow_up'],
    });
    expect(scoreResponse(templateOf(items, rule('zero')), { gate: 'some', follow_up: 'lots' }).scores[0]).toMatchObject({ total: 3 });
  });

  it('raises a flag when its conditions hold', () => {
    expect(scoreResponse(template, withAnswers({ supports: ['nobody'] })).flags).toEqual([{ ruleId: 'nobody_supports', flag: 'isolated' }]);
    expect(scoreResponse(template, withAnswers({ supports: undefined })).flags).toEqual([]);
  });

  it('combines flag conditions with all or any, and ignores answers to hidden questions', () => {
    const items: QuestionItemInput[] = [
      choice('a'),
      choice('b'),
      choice('c', { enableWhen: [{ itemId: 'a', operator: 'equals', value: 'lots' }] }),
    ];
    const flags = (behavior: 'all' | 'any') => ({
      flags: [
        {
          id: 'f',
          flag: 'worry',
          behavior,
          when: [
            { itemId: 'a', operator: 'equals' as const, value: 'lots' },
            { itemId: 'b', operator: 'gt' as const, value: 1 },
          ],
        },
      ],
    });
    expect(scoreResponse(templateOf(items, flags('all')), { a: 'lots', b: 'some' }).flags).toEqual([]);
    expect(scoreResponse(templateOf(items, flags('any')), { a: 'lots', b: 'some' }).flags).toEqual([{ ruleId: 'f', flag: 'worry' }]);
    const onHidden = { flags: [{ id: 'f', flag: 'worry', when: [{ itemId: 'c', operator: 'exists' as const, value: true }] }] };
    expect(scoreResponse(templateOf(items, onHidden), { a: 'none', c: 'lots' }).flags).toEqual([]);
    expect(scoreResponse(templateOf(items, onHidden), { a: 'lots', c: 'lots' }).flags).toEqual([{ ruleId: 'f', flag: 'worry' }]);
  });
});

describe('answers to the item types of published questionnaires', () => {
  const items: QuestionItemInput[] = [
    { id: 'intro', type: 'display', text: 'Read this first' },
    { id: 'seen_at', type: 'date_time', text: 'When' },
    { id: 'wakes', type: 'time', text: 'Wakes at' },
    { id: 'page', type: 'url', text: 'Web page' },
    { id: 'letter', type: 'attachment', text: 'The letter' },
    { id: 'weight', type: 'quantity', text: 'Weight', units: [{ code: 'kg' }, { code: '[lb_av]', display: 'lbs' }] },
    { id: 'distance', type: 'quantity', text: 'Distance' },
    {
      id: 'pet',
      type: 'open_choice',
      text: 'Pet',
      options: [
        { code: 'cat', text: 'Cat', score: 1 },
        { code: 'dog', text: 'Dog', score: 2 },
      ],
    },
    { id: 'pets', type: 'open_choice', text: 'Pets', multiple: true, options: [{ code: 'cat', text: 'Cat' }] },
  ];
  const t = templateOf(items);
  const codesOf = (given: Answers) => validateAnswers(t, given).map(({ path, code }) => `${path}: ${code}`);

  it('takes well-formed answers of each type', () => {
    expect(
      codesOf({
        seen_at: '2024-02-29T13:45',
        wakes: '06:30',
        page: 'https://example.org/a?b=c',
        letter: 'Paper file, cabinet 3',
        weight: { value: 71.5, unit: 'kg' },
        distance: { value: 3, unit: 'furlongs' },
        pet: { codes: [], other: 'Tortoise' },
        pets: { codes: ['cat'], other: 'Tortoise' },
      }),
    ).toEqual([]);
  });

  it('refuses a malformed date and time, time, web address and unit, and any answer to a display item', () => {
    expect(
      codesOf({
        intro: 'x',
        seen_at: '2023-02-29T13:45',
        wakes: '25:00',
        page: 'ftp://example.org',
        weight: { value: 70, unit: 'stone' },
        distance: { value: 3 },
      }),
    ).toEqual(['intro: not_answerable', 'seen_at: invalid_date_time', 'wakes: invalid_time', 'page: invalid_url', 'weight: unknown_unit']);
  });

  it('counts an open choice with neither option nor text as unanswered', () => {
    const required = templateOf([{ id: 'pet', type: 'open_choice', text: 'Pet', required: true, options: [{ code: 'cat', text: 'Cat' }] }]);
    expect(validateAnswers(required, { pet: { codes: [], other: '  ' } }).map((p) => p.code)).toEqual(['required']);
  });

  it('shows an item on an open choice’s option or its own words, on a quantity’s value, and on a time by order', () => {
    const conditional = templateOf([
      ...items,
      { id: 'on_other', type: 'short_text', text: 'A', enableWhen: [{ itemId: 'pet', operator: 'equals', value: 'Tortoise' }] },
      { id: 'on_score', type: 'short_text', text: 'B', enableWhen: [{ itemId: 'pet', operator: 'gte', value: 2 }] },
      { id: 'on_weight', type: 'short_text', text: 'C', enableWhen: [{ itemId: 'weight', operator: 'lte', value: 80 }] },
      { id: 'on_time', type: 'short_text', text: 'D', enableWhen: [{ itemId: 'wakes', operator: 'lt', value: '07:00' }] },
    ]);
    const shown = (given: Answers) => visibleItems(conditional, given).filter((path) => path.startsWith('on_'));
    expect(shown({ pet: { codes: [], other: 'Tortoise' }, weight: { value: 80, unit: 'kg' }, wakes: '06:59' })).toEqual([
      'on_other',
      'on_weight',
      'on_time',
    ]);
    expect(shown({ pet: { codes: ['dog'] }, weight: { value: 80.5, unit: 'kg' }, wakes: '07:00' })).toEqual(['on_score']);
  });
});

describe('groups inside groups', () => {
  const nested = templateOf([
    { id: 'top', type: 'yes_no', text: 'Top' },
    {
      id: 'treatments',
      type: 'group',
      text: 'Treatments',
      items: [
        { id: 'kind', type: 'short_text', text: 'Kind' },
        {
          id: 'doses',
          type: 'group',
          text: 'Doses',
          enableWhen: [{ itemId: 'kind', operator: 'exists', value: true }],
          items: [
            { id: 'amount', type: 'number', text: 'Amount' },
            { id: 'note', type: 'short_text', text: 'Note', enableWhen: [{ itemId: 'top', operator: 'equals', value: true }] },
          ],
        },
      ],
    },
  ]);

  it('lets an item in an inner group depend on its entry, the entry around it, or a top-level item', () => {
    const given: Answers = { top: true, treatments: [{ kind: 'a', doses: [{ amount: 1, note: 'x' }] }, { doses: [{ amount: 2 }] }] };
    expect(visibleItems(nested, given)).toEqual([
      'top',
      'treatments',
      'treatments[0].kind',
      'treatments[0].doses',
      'treatments[0].doses[0].amount',
      'treatments[0].doses[0].note',
      'treatments[1].kind',
    ]);
    expect(validateAnswers(nested, given).map((p) => `${p.path}: ${p.code}`)).toEqual(['treatments[1].doses: hidden_item_answered']);
  });

  it('drops the answers to hidden items at any depth', () => {
    const given: Answers = { top: false, treatments: [{ kind: 'a', doses: [{ amount: 1, note: 'x' }] }, { doses: [{ amount: 2 }] }] };
    expect(dropHiddenAnswers(nested, given)).toEqual({ top: false, treatments: [{ kind: 'a', doses: [{ amount: 1 }] }, {}] });
  });

  it('refuses groups nested deeper than the limit', () => {
    let item: QuestionItemInput = { id: 'leaf', type: 'short_text', text: 'Leaf' };
    for (let depth = 6; depth >= 1; depth--) item = { id: `g${depth}`, type: 'group', text: `G${depth}`, items: [item] };
    const deep = templateOf([item]);
    // g6 sits six groups deep, one more than allowed.
    expect(validateTemplate(deep).map((p) => [p.path, p.code])).toEqual([[`sections[0]${'.items[0]'.repeat(6)}`, 'group_too_deep']]);
  });
});
