import type { QuestionnaireTemplateInput } from './questionnaire.rules.ts';

/**
 * A small template that uses every item type, a repeating group, display conditions, a score
 * with bands, a flag and a translation: an example for template authors, and the tests' sample.
 */
export function sampleTemplate(): QuestionnaireTemplateInput {
  return {
    key: 'sample',
    version: 3,
    title: 'Household check',
    description: 'A short check of the household',
    sections: [
      {
        id: 'about',
        title: 'About the household',
        items: [
          { id: 'adults', type: 'number', text: 'Adults in the household', integer: true, min: 1, max: 20, required: true, unit: 'people' },
          { id: 'name_of_street', type: 'short_text', text: 'Street', maxLength: 40 },
          { id: 'has_children', type: 'yes_no', text: 'Are there children?', required: true },
          {
            id: 'children',
            type: 'group',
            text: 'Children',
            enableWhen: [{ itemId: 'has_children', operator: 'equals', value: true }],
            minRepeats: 1,
            maxRepeats: 3,
            items: [
              { id: 'child_age', type: 'number', text: 'Age', integer: true, min: 0, max: 25, required: true },
              { id: 'child_at_school', type: 'yes_no', text: 'At school?' },
              {
                id: 'school_name',
                type: 'short_text',
                text: 'Which school',
                enableWhen: [{ itemId: 'child_at_school', operator: 'equals', value: true }],
              },
            ],
          },
          { id: 'moved_in', type: 'date', text: 'Moved in on', min: '2000-01-01', max: '2030-12-31' },
        ],
      },
      {
        id: 'wellbeing',
        title: 'Wellbeing',
        items: [
          {
            id: 'mood',
            type: 'single_choice',
            text: 'How is your mood?',
            required: true,
            help: 'Think of the last week',
            options: [
              { code: 'low', text: 'Low', score: 0 },
              { code: 'fair', text: 'Fair', score: 1 },
              { code: 'good', text: 'Good', score: 2 },
            ],
          },
          { id: 'mood_story', type: 'long_text', text: 'Tell us more', enableWhen: [{ itemId: 'mood', operator: 'equals', value: 'low' }] },
          {
            id: 'sleep',
            type: 'scale',
            text: 'How well do you sleep?',
            min: 0,
            max: 4,
            labels: [
              { value: 0, text: 'Badly' },
              { value: 4, text: 'Well' },
            ],
            required: true,
          },
          {
            id: 'supports',
            type: 'multiple_choice',
            text: 'Who supports you?',
            options: [
              { code: 'family', text: 'Family' },
              { code: 'friends', text: 'Friends' },
              { code: 'nobody', text: 'Nobody' },
            ],
          },
          { id: 'money_worries', type: 'number', text: 'Days with money worries last week', integer: true, min: 0, max: 7 },
        ],
      },
    ],
    scoring: [
      {
        id: 'wellbeing_total',
        kind: 'sum',
        label: 'Wellbeing',
        items: ['mood', 'sleep'],
        bands: [
          { from: 0, to: 2, code: 'low', label: 'Low' },
          { from: 3, to: 6, code: 'good', label: 'Good' },
        ],
      },
    ],
    flags: [{ id: 'nobody_supports', flag: 'isolated', when: [{ itemId: 'supports', operator: 'equals', value: 'nobody' }] }],
    translations: {
      nb: {
        title: 'Husstandssjekk',
        sections: { about: 'Om husstanden' },
        items: {
          mood: { text: 'Hvordan er humøret?', help: 'Tenk på siste uke', options: { low: 'Lavt' } },
          sleep: { labels: { '0': 'Dårlig' } },
          child_age: { text: 'Alder' },
        },
        scores: { wellbeing_total: { label: 'Trivsel', bands: { good: 'Godt' } } },
      },
    },
  };
}
