import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import {
  type AnyItem,
  type Condition,
  type ConditionBehavior,
  indexItems,
  isOrdered,
  type QuestionnaireTemplate,
} from '../../../areas/questionnaire/questionnaire.rules.ts';
import { formatDateTime } from '../../format.ts';
import { useLocale } from '../../ui/locale.ts';
import { TableWrap } from '../../ui/table-wrap.tsx';
import type { TemplateRecord } from './questionnaire-api.ts';

/** Key, version, status and language of a template. */
export function TemplateFacts({ record }: { record: TemplateRecord }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const language = record.definition.language;
  return (
    <dl className="details-list">
      <dt>{t('questionnaires.key')}</dt>
      <dd>{record.key}</dd>
      <dt>{t('questionnaires.version')}</dt>
      <dd>{record.templateVersion}</dd>
      <dt>{t('questionnaires.status')}</dt>
      <dd>
        {t(`questionnaires.statusName.${record.status}`)}
        {record.shipped ? ` (${t('questionnaires.shippedName')})` : ''}
      </dd>
      <dt>{t('questionnaires.language')}</dt>
      <dd>{t(`languageName.${language}`, { defaultValue: language })}</dd>
      {record.publishedAt && (
        <>
          <dt>{t('questionnaires.publishedAt')}</dt>
          <dd>{formatDateTime(record.publishedAt, locale)}</dd>
        </>
      )}
    </dl>
  );
}

function answerText(target: AnyItem | undefined, value: Condition['value'], t: TFunction): string {
  if (typeof value === 'boolean') return value ? t('common.yes') : t('common.no');
  if (target && 'options' in target && typeof value === 'string') return target.options.find((o) => o.code === value)?.text ?? value;
  return String(value);
}

/** Conditions in words: "phq9_1 is more than 0, or phq9_2 is more than 0". */
export function describeConditions(
  template: QuestionnaireTemplate,
  conditions: readonly Condition[],
  behavior: ConditionBehavior,
  t: TFunction,
): string {
  const index = indexItems(template);
  const parts = conditions.map((c) => {
    const target = index.get(c.itemId)?.item;
    const item = target ? `«${target.text}» (${c.itemId})` : c.itemId;
    if (c.operator === 'exists')
      return t('questionnaires.conditionTextNoValue', { item, operator: t(`questionnaires.operator.exists_${String(c.value)}`) });
    const scored = isOrdered(c.operator) && target && 'options' in target;
    return t('questionnaires.conditionText', {
      item,
      operator: t(`questionnaires.operator.${scored ? `${c.operator}Score` : c.operator}`),
      value: answerText(target, c.value, t),
    });
  });
  return parts.join(behavior === 'any' ? t('questionnaires.orSeparator') : t('questionnaires.andSeparator'));
}

/** What an item asks for beyond its text: options, a range, repeats. */
function ItemDetails({ item }: { item: AnyItem }) {
  const { t } = useTranslation();
  switch (item.type) {
    case 'single_choice':
    case 'multiple_choice':
    case 'open_choice':
      return (
        <ul>
          {item.options.map((o) => (
            <li key={o.code}>
              {o.text}{' '}
              <span className="list-status">
                ({o.code}
                {o.score !== undefined ? `, ${t('questionnaires.scoreIs', { score: o.score })}` : ''})
              </span>
            </li>
          ))}
          {item.type === 'open_choice' && (
            <li>{t(item.multiple ? 'questionnaires.otherAnswerHintMany' : 'questionnaires.otherAnswerHintOne')}</li>
          )}
        </ul>
      );
    case 'quantity':
      return item.units.length > 0 ? (
        <p>
          {t('questionnaires.unitsAre', { units: item.units.map((u) => (u.display ? `${u.display} (${u.code})` : u.code)).join(', ') })}
        </p>
      ) : null;
    case 'attachment':
      return <p>{t('questionnaires.attachmentHint')}</p>;
    case 'scale':
      return (
        <p>
          {t('questionnaires.scaleRange', { min: item.min, max: item.max })}
          {item.labels.length > 0 && `: ${item.labels.map((l) => `${l.value} ${l.text}`).join('; ')}`}
        </p>
      );
    case 'number':
      return item.min !== undefined || item.max !== undefined || item.unit ? (
        <p>
          {[item.min !== undefined ? `≥ ${item.min}` : '', item.max !== undefined ? `≤ ${item.max}` : '', item.unit ?? '']
            .filter(Boolean)
            .join(' ')}
        </p>
      ) : null;
    case 'group':
      return <p>{t('questionnaires.repeats', { min: item.minRepeats, max: item.maxRepeats ?? '–' })}</p>;
    default:
      return null;
  }
}

function ItemView({ item, template }: { item: AnyItem; template: QuestionnaireTemplate }) {
  const { t } = useTranslation();
  return (
    <li>
      <p>
        <strong>{item.text}</strong>{' '}
        <span className="list-status">
          ({item.id}, {t(`questionnaires.type.${item.type}`)}
          {item.required ? `, ${t('questionnaires.requiredShort')}` : ''})
        </span>
      </p>
      {item.help && <p className="field__hint">{item.help}</p>}
      {item.enableWhen && (
        <p>
          {t('questionnaires.shownWhen', { conditions: describeConditions(template, item.enableWhen, item.enableBehavior ?? 'all', t) })}
        </p>
      )}
      <ItemDetails item={item} />
      {item.type === 'group' && (
        <ol>
          {item.items.map((sub) => (
            <ItemView key={sub.id} item={sub} template={template} />
          ))}
        </ol>
      )}
    </li>
  );
}

/** A template as it is, for reading: published and retired versions never change. */
export function TemplateView({ record }: { record: TemplateRecord }) {
  const { t } = useTranslation();
  const template = record.definition;
  return (
    <>
      <section aria-labelledby="tpl-about-title" className="panel">
        <h2 id="tpl-about-title">{t('questionnaires.about')}</h2>
        <TemplateFacts record={record} />
        {template.description && <p className="pre-wrap">{template.description}</p>}
        {template.copyright && <p className="field__hint">{template.copyright}</p>}
      </section>
      {template.sections.map((section) => (
        <section key={section.id} aria-labelledby={`view-${section.id}`} className="panel">
          <h2 id={`view-${section.id}`}>{section.title}</h2>
          <ol>
            {section.items.map((item) => (
              <ItemView key={item.id} item={item} template={template} />
            ))}
          </ol>
        </section>
      ))}
      {template.scoring.length > 0 && (
        <section aria-labelledby="view-scores" className="panel">
          <h2 id="view-scores">{t('questionnaires.scores')}</h2>
          {template.scoring.map((rule) => (
            <div key={rule.id}>
              <h3>{rule.label}</h3>
              <p>{t('questionnaires.sumOf', { items: rule.items.join(', ') })}</p>
              {rule.bands.length > 0 && (
                <TableWrap label={t('questionnaires.bandsOf', { score: rule.label })}>
                  <table>
                    <thead>
                      <tr>
                        <th scope="col">{t('questionnaires.bandFrom')}</th>
                        <th scope="col">{t('questionnaires.bandTo')}</th>
                        <th scope="col">{t('questionnaires.bandLabel')}</th>
                        <th scope="col">{t('questionnaires.bandCode')}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {rule.bands.map((band) => (
                        <tr key={band.code}>
                          <td>{band.from}</td>
                          <td>{band.to}</td>
                          <th scope="row">{band.label}</th>
                          <td>{band.code}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </TableWrap>
              )}
            </div>
          ))}
        </section>
      )}
      {template.flags.length > 0 && (
        <section aria-labelledby="view-flags" className="panel">
          <h2 id="view-flags">{t('questionnaires.flags')}</h2>
          <ul>
            {template.flags.map((rule) => (
              <li key={rule.id}>
                {t('questionnaires.flagRaisedWhen', {
                  flag: rule.flag,
                  conditions: describeConditions(template, rule.when, rule.behavior, t),
                })}
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}
