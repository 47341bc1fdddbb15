import type { TFunction } from 'i18next';
import { type ReactNode, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import {
  type AnyItem,
  crisisFlag,
  type QuestionItem,
  type QuestionnaireTemplate,
} from '../../../areas/questionnaire/questionnaire.rules.ts';
import {
  type Answers,
  type GroupInstance,
  isEmptyAnswer,
  type OpenChoiceAnswer,
  type QuantityAnswer,
  visibleItems,
} from '../../../areas/questionnaire/questionnaire-response.rules.ts';
import { formatDate, formatList, formatNumber } from '../../format.ts';
import { useLocale } from '../../ui/locale.ts';
import type { QuestionnaireResponse } from './questionnaire-api.ts';

type Score = NonNullable<QuestionnaireResponse['scores']>[number];

/** A score's label and band in the template's texts for the reader's language, else as the server kept them. */
export function scoreText(score: Score, template: QuestionnaireTemplate | null, t: TFunction): { label: string; value: string } {
  const rule = template?.scoring.find((r) => r.id === score.ruleId);
  const band = score.band ? (rule?.bands.find((b) => b.code === score.band!.code)?.label ?? score.band.label) : null;
  const value =
    score.total === null
      ? t('questionnaires.scoreIncomplete')
      : band
        ? t('questionnaires.totalWithBand', { total: score.total, band })
        : String(score.total);
  return { label: rule?.label ?? score.label, value };
}

export const flagName = (flag: string, t: TFunction) => t(`questionnaires.flagName.${flag}`, { defaultValue: flag });

/** The crisis notice: an answer calls for a same-day safety follow-up, and the supervisors were told. */
export function CrisisNotice({ announce }: { announce: boolean }) {
  const { t } = useTranslation();
  return (
    <div role={announce ? 'alert' : undefined} className="notice notice--error">
      <p>
        <strong>{t('questionnaires.crisisTitle')}</strong>
      </p>
      <p>{t('questionnaires.crisisBody')}</p>
    </div>
  );
}

/** Scores with their bands, and the flags the answers raised. */
export function ResponseResults({
  response,
  template,
  announce,
}: {
  response: QuestionnaireResponse;
  template: QuestionnaireTemplate;
  announce: boolean;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const scores = response.scores ?? [];
  const flags = response.flags.filter((f) => f !== crisisFlag);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    // Just completed: the form that had focus is gone; the results take it.
    if (announce) heading.current?.focus();
  }, [announce]);
  return (
    <section aria-labelledby="q-results" className="panel">
      <h2 id="q-results" ref={heading} tabIndex={-1}>
        {t('questionnaires.results')}
      </h2>
      {response.flags.includes(crisisFlag) && <CrisisNotice announce={announce} />}
      {scores.length === 0 && flags.length === 0 && <p>{t('questionnaires.noScores')}</p>}
      <dl className="details-list">
        {scores.map((score) => {
          const { label, value } = scoreText(score, template, t);
          return (
            <div key={score.ruleId}>
              <dt>{label}</dt>
              <dd>{value}</dd>
            </div>
          );
        })}
        {flags.length > 0 && (
          <div>
            <dt>{t('questionnaires.flags')}</dt>
            <dd>
              {formatList(
                flags.map((f) => flagName(f, t)),
                locale,
              )}
            </dd>
          </div>
        )}
      </dl>
    </section>
  );
}

function answerText(item: AnyItem, value: unknown, t: TFunction, locale: string): string {
  if (isEmptyAnswer(value)) return t('questionnaires.notAnswered');
  const optionText = (code: unknown) =>
    'options' in item ? (item.options.find((o) => o.code === code)?.text ?? String(code)) : String(code);
  switch (item.type) {
    case 'yes_no':
      return value ? t('common.yes') : t('common.no');
    case 'single_choice':
      return optionText(value);
    case 'multiple_choice':
      return formatList((value as string[]).map(optionText), locale);
    case 'scale': {
      const label = item.labels.find((l) => l.value === value)?.text;
      return label ? `${String(value)} – ${label}` : String(value);
    }
    case 'number':
      return [formatNumber(value as number, locale), item.unit].filter(Boolean).join(' ');
    case 'date':
      return formatDate(value as string, locale);
    case 'quantity': {
      const { value: amount, unit } = value as QuantityAnswer;
      const unitName = item.units.find((u) => u.code === unit)?.display ?? unit;
      return [formatNumber(amount, locale), unitName].filter(Boolean).join(' ');
    }
    case 'open_choice': {
      const { codes, other } = value as OpenChoiceAnswer;
      return formatList([...codes.map(optionText), ...(other?.trim() ? [other] : [])], locale);
    }
    case 'date_time':
      return (value as string).replace('T', ' ');
    default:
      return String(value);
  }
}

/** A group's entries as read: each shown, answered sub-question with its answer; a group inside an entry in brackets. */
function entriesText(
  item: Extract<AnyItem, { type: 'group' }>,
  entries: GroupInstance[],
  shownPath: string,
  shown: Set<string>,
  t: TFunction,
  locale: string,
): string[] {
  return entries.map((entry, i) =>
    item.items
      .filter((sub) => sub.type !== 'display' && shown.has(`${shownPath}[${i}].${sub.id}`) && !isEmptyAnswer(entry[sub.id]))
      .map((sub) =>
        sub.type === 'group'
          ? `${sub.text}: (${entriesText(sub, entry[sub.id] as GroupInstance[], `${shownPath}[${i}].${sub.id}`, shown, t, locale).join(') (')})`
          : `${sub.text}: ${answerText(sub, entry[sub.id], t, locale)}`,
      )
      .join('; '),
  );
}

/** Each section that has questions shown, as a panel headed by its title; `children` renders its shown items. */
export function ShownSections({
  template,
  shown,
  idPrefix,
  children,
}: {
  template: QuestionnaireTemplate;
  shown: Set<string>;
  idPrefix: string;
  children: (items: QuestionItem[]) => ReactNode;
}) {
  return template.sections.map((section) => {
    const items = section.items.filter((item) => shown.has(item.id));
    if (items.length === 0) return null;
    return (
      <section key={section.id} aria-labelledby={`${idPrefix}-${section.id}`} className="panel">
        <h2 id={`${idPrefix}-${section.id}`}>{section.title}</h2>
        {children(items)}
      </section>
    );
  });
}

/** The answers as given, section by section; only the questions that were shown. */
export function AnswersView({ template, answers }: { template: QuestionnaireTemplate; answers: Answers }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const shown = new Set(visibleItems(template, answers));
  return (
    <ShownSections template={template} shown={shown} idPrefix="answers">
      {(items) => (
        <dl className="details-list">
          {items
            .filter((item) => item.type !== 'display')
            .map((item) => (
              <div key={item.id}>
                <dt>{item.text}</dt>
                <dd>
                  {item.type !== 'group' ? (
                    answerText(item, answers[item.id], t, locale)
                  ) : ((answers[item.id] as GroupInstance[] | undefined) ?? []).length === 0 ? (
                    t('questionnaires.notAnswered')
                  ) : (
                    <ol>
                      {entriesText(item, answers[item.id] as GroupInstance[], item.id, shown, t, locale).map((text, i) => (
                        // biome-ignore lint/suspicious/noArrayIndexKey: read-only answers, in the order given
                        <li key={i}>{text}</li>
                      ))}
                    </ol>
                  )}
                </dd>
              </div>
            ))}
        </dl>
      )}
    </ShownSections>
  );
}
