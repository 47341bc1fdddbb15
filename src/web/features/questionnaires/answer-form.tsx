import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { QuestionnaireTemplate } from '../../../areas/questionnaire/questionnaire.rules.ts';
import {
  type Answers,
  type GroupInstance,
  isEmptyAnswer,
  visibleItems,
} from '../../../areas/questionnaire/questionnaire-response.rules.ts';
import { ApiError } from '../../api.ts';
import { formatDateTime } from '../../format.ts';
import { ErrorSummary } from '../../ui/error-summary.tsx';
import { useLocale } from '../../ui/locale.ts';
import { useForm } from '../../ui/use-form.ts';
import { describeError, type FieldErrors } from '../../ui/validation.ts';
import { AnswerField } from './answer-field.tsx';
import { answerAt, answerPathParts, typingProblems, withAnswer, withMinimumEntries } from './answer-model.ts';
import { dotted, problemsUnder, relocate } from './field-errors.ts';
import { GroupAnswer } from './group-answer.tsx';
import { type QuestionnaireResponse, questionnaireApi } from './questionnaire-api.ts';
import { ShownSections } from './response-results.tsx';
import { type AnswerSaveState, useAnswerAutosave } from './use-answer-autosave.ts';

function SaveStatus({ state, savedAt }: { state: AnswerSaveState; savedAt: string | null }) {
  const { t } = useTranslation();
  const locale = useLocale();
  return (
    <p role="status" className="list-status">
      {state === 'saving'
        ? t('questionnaires.saving')
        : state === 'failed'
          ? t('questionnaires.saveFailed')
          : savedAt
            ? t('questionnaires.savedAt', { time: formatDateTime(savedAt, locale) })
            : ''}
    </p>
  );
}

interface AnswerFormProps {
  response: QuestionnaireResponse;
  template: QuestionnaireTemplate;
  /** `justNow` is false when someone else completed it meanwhile. */
  onCompleted: (response: QuestionnaireResponse, justNow: boolean) => void;
}

/**
 * The questions shown for the answers so far, saved as they are typed. Completing checks that
 * every required question is answered; the problems are shown at their questions.
 */
export function AnswerForm({ response, template, onCompleted }: AnswerFormProps) {
  const { t } = useTranslation();
  const form = useForm('answer');
  const [answers, setAnswers] = useState<Answers>(() => withMinimumEntries(template, response.answers as Answers));
  const update = (next: Answers) => setAnswers(withMinimumEntries(template, next));
  const autosave = useAnswerAutosave({ response, template, answers, onMerged: update, onCompletedElsewhere: (r) => onCompleted(r, false) });
  const shown = useMemo(() => new Set(visibleItems(template, answers)), [template, answers]);
  const typing: FieldErrors = useMemo(
    () =>
      Object.fromEntries(
        typingProblems(template, answers).map((p) => [dotted(p.path), t(`questionnaires.problem.${p.code}`, { defaultValue: p.message })]),
      ),
    [template, answers, t],
  );

  /** A problem found while typing, or – until the question is answered – one found on completing. */
  const errorOf = (path: string, value: unknown) => typing[path] ?? (isEmptyAnswer(value) ? form.errors[path] : undefined);
  const open = Object.fromEntries(
    Object.keys(form.errors).flatMap((path) => {
      const error = errorOf(path, answerAt(template, answers, path));
      return error ? [[path, error]] : [];
    }),
  );
  // "Children, entry 2: Age" for a question inside a group.
  const labels = Object.fromEntries(
    Object.keys(form.errors).map((path) => {
      const parts = answerPathParts(template, path);
      const label = parts
        ?.map(({ item, entry }) =>
          entry === undefined || item.type !== 'group' || item.maxRepeats === 1
            ? item.text
            : `${item.text}, ${t('questionnaires.entryN', { n: entry + 1 })}`,
        )
        .join(': ');
      return [path, label ?? path];
    }),
  );

  const complete = () =>
    void form.submit(async () => {
      if (Object.keys(typing).length > 0) {
        form.fail(typing);
        return;
      }
      if (!(await autosave.flush())) {
        form.fail({}, t('questionnaires.notSavedYet'));
        return;
      }
      try {
        onCompleted(await questionnaireApi.complete(response.id, autosave.version()), true);
      } catch (error) {
        if (!(error instanceof ApiError)) throw error;
        const errors = problemsUnder(error, 'answers.', t);
        form.fail(
          relocate(errors, (path) => document.getElementById(form.id(path)) !== null),
          Object.keys(errors).length > 0 ? null : describeError(error, t),
        );
      }
    });

  return (
    <>
      <SaveStatus state={autosave.state} savedAt={autosave.savedAt} />
      {autosave.merged && <p className="notice notice--warning">{t('questionnaires.merged')}</p>}
      <ErrorSummary form={{ ...form, errors: open }} labels={labels} />
      <div className="form form--wide">
        <ShownSections template={template} shown={shown} idPrefix="section">
          {(items) =>
            items.map((item) =>
              item.type === 'group' ? (
                <GroupAnswer
                  key={item.id}
                  item={item}
                  entries={(answers[item.id] as GroupInstance[] | undefined) ?? []}
                  idOf={form.id}
                  errorOf={errorOf}
                  isShown={(path) => shown.has(path)}
                  onChange={(entries) => update(withAnswer(answers, item.id, entries))}
                />
              ) : (
                <AnswerField
                  key={item.id}
                  id={form.id(item.id)}
                  item={item}
                  value={answers[item.id] as never}
                  error={errorOf(item.id, answers[item.id])}
                  onChange={(value) => update(withAnswer(answers, item.id, value))}
                />
              ),
            )
          }
        </ShownSections>
        <p className="field__hint">{t('questionnaires.completeHint')}</p>
        <button
          type="button"
          className="button button--primary"
          disabled={form.submitting}
          aria-busy={form.submitting || undefined}
          onClick={complete}
        >
          {t('questionnaires.complete')}
        </button>
      </div>
    </>
  );
}
