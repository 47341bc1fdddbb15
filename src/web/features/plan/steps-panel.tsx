import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { stepStatus, updateStepBody } from '../../../areas/plan/plan.contract.ts';
import { formatDate, formatDateTime } from '../../format.ts';
import { SubmitButton } from '../../ui/buttons.tsx';
import { ErrorSummary } from '../../ui/error-summary.tsx';
import { SelectField, TextAreaField } from '../../ui/fields.tsx';
import { useLocale } from '../../ui/locale.ts';
import { StatusTag } from '../../ui/status-tag.tsx';
import { useForm } from '../../ui/use-form.ts';
import { useVersionConflict } from '../admin/conflict-notice.tsx';
import { type PlanStepProgress, planApi } from './plan-api.ts';

type Status = (typeof stepStatus.options)[number];

/** Progress on one open step: its status, and the result when it is done. */
function StepProgressForm({
  caseId,
  step,
  onSaved,
}: {
  caseId: string;
  step: PlanStepProgress;
  onSaved: (step: PlanStepProgress) => void;
}) {
  const { t } = useTranslation();
  const form = useForm(`step-${step.stepId}`);
  const [status, setStatus] = useState<Status>(step.status === 'removed' ? 'planned' : step.status);
  const [result, setResult] = useState(step.result);
  const conflict = useVersionConflict();
  const labels = { status: t('plan.progress.status'), result: t('plan.progress.result') };
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (status === 'done' && !result.trim()) {
      form.fail({ result: t('plan.progress.resultRequired') });
      return;
    }
    const body = form.check(updateStepBody, { status, result, version: step.version });
    if (!body) return;
    void form.submit(() => conflict.guard(async () => onSaved(await planApi.updateStep(caseId, step.stepId, body))));
  };
  return (
    <>
      <ErrorSummary form={form} labels={labels} />
      {conflict.notice}
      <form noValidate onSubmit={onSubmit} className="form form--wide">
        <SelectField {...form.field('status')} label={labels.status} value={status} onChange={(e) => setStatus(e.target.value as Status)}>
          {stepStatus.options.map((s) => (
            <option key={s} value={s}>
              {t(`plan.stepStatus.${s}`)}
            </option>
          ))}
        </SelectField>
        <TextAreaField
          {...form.field('result')}
          label={labels.result}
          hint={t('plan.progress.resultHint')}
          value={result}
          onChange={(e) => setResult(e.target.value)}
        />
        <SubmitButton submitting={form.submitting} variant="secondary">
          {t('plan.progress.save')}
        </SubmitButton>
      </form>
    </>
  );
}

/** The active plan's steps, in due order, with progress; overdue steps are flagged. */
export function StepsPanel({
  caseId,
  mayWork,
  steps,
  onSaved,
}: {
  caseId: string;
  /** Whether this user may record progress (the case's `may.work`). */
  mayWork: boolean;
  steps: PlanStepProgress[];
  onSaved: (step: PlanStepProgress) => void;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const shown = steps.filter((s) => s.status !== 'removed');
  const done = shown.filter((s) => s.status === 'done').length;
  if (shown.length === 0) return <p>{t('plan.progress.none')}</p>;
  return (
    <>
      <p>{t('plan.progress.summary', { done, count: shown.length })}</p>
      <ul className="candidate-list">
        {shown.map((s) => {
          const open = s.status === 'planned' || s.status === 'in_progress';
          return (
            <li key={s.stepId} className={`candidate${s.overdue ? ' candidate--strong' : ''}`}>
              <h3 id={`step-${s.stepId}`}>
                {s.what} {s.overdue && <StatusTag kind="overdue">{t('plan.progress.overdue')}</StatusTag>}
              </h3>
              <p>
                {t(`plan.responsible.${s.responsibleKind}`)}
                {s.dueDate ? ` · ${t('plan.progress.due', { date: formatDate(s.dueDate, locale) })}` : ''}
                {' · '}
                {t(`plan.stepStatus.${s.status}`)}
                {s.completedAt ? ` · ${formatDateTime(s.completedAt, locale)}` : ''}
              </p>
              {s.result && (
                <p>
                  <strong>{t('plan.progress.result')}:</strong> {s.result}
                </p>
              )}
              {open && mayWork && (
                <section aria-labelledby={`step-${s.stepId}`}>
                  <StepProgressForm key={s.version} caseId={caseId} step={s} onSaved={onSaved} />
                </section>
              )}
            </li>
          );
        })}
      </ul>
    </>
  );
}
