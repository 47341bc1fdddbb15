import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { createNeedBody } from '../../../areas/assessment/assessment.contract.ts';
import { ApiError } from '../../api.ts';
import { formatDate } from '../../format.ts';
import { SubmitButton } from '../../ui/buttons.tsx';
import { ErrorSummary } from '../../ui/error-summary.tsx';
import { SelectField, TextAreaField, TextField } from '../../ui/fields.tsx';
import { useLocale } from '../../ui/locale.ts';
import { TableWrap } from '../../ui/table-wrap.tsx';
import { useForm } from '../../ui/use-form.ts';
import { describeError } from '../../ui/validation.ts';
import { assessmentApi, type Need } from './assessment-api.ts';
import { lifeDomains, needSeverities, needStatuses, today } from './options.ts';

/** One need's status, changed with its own small form. */
function NeedStatusForm({ need, onSaved }: { need: Need; onSaved: (need: Need) => void }) {
  const { t } = useTranslation();
  const [status, setStatus] = useState(need.status);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const id = `need-${need.id}-status`;
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    assessmentApi
      .updateNeed(need.id, { status, version: need.version })
      .then(onSaved)
      .catch((e: unknown) => setError(e instanceof ApiError ? describeError(e, t) : t('error.unexpected')))
      .finally(() => setBusy(false));
  };
  return (
    <form noValidate onSubmit={onSubmit} className="inline-form">
      <label htmlFor={id} className="visually-hidden">
        {t('need.statusOf', { need: need.description })}
      </label>
      <select
        id={id}
        className="field__input field__select"
        value={status}
        onChange={(e) => setStatus(e.target.value as Need['status'])}
        aria-describedby={error ? `${id}-error` : undefined}
      >
        {needStatuses.map((s) => (
          <option key={s} value={s}>
            {t(`need.status.${s}`)}
          </option>
        ))}
      </select>
      <SubmitButton submitting={busy} variant="secondary" className="button--small" disabled={busy || status === need.status}>
        {t('need.changeStatus')}
        <span className="visually-hidden">{` – ${need.description}`}</span>
      </SubmitButton>
      {error && (
        <p id={`${id}-error`} role="alert" className="field__error">
          {error}
        </p>
      )}
    </form>
  );
}

/** The needs found in one assessment (a table, each with its status) and the form to add one. */
export function NeedsPanel({
  assessmentId,
  mayWork,
  needs,
  onChange,
}: {
  assessmentId: string;
  /** Whether this user may add needs and change their status (the case's `may.work`). */
  mayWork: boolean;
  needs: Need[];
  onChange: (need: Need) => void;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const form = useForm(`need-new-${assessmentId}`);
  const empty = { domain: '', description: '', severity: '', identifiedOn: today() };
  const [values, setValues] = useState(empty);
  const set = (key: keyof typeof empty, value: string) => setValues((v) => ({ ...v, [key]: value }));
  const labels = {
    domain: t('need.domain'),
    description: t('need.description'),
    severity: t('need.severity'),
    identifiedOn: t('need.identifiedOn'),
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const body = form.check(createNeedBody, values, { identifiedOn: 'assessment.dateNotInFuture' });
    if (!body) return;
    void form.submit(async () => {
      onChange(await assessmentApi.addNeed(assessmentId, body));
      setValues(empty);
    });
  };

  return (
    <>
      {needs.length === 0 ? (
        <p>{t('need.none')}</p>
      ) : (
        <TableWrap label={t('need.title')}>
          <table>
            <thead>
              <tr>
                <th scope="col">{labels.description}</th>
                <th scope="col">{labels.domain}</th>
                <th scope="col">{labels.severity}</th>
                <th scope="col">{labels.identifiedOn}</th>
                <th scope="col">{t('need.statusColumn')}</th>
              </tr>
            </thead>
            <tbody>
              {needs.map((n) => (
                <tr key={n.id}>
                  <th scope="row">{n.description}</th>
                  <td>{t(`lifeDomain.${n.domain}`)}</td>
                  <td>{t(`need.severityName.${n.severity}`)}</td>
                  <td>{formatDate(n.identifiedOn, locale)}</td>
                  <td>{mayWork ? <NeedStatusForm key={n.version} need={n} onSaved={onChange} /> : t(`need.status.${n.status}`)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
      {mayWork && (
        <>
          <h4>{t('need.add')}</h4>
          <ErrorSummary form={form} labels={labels} />
          <form noValidate onSubmit={onSubmit} className="form form--wide">
            <SelectField
              {...form.field('domain')}
              label={labels.domain}
              value={values.domain}
              onChange={(e) => set('domain', e.target.value)}
            >
              <option value="">{t('common.choose')}</option>
              {lifeDomains.map((d) => (
                <option key={d} value={d}>
                  {t(`lifeDomain.${d}`)}
                </option>
              ))}
            </SelectField>
            <TextAreaField
              {...form.field('description')}
              label={labels.description}
              value={values.description}
              onChange={(e) => set('description', e.target.value)}
            />
            <SelectField
              {...form.field('severity')}
              label={labels.severity}
              value={values.severity}
              onChange={(e) => set('severity', e.target.value)}
            >
              <option value="">{t('common.choose')}</option>
              {needSeverities.map((s) => (
                <option key={s} value={s}>
                  {t(`need.severityName.${s}`)}
                </option>
              ))}
            </SelectField>
            <TextField
              {...form.field('identifiedOn')}
              label={labels.identifiedOn}
              type="date"
              max={today()}
              value={values.identifiedOn}
              onChange={(e) => set('identifiedOn', e.target.value)}
              className="field--short"
            />
            <SubmitButton submitting={form.submitting} variant="secondary">
              {t('need.addButton')}
            </SubmitButton>
          </form>
        </>
      )}
    </>
  );
}
