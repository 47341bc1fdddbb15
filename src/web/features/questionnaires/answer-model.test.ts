import { describe, expect, it } from 'vitest';
import { questionnaireTemplate } from '../../../areas/questionnaire/questionnaire.rules.ts';
import { backgroundQuestionnaire, phq9 } from '../../../areas/questionnaire/shipped-questionnaires.ts';
import { answerAt, answerPathParts, mergeAnswers, savableAnswers, typingProblems, withAnswer, withMinimumEntries } from './answer-model.ts';

describe('answers in the fill-in form', () => {
  it('gives a group that is shown and needs entries empty ones, and none while it is hidden', () => {
    expect(withMinimumEntries(backgroundQuestionnaire, { has_used: false }).substances).toBeUndefined();
    expect(withMinimumEntries(backgroundQuestionnaire, { has_used: true }).substances).toEqual([{}]);
    const two = { has_used: true, substances: [{ substance: 'alcohol' }, { substance: 'cannabis' }] };
    expect(withMinimumEntries(backgroundQuestionnaire, two)).toBe(two);
  });

  it('sends only shown, valid answers while keeping what was typed', () => {
    const typed = { has_used: false, first_use_age: 15, phq: 'x', housing_situation: 'renting' };
    expect(savableAnswers(backgroundQuestionnaire, typed)).toEqual({ has_used: false, housing_situation: 'renting' });
    const outOfRange = { has_used: true, first_use_age: 3, substances: [{ substance: 'alcohol', years_regular_use: 200 }] };
    expect(savableAnswers(backgroundQuestionnaire, outOfRange)).toEqual({ has_used: true, substances: [{ substance: 'alcohol' }] });
    expect(typingProblems(backgroundQuestionnaire, outOfRange).map((p) => [p.path, p.code])).toEqual([
      ['first_use_age', 'out_of_range'],
      ['substances[0].years_regular_use', 'out_of_range'],
    ]);
  });

  it('drops what a removed invalid answer showed, and never reports a missing answer while typing', () => {
    expect(typingProblems(phq9, {})).toEqual([]);
    expect(savableAnswers(phq9, { phq9_1: 'never', phq9_difficulty: 'very_difficult' })).toEqual({});
  });

  it('leaves an empty answer out', () => {
    expect(withAnswer({ a: 'x', b: 'y' }, 'a', '  ')).toEqual({ b: 'y' });
    expect(withAnswer({}, 'g', [])).toEqual({ g: [] });
  });

  it('puts what was changed here on top of what someone else saved', () => {
    const base = { phq9_1: 'not_at_all', phq9_2: 'not_at_all' };
    const mine = { phq9_1: 'several_days', phq9_2: 'not_at_all' };
    const theirs = { phq9_1: 'not_at_all', phq9_2: 'nearly_every_day', phq9_3: 'several_days' };
    expect(mergeAnswers(base, mine, theirs)).toEqual({ phq9_1: 'several_days', phq9_2: 'nearly_every_day', phq9_3: 'several_days' });
    expect(mergeAnswers({ phq9_1: 'x' }, {}, { phq9_1: 'x', phq9_2: 'y' })).toEqual({ phq9_2: 'y' });
  });
});

describe('answers in groups inside groups', () => {
  const template = questionnaireTemplate.parse({
    key: 'nested',
    version: 1,
    title: 'Nested',
    sections: [
      {
        id: 'main',
        title: 'Main',
        items: [
          {
            id: 'H1_T1',
            type: 'group',
            text: 'Treatments',
            items: [
              { id: '1.1', type: 'short_text', text: 'Kind' },
              {
                id: '1.1.doses',
                type: 'group',
                text: 'Doses',
                maxRepeats: 1,
                items: [{ id: '2', type: 'number', text: 'Amount', max: 10 }],
              },
            ],
          },
        ],
      },
    ],
  });
  const answers = { H1_T1: [{ '1.1': 'a', '1.1.doses': [{ '2': 4 }] }] };

  it('finds the answer at a dotted path even when ids contain dots', () => {
    expect(answerPathParts(template, 'H1_T1.0.1.1.doses.0.2')?.map((p) => [p.item.id, p.entry])).toEqual([
      ['H1_T1', 0],
      ['1.1.doses', 0],
      ['2', undefined],
    ]);
    expect(answerAt(template, answers, 'H1_T1.0.1.1.doses.0.2')).toBe(4);
    expect(answerAt(template, answers, 'H1_T1.0.1.1')).toBe('a');
    expect(answerAt(template, answers, 'H1_T1.0.nope')).toBeUndefined();
  });

  it('gives a group answered once its entry, inside each entry of the group around it', () => {
    expect(withMinimumEntries(template, { H1_T1: [{ '1.1': 'a' }, {}] })).toEqual({
      H1_T1: [{ '1.1': 'a', '1.1.doses': [{}] }, { '1.1.doses': [{}] }],
    });
  });

  it('sends an invalid answer deep in a group as not answered yet', () => {
    expect(savableAnswers(template, { H1_T1: [{ '1.1': 'a', '1.1.doses': [{ '2': 40 }] }] })).toEqual({
      H1_T1: [{ '1.1': 'a', '1.1.doses': [{}] }],
    });
  });
});
