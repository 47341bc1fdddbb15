import type { TFunction } from 'i18next';

/** Numbered parts of a template, by the name of their list (an item inside an item is a sub-question). */
const numbered: Record<string, string> = {
  sections: 'questionnaires.sectionN',
  items: 'questionnaires.itemN',
  subItems: 'questionnaires.subItemN',
  options: 'questionnaires.optionN',
  units: 'questionnaires.unitN',
  labels: 'questionnaires.scaleLabelN',
  enableWhen: 'questionnaires.conditionN',
  when: 'questionnaires.conditionN',
  scoring: 'questionnaires.scoreN',
  flags: 'questionnaires.flagN',
  bands: 'questionnaires.bandN',
};

/** The label of a field, by the part it belongs to; `*` is any part. */
const fieldLabels: Record<string, Record<string, string>> = {
  '': {
    key: 'questionnaires.key',
    title: 'questionnaires.templateTitle',
    description: 'questionnaires.description',
    copyright: 'questionnaires.copyright',
    sections: 'questionnaires.sections',
  },
  sections: { id: 'questionnaires.sectionId', title: 'questionnaires.sectionTitle', items: 'questionnaires.items' },
  options: { code: 'questionnaires.optionCode', text: 'questionnaires.optionText', score: 'questionnaires.optionScore' },
  labels: { value: 'questionnaires.scaleValue', text: 'questionnaires.scaleLabelText' },
  units: { code: 'questionnaires.unitCode', display: 'questionnaires.unitDisplay' },
  enableWhen: {
    itemId: 'questionnaires.conditionItem',
    operator: 'questionnaires.conditionOperator',
    value: 'questionnaires.conditionValue',
  },
  bands: {
    from: 'questionnaires.bandFrom',
    to: 'questionnaires.bandTo',
    code: 'questionnaires.bandCode',
    label: 'questionnaires.bandLabel',
  },
  scoring: {
    id: 'questionnaires.ruleId',
    label: 'questionnaires.scoreLabel',
    whenHidden: 'questionnaires.whenHidden',
    bands: 'questionnaires.bands',
  },
  flags: {
    id: 'questionnaires.ruleId',
    flag: 'questionnaires.flagCode',
    when: 'questionnaires.flagConditions',
    behavior: 'questionnaires.conditionBehavior',
  },
  '*': {
    id: 'questionnaires.itemId',
    type: 'questionnaires.itemType',
    text: 'questionnaires.itemText',
    help: 'questionnaires.itemHelp',
    required: 'questionnaires.itemRequired',
    options: 'questionnaires.options',
    labels: 'questionnaires.scaleLabels',
    min: 'questionnaires.minimum',
    max: 'questionnaires.maximum',
    integer: 'questionnaires.numberInteger',
    unit: 'questionnaires.numberUnit',
    units: 'questionnaires.units',
    multiple: 'questionnaires.openChoiceMultiple',
    minRepeats: 'questionnaires.minRepeats',
    maxRepeats: 'questionnaires.maxRepeats',
    items: 'questionnaires.subItems',
    enableWhen: 'questionnaires.displayConditions',
    enableBehavior: 'questionnaires.conditionBehavior',
  },
};
fieldLabels.when = fieldLabels.enableWhen!;

/** "sections.0.items.2.options.1.code" → "Section 1 › Question 3 › Option 2 › Code", for the error summary. */
export function describeTemplatePath(path: string, t: TFunction): string {
  const parts: string[] = [];
  const segments = path.split('.');
  let container = '';
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i]!;
    const next = segments[i + 1];
    if (segment === 'translations' && next) {
      parts.push(t('questionnaires.translationOf', { language: t(`languageName.${next}`, { defaultValue: next }) }));
      break;
    }
    if (container === 'scoring' && segment === 'items') {
      // The items a score counts are ids, not questions of their own.
      parts.push(t('questionnaires.scoreItems'));
      break;
    }
    const list = segment === 'items' && (container === 'items' || container === 'subItems') ? 'subItems' : segment;
    if (numbered[list] && next !== undefined && /^\d+$/.test(next)) {
      parts.push(t(numbered[list], { n: Number(next) + 1 }));
      container = list === 'subItems' ? 'items' : list === 'when' ? 'enableWhen' : list;
      i++;
      continue;
    }
    const key = fieldLabels[container]?.[segment] ?? fieldLabels['*']![segment];
    parts.push(key ? t(key) : segment);
  }
  return parts.join(' › ');
}
