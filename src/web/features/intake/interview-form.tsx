import { type FormEvent, Fragment, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { interviewBody } from '../../../areas/intake/intake.contract.ts';
import { SubmitButton } from '../../ui/buttons.tsx';
import { ErrorSummary } from '../../ui/error-summary.tsx';
import { SelectField, TextAreaField } from '../../ui/fields.tsx';
import { useForm } from '../../ui/use-form.ts';
import { type Interview, requestApi } from './intake-api.ts';

const textFields = [
  'purpose',
  'course',
  'evaluation',
  'suggestions',
  'willingnessNote',
  'problemAndExpectation',
  'earlierHelp',
  'resourcesFit',
  'requirementsFit',
] as const;
type TextKey = (typeof textFields)[number];

/** The intake interview record: a new one, or an edit of the last one. */
export function InterviewForm({
  requestId,
  interview,
  onSaved,
}: {
  requestId: string;
  interview: Interview | null;
  onSaved: (interview: Interview) => void;
}) {
  const { t } = useTranslation();
  const form = useForm(interview ? `interview-${interview.id}` : 'interview-new');
  const [values, setValues] = useState<Record<TextKey, string>>(
    () => Object.fromEntries(textFields.map((k) => [k, interview?.[k] ?? ''])) as Record<TextKey, string>,
  );
  const [willingness, setWillingness] = useState<string>(interview?.willingness ?? '');
  const [saved, setSaved] = useState(false);
  const labels: Record<string, string> = Object.fromEntries([...textFields, 'willingness'].map((k) => [k, t(`interview.${k}`)]));

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    const body = form.check(interviewBody, { ...values, willingness: willingness || null });
    if (!body) return;
    void form.submit(async () => {
      const result = interview
        ? await requestApi.updateInterview(interview.id, { ...body, version: interview.version })
        : await requestApi.addInterview(requestId, body);
      setSaved(true);
      onSaved(result);
    });
  };

  const area = (key: TextKey) => (
    <TextAreaField
      key={key}
      {...form.field(key)}
      label={labels[key]!}
      value={values[key]}
      onChange={(e) => setValues((v) => ({ ...v, [key]: e.target.value }))}
    />
  );
  return (
    <>
      <ErrorSummary form={form} labels={labels} />
      <form noValidate onSubmit={onSubmit} className="form form--wide">
        {area('purpose')}
        {area('course')}
        {area('evaluation')}
        {area('suggestions')}
        <fieldset className="field fieldset">
          <legend className="field__label">{t('interview.assessmentTitle')}</legend>
          <SelectField
            {...form.field('willingness')}
            label={labels.willingness!}
            value={willingness}
            onChange={(e) => setWillingness(e.target.value)}
          >
            <option value="">{t('common.notStated')}</option>
            <option value="active">{t('interview.willingnessActive')}</option>
            <option value="passive">{t('interview.willingnessPassive')}</option>
          </SelectField>
          {area('willingnessNote')}
          {area('problemAndExpectation')}
          {area('earlierHelp')}
          {area('resourcesFit')}
          {area('requirementsFit')}
        </fieldset>
        <div role="status">{saved && <p className="notice notice--success">{t('interview.saved')}</p>}</div>
        <SubmitButton submitting={form.submitting}>{interview ? t('common.save') : t('interview.create')}</SubmitButton>
      </form>
    </>
  );
}

/** The last interview record as read by someone who may not change it. */
export function InterviewView({ interview }: { interview: Interview | null }) {
  const { t } = useTranslation();
  if (!interview) return <p>{t('interview.none')}</p>;
  const shown = textFields.filter((k) => interview[k]);
  return (
    <dl className="details-list">
      {interview.willingness && (
        <>
          <dt>{t('interview.willingness')}</dt>
          <dd>{interview.willingness === 'active' ? t('interview.willingnessActive') : t('interview.willingnessPassive')}</dd>
        </>
      )}
      {shown.map((k) => (
        <Fragment key={k}>
          <dt>{t(`interview.${k}`)}</dt>
          <dd>{interview[k]}</dd>
        </Fragment>
      ))}
    </dl>
  );
}
