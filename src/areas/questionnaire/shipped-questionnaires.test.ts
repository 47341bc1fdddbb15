import { describe, expect, it } from 'vitest';
import { indexItems, localizeTemplate, type QuestionnaireTemplate, validateTemplate } from './questionnaire.rules.ts';
import { type Answers, scoreResponse, validateAnswers, visibleItems } from './questionnaire-response.rules.ts';
import {
  backgroundQuestionnaire,
  gad7,
  lifeDomainNeeds,
  phq9,
  selfSufficiencyScale,
  shippedQuestionnaires,
} from './shipped-questionnaires.ts';

describe.each(shippedQuestionnaires.map((template) => ({ key: template.key, template })))('the shipped template $key', ({ template }) => {
  it('passes validation', () => {
    expect(validateTemplate(template)).toEqual([]);
  });
});

it('ships each template under its own key', () => {
  expect(shippedQuestionnaires.map((t) => t.key)).toEqual([
    'phq-9',
    'gad-7',
    'self-sufficiency',
    'life-domain-needs',
    'background-questionnaire',
  ]);
});

const frequencyCodes = ['not_at_all', 'several_days', 'more_than_half', 'nearly_every_day'];

/** Answers giving each item the score at its position. */
function answersScoring(template: QuestionnaireTemplate, scores: readonly number[]): Answers {
  return Object.fromEntries(scores.map((score, i) => [`${template.sections[0]!.id}_${i + 1}`, frequencyCodes[score]!]));
}
/** Scores adding up to `total`, the first items as high as they go. */
function scoresAddingUpTo(total: number, items: number): number[] {
  return Array.from({ length: items }, (_, i) => Math.max(0, Math.min(3, total - 3 * i)));
}
const totalOf = (template: QuestionnaireTemplate, answers: Answers) => {
  const score = scoreResponse(template, answers).scores[0]!;
  return { total: score.total, band: score.band?.code ?? null };
};

describe('PHQ-9', () => {
  it('scores all "Not at all" as 0, minimal', () => {
    const answers = answersScoring(phq9, Array(9).fill(0));
    expect(validateAnswers(phq9, answers)).toEqual([]);
    expect(totalOf(phq9, answers)).toEqual({ total: 0, band: 'minimal' });
  });

  it('scores all "Nearly every day" as 27, severe', () => {
    expect(totalOf(phq9, { ...answersScoring(phq9, Array(9).fill(3)), phq9_difficulty: 'very_difficult' })).toEqual({
      total: 27,
      band: 'severe',
    });
  });

  it.each([
    [4, 'minimal'],
    [5, 'mild'],
    [9, 'mild'],
    [10, 'moderate'],
    [14, 'moderate'],
    [15, 'moderately_severe'],
    [19, 'moderately_severe'],
    [20, 'severe'],
  ])('puts a total of %i in the band %s', (total, band) => {
    expect(totalOf(phq9, answersScoring(phq9, scoresAddingUpTo(total, 9)))).toEqual({ total, band });
  });

  it('gives no total while an item is unanswered', () => {
    const { phq9_4: _, ...answers } = answersScoring(phq9, Array(9).fill(1));
    expect(scoreResponse(phq9, answers).scores[0]).toMatchObject({ total: null, band: null, complete: false, missingItems: ['phq9_4'] });
    expect(validateAnswers(phq9, answers).map((p) => `${p.path}: ${p.code}`)).toEqual(['phq9_4: required']);
  });

  it('rejects an answer outside the four options, and does not count it', () => {
    const answers: Answers = { ...answersScoring(phq9, Array(9).fill(0)), phq9_2: 'always', phq9_3: 4 };
    expect(validateAnswers(phq9, answers).map((p) => `${p.path}: ${p.code}`)).toEqual(['phq9_2: unknown_option', 'phq9_3: wrong_type']);
    expect(scoreResponse(phq9, answers).scores[0]).toMatchObject({ total: null, invalidItems: ['phq9_2', 'phq9_3'] });
  });

  it('raises the crisis flag on any answer to item 9 other than "Not at all"', () => {
    for (const score of [1, 2, 3]) {
      const answers = answersScoring(phq9, [0, 0, 0, 0, 0, 0, 0, 0, score]);
      expect(scoreResponse(phq9, answers).flags).toEqual([{ ruleId: 'phq9_self_harm', flag: 'crisis' }]);
    }
  });

  it('raises no flag when item 9 is "Not at all" or unanswered, whatever the total', () => {
    expect(scoreResponse(phq9, answersScoring(phq9, [3, 3, 3, 3, 3, 3, 3, 3, 0])).flags).toEqual([]);
    expect(scoreResponse(phq9, answersScoring(phq9, [3, 3, 3, 3, 3, 3, 3, 3])).flags).toEqual([]);
  });

  it('asks how difficult the problems made life only once a problem is checked', () => {
    expect(visibleItems(phq9, answersScoring(phq9, Array(9).fill(0)))).not.toContain('phq9_difficulty');
    expect(visibleItems(phq9, answersScoring(phq9, [0, 0, 0, 0, 0, 0, 1, 0, 0]))).toContain('phq9_difficulty');
    expect(totalOf(phq9, { ...answersScoring(phq9, [0, 0, 0, 0, 0, 0, 1, 0, 0]), phq9_difficulty: 'extremely_difficult' })).toEqual({
      total: 1,
      band: 'minimal',
    });
  });

  it("keeps the authors' wording and attribution", () => {
    expect(indexItems(phq9).get('phq9_9')!.item.text).toBe('Thoughts that you would be better off dead or of hurting yourself in some way');
    expect(phq9.copyright).toMatch(/Spitzer.*No permission required/);
  });
});

describe('GAD-7', () => {
  it('scores 0 as minimal and 21 as severe', () => {
    expect(totalOf(gad7, answersScoring(gad7, Array(7).fill(0)))).toEqual({ total: 0, band: 'minimal' });
    expect(totalOf(gad7, answersScoring(gad7, Array(7).fill(3)))).toEqual({ total: 21, band: 'severe' });
  });

  it.each([
    [4, 'minimal'],
    [5, 'mild'],
    [9, 'mild'],
    [10, 'moderate'],
    [14, 'moderate'],
    [15, 'severe'],
  ])('puts a total of %i in the band %s', (total, band) => {
    expect(totalOf(gad7, answersScoring(gad7, scoresAddingUpTo(total, 7)))).toEqual({ total, band });
  });

  it('gives no total while an item is unanswered, and raises no flags', () => {
    const answers = answersScoring(gad7, Array(6).fill(3));
    expect(scoreResponse(gad7, answers)).toMatchObject({ scores: [{ total: null, missingItems: ['gad7_7'] }], flags: [] });
  });
});

describe('the self-sufficiency scale', () => {
  const domains = selfSufficiencyScale.sections[0]!.items;

  it('rates sixteen life domains from 1 in crisis to 5 empowered, with 0 for not applicable', () => {
    expect(domains.map((d) => d.id)).toEqual([
      'housing',
      'employment',
      'income',
      'food',
      'child_care',
      'education',
      'health_coverage',
      'life_skills',
      'family_social',
      'mobility',
      'community',
      'parenting',
      'legal',
      'mental_health',
      'substance_use',
      'safety',
    ]);
    for (const domain of domains) {
      expect(domain).toMatchObject({ type: 'scale', min: 0, max: 5, required: true });
      expect(domain.type === 'scale' && domain.labels.map((l) => l.text)).toEqual([
        'Not applicable',
        'In crisis',
        'Vulnerable',
        'Safe',
        'Building capacity',
        'Empowered',
      ]);
    }
  });

  const rated = (value: number, changes: Answers = {}): Answers => ({
    ...Object.fromEntries(domains.map((d) => [d.id, value])),
    ...changes,
  });

  it('accepts 0 to 5 and rejects anything else', () => {
    expect(validateAnswers(selfSufficiencyScale, rated(0))).toEqual([]);
    expect(validateAnswers(selfSufficiencyScale, rated(5))).toEqual([]);
    expect(validateAnswers(selfSufficiencyScale, rated(3, { food: 6, income: 2.5 })).map((p) => `${p.path}: ${p.code}`)).toEqual([
      'income: not_integer',
      'food: out_of_range',
    ]);
  });

  it('raises the crisis flag when safety or mental health is in crisis', () => {
    expect(scoreResponse(selfSufficiencyScale, rated(3)).flags).toEqual([]);
    expect(scoreResponse(selfSufficiencyScale, rated(1, { safety: 3, mental_health: 3 })).flags).toEqual([]);
    expect(scoreResponse(selfSufficiencyScale, rated(3, { safety: 1 })).flags).toEqual([
      { ruleId: 'self_sufficiency_danger', flag: 'crisis' },
    ]);
    expect(scoreResponse(selfSufficiencyScale, rated(3, { mental_health: 1 })).flags).toHaveLength(1);
  });

  it.each(['nb', 'sv', 'ru', 'zh-Hans', 'zh-Hant'])('names every domain and level in %s', (locale) => {
    const localized = localizeTemplate(selfSufficiencyScale, locale);
    expect(localized.title).not.toBe(selfSufficiencyScale.title);
    localized.sections[0]!.items.forEach((domain, i) => {
      expect(domain.text).not.toBe(domains[i]!.text);
      if (domain.type === 'scale') expect(new Set(domain.labels.map((l) => l.text)).size).toBe(6);
    });
    expect(new Set(localized.sections[0]!.items.map((d) => d.text)).size).toBe(16);
  });

  it('keeps the domain names distinct from the level names in every language', () => {
    for (const locale of ['en', 'nb', 'sv', 'ru', 'zh-Hans', 'zh-Hant']) {
      const [first, ...rest] = localizeTemplate(selfSufficiencyScale, locale).sections[0]!.items;
      const levels = first!.type === 'scale' ? first!.labels.map((l) => l.text) : [];
      expect([first!, ...rest].filter((d) => levels.includes(d.text))).toEqual([]);
    }
  });
});

/** Every text a reader sees in a template, in reading order. */
function textsOf(template: QuestionnaireTemplate): string[] {
  const item = (i: QuestionnaireTemplate['sections'][number]['items'][number]): string[] => [
    i.text,
    ...(i.help ? [i.help] : []),
    ...('options' in i ? i.options.map((o) => o.text) : []),
    ...(i.type === 'scale' ? i.labels.map((l) => l.text) : []),
    ...(i.type === 'group' ? i.items.flatMap(item) : []),
  ];
  return [template.title, template.description ?? '', ...template.sections.flatMap((s) => [s.title ?? '', ...s.items.flatMap(item)])];
}

describe('the life-domain needs assessment', () => {
  it.each(['nb', 'sv', 'ru', 'zh-Hans', 'zh-Hant'])('reads in %s throughout, with no English text left', (locale) => {
    const english = textsOf(lifeDomainNeeds);
    const localized = textsOf(localizeTemplate(lifeDomainNeeds, locale));
    expect(localized).toHaveLength(english.length);
    expect(localized.filter((text, i) => text === english[i])).toEqual([]);
  });

  const domains = ['psychosocial', 'health', 'finances', 'legal', 'housing', 'work_education', 'family_social', 'safety'];
  const noNeeds: Answers = {
    ...Object.fromEntries(domains.map((d) => [`${d}_need`, false])),
    core_needs: 'None at present',
    person_response: 'agrees',
  };

  it('covers eight domains with findings, need, severity and strengths, and a summary', () => {
    expect(lifeDomainNeeds.sections.map((s) => s.id)).toEqual([...domains, 'summary']);
    expect(lifeDomainNeeds.sections[0]!.items.map((i) => i.id)).toEqual([
      'psychosocial_findings',
      'psychosocial_need',
      'psychosocial_severity',
      'psychosocial_strengths',
    ]);
    expect(validateAnswers(lifeDomainNeeds, noNeeds)).toEqual([]);
  });

  it('asks how severe a need is only when there is one, and then requires it', () => {
    const withNeed = { ...noNeeds, housing_need: true };
    expect(visibleItems(lifeDomainNeeds, noNeeds)).not.toContain('housing_severity');
    expect(validateAnswers(lifeDomainNeeds, withNeed).map((p) => `${p.path}: ${p.code}`)).toEqual(['housing_severity: required']);
    expect(validateAnswers(lifeDomainNeeds, { ...withNeed, housing_severity: 3 })).toEqual([]);
    expect(validateAnswers(lifeDomainNeeds, { ...noNeeds, housing_severity: 3 }).map((p) => p.code)).toEqual(['hidden_item_answered']);
  });

  it("asks for the person's corrections unless they agree", () => {
    expect(validateAnswers(lifeDomainNeeds, { ...noNeeds, person_response: 'disagrees' }).map((p) => p.path)).toEqual([
      'person_corrections',
    ]);
  });

  it('raises the crisis flag for an acute safety need', () => {
    expect(scoreResponse(lifeDomainNeeds, { ...noNeeds, safety_need: true, safety_severity: 4 }).flags).toEqual([
      { ruleId: 'acute_safety_need', flag: 'crisis' },
    ]);
    expect(scoreResponse(lifeDomainNeeds, { ...noNeeds, safety_need: true, safety_severity: 3 }).flags).toEqual([]);
  });
});

describe('the background questionnaire', () => {
  const minimal: Answers = {
    id_document: 'no_document',
    housing_situation: 'shelter',
    has_used: false,
    convicted: false,
    reasons: ['documents', 'housing_help'],
    reasons_story: 'Lost my passport and my room at the same time',
  };

  it('follows seed 004: general information, substance use, treatment, legal situation, health, reasons', () => {
    expect(backgroundQuestionnaire.sections.map((s) => s.title)).toEqual([
      'General information',
      'Substance-use history',
      'Treatment history',
      'Legal situation',
      'Physical health',
      'Reasons for contacting the agency',
    ]);
    expect(validateAnswers(backgroundQuestionnaire, minimal)).toEqual([]);
  });

  it('asks about substances and treatment only of someone who has used drugs', () => {
    const shown = visibleItems(backgroundQuestionnaire, minimal);
    expect(shown).not.toContain('substances');
    expect(shown).not.toContain('had_treatment');
    expect(validateAnswers(backgroundQuestionnaire, { ...minimal, has_used: true }).map((p) => `${p.path}: ${p.code}`)).toEqual([
      'substances: too_few_repeats',
      'had_treatment: required',
    ]);
  });

  it('records earlier treatments, substances and convictions as repeating entries', () => {
    const full: Answers = {
      ...minimal,
      has_used: true,
      first_use_age: 16,
      substances: [
        { substance: 'Heroin', route: 'injected', years_regular_use: 8, still_using: false },
        { substance: 'Alcohol', route: 'swallowed', still_using: true },
      ],
      had_treatment: true,
      treatments: [
        { treatment_setting: 'inpatient', treatment_place: 'Regional hospital', treatment_year: 2019, treatment_effect: 'short_effect' },
        { treatment_setting: 'substitution', treatment_year: 2022, treatment_effect: 'lasting_effect' },
      ],
      own_attempts: true,
      own_attempts_count: 3,
      longest_abstinence: 14,
      joining_decision: 'own_decision',
      convicted: true,
      convictions: [{ conviction_offence: 'Theft', conviction_year: 2015, conviction_sentence: 'Suspended sentence' }],
      health_rating: 2,
    };
    expect(validateAnswers(backgroundQuestionnaire, full)).toEqual([]);
    expect(validateAnswers(backgroundQuestionnaire, { ...full, convictions: [] }).map((p) => p.code)).toEqual(['too_few_repeats']);
    expect(validateAnswers(backgroundQuestionnaire, { ...full, treatments: [{ treatment_year: 2019 }] }).map((p) => p.path)).toEqual([
      'treatments[0].treatment_setting',
    ]);
  });

  it('asks what "other" means only when it is chosen', () => {
    expect(visibleItems(backgroundQuestionnaire, minimal)).not.toContain('reasons_other');
    expect(visibleItems(backgroundQuestionnaire, { ...minimal, reasons: ['other_reason'] })).toContain('reasons_other');
    expect(visibleItems(backgroundQuestionnaire, { ...minimal, employment_status: 'self_employed' })).toContain('workplace');
  });
});
