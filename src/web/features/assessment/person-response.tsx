import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { personResponseBody } from '../../../areas/assessment/assessment.contract.ts';
import { formatDateTime } from '../../format.ts';
import { SubmitButton } from '../../ui/buttons.tsx';
import { ErrorSummary } from '../../ui/error-summary.tsx';
import { TextAreaField } from '../../ui/fields.tsx';
import { useLocale } from '../../ui/locale.ts';
import { useForm } from '../../ui/use-form.ts';
import { useVersionConflict } from '../admin/conflict-notice.tsx';
import { type Assessment, assessmentApi } from './assessment-api.ts';

type Response = 'confirmed' | 'corrected';

/** What the person said about the assessment (with when), and the form to record it. */
export function PersonResponse({
  assessment,
  mayWork,
  onSaved,
}: {
  assessment: Assessment;
  /** Whether this user may record the response (the case's `may.work`). */
  mayWork: boolean;
  onSaved: (assessment: Assessment) => void;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const form = useForm(`response-${assessment.id}`);
  const [response, setResponse] = useState<Response>('confirmed');
  const [corrections, setCorrections] = useState('');
  const conflict = useVersionConflict();
  const labels = { response: t('assessment.response'), corrections: t('assessment.corrections') };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const body = form.check(personResponseBody, {
      response,
      corrections: response === 'corrected' ? corrections : '',
      version: assessment.version,
    });
    if (!body) return;
    void form.submit(() => conflict.guard(async () => onSaved(await assessmentApi.personResponse(assessment.id, body))));
  };

  const choiceId = (r: Response) => `${form.id('response')}${r === 'confirmed' ? '' : `-${r}`}`;
  return (
    <>
      {assessment.personResponse && assessment.personRespondedAt ? (
        <p>
          {t(`assessment.responded.${assessment.personResponse}`, { time: formatDateTime(assessment.personRespondedAt, locale) })}
          {assessment.personResponse === 'corrected' && (
            <>
              <br />
              <q>{assessment.personCorrections}</q>
            </>
          )}
        </p>
      ) : (
        <p>{t('assessment.noResponse')}</p>
      )}
      {mayWork && (
        <>
          <ErrorSummary form={form} labels={labels} />
          {conflict.notice}
          <form noValidate onSubmit={onSubmit} className="form form--wide">
            <fieldset className="field fieldset">
              <legend className="field__label">{labels.response}</legend>
              {(['confirmed', 'corrected'] as const).map((r) => (
                <div className="checkbox" key={r}>
                  <input
                    id={choiceId(r)}
                    type="radio"
                    name={form.id('response')}
                    value={r}
                    checked={response === r}
                    onChange={() => setResponse(r)}
                  />
                  <label htmlFor={choiceId(r)}>{t(`assessment.responseChoice.${r}`)}</label>
                </div>
              ))}
            </fieldset>
            {response === 'corrected' && (
              <TextAreaField
                {...form.field('corrections')}
                label={labels.corrections}
                value={corrections}
                onChange={(e) => setCorrections(e.target.value)}
              />
            )}
            <SubmitButton submitting={form.submitting} variant="secondary">
              {t('assessment.recordResponse')}
            </SubmitButton>
          </form>
        </>
      )}
    </>
  );
}
