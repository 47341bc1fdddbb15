import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { createAssessmentBody, updateAssessmentBody } from '../../../areas/assessment/assessment.contract.ts';
import { AutosaveStatus } from '../../ui/autosave-status.tsx';
import { SubmitButton } from '../../ui/buttons.tsx';
import { ErrorSummary } from '../../ui/error-summary.tsx';
import { CheckboxGroup, SelectField, TextAreaField, TextField } from '../../ui/fields.tsx';
import { useForm } from '../../ui/use-form.ts';
import { useVersionConflict } from '../admin/conflict-notice.tsx';
import { useAutosave } from '../intake/use-autosave.ts';
import { type Assessment, assessmentApi } from './assessment-api.ts';
import { informationSources, type LifeDomain, lifeDomains, scores, today } from './options.ts';

type Source = (typeof informationSources)[number];
type DomainValues = { findings: string; strengths: string; score: string };
type Values = {
  assessedOn: string;
  sources: Source[];
  otherSources: string;
  domains: Record<LifeDomain, DomainValues>;
  analysisCauses: string;
  analysisNature: string;
  analysisDegree: string;
  personView: string;
};
const analysisFields = ['analysisCauses', 'analysisNature', 'analysisDegree'] as const;

function valuesOf(a: Assessment | null): Values {
  return {
    assessedOn: a?.assessedOn ?? today(),
    sources: (a?.sources ?? []) as Source[],
    otherSources: a?.otherSources ?? '',
    domains: Object.fromEntries(
      lifeDomains.map((d) => {
        const found = a?.domains[d];
        return [
          d,
          {
            findings: found?.findings ?? '',
            strengths: found?.strengths ?? '',
            score: found?.score === null || found?.score === undefined ? '' : String(found.score),
          },
        ];
      }),
    ) as Record<LifeDomain, DomainValues>,
    analysisCauses: a?.analysisCauses ?? '',
    analysisNature: a?.analysisNature ?? '',
    analysisDegree: a?.analysisDegree ?? '',
    personView: a?.personView ?? '',
  };
}

/** The domains the worker wrote something in; an untouched domain is left out. */
function domainsOf(values: Values) {
  return Object.fromEntries(
    lifeDomains.flatMap((d) => {
      const v = values.domains[d];
      if (!v.findings.trim() && !v.strengths.trim() && v.score === '') return [];
      return [[d, { findings: v.findings, strengths: v.strengths, score: v.score === '' ? null : Number(v.score) }]];
    }),
  );
}

/**
 * The assessment itself: date, sources, findings, strengths and score per life domain, the
 * worker's analysis and the person's own view. Starts a new one (`assessment` null) or changes a
 * draft; either way the form is autosaved as a draft of its own until it is saved.
 */
export function AssessmentForm({
  caseId,
  assessment,
  kind,
  onSaved,
}: {
  caseId: string;
  assessment: Assessment | null;
  kind: Assessment['kind'];
  onSaved: (assessment: Assessment) => void;
}) {
  const { t } = useTranslation();
  const form = useForm(assessment ? `assessment-${assessment.id}` : 'assessment-new');
  const [values, setValues] = useState<Values>(() => valuesOf(assessment));
  const conflict = useVersionConflict();
  const autosave = useAutosave(assessment ? `assessment:${assessment.id}` : `assessment:new:${caseId}`, values, (draft) =>
    setValues((v) => ({ ...v, ...draft })),
  );
  const set = <K extends keyof Values>(key: K, value: Values[K]) => setValues((v) => ({ ...v, [key]: value }));
  const setDomain = (domain: LifeDomain, key: keyof DomainValues, value: string) =>
    setValues((v) => ({ ...v, domains: { ...v.domains, [domain]: { ...v.domains[domain], [key]: value } } }));

  const labels: Record<string, string> = {
    assessedOn: t('assessment.assessedOn'),
    sources: t('assessment.sources'),
    otherSources: t('assessment.otherSources'),
    analysisCauses: t('assessment.analysisCauses'),
    analysisNature: t('assessment.analysisNature'),
    analysisDegree: t('assessment.analysisDegree'),
    personView: t('assessment.personView'),
  };
  for (const d of lifeDomains) {
    const name = t(`lifeDomain.${d}`);
    labels[`domains.${d}.findings`] = `${name}: ${t('assessment.findings')}`;
    labels[`domains.${d}.strengths`] = `${name}: ${t('assessment.strengths')}`;
    labels[`domains.${d}.score`] = `${name}: ${t('assessment.score')}`;
  }

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const fields = { ...values, domains: domainsOf(values) };
    const overrides = { assessedOn: 'assessment.dateNotInFuture' };
    const body = assessment
      ? form.check(updateAssessmentBody, { ...fields, version: assessment.version }, overrides)
      : form.check(createAssessmentBody, { ...fields, kind }, overrides);
    if (!body) return;
    void form.submit(() =>
      conflict.guard(async () => {
        const saved = assessment
          ? await assessmentApi.update(assessment.id, body as typeof body & { version: number })
          : await assessmentApi.create(caseId, body);
        await autosave.discard();
        onSaved(saved);
      }),
    );
  };

  const area = (key: 'otherSources' | 'personView' | (typeof analysisFields)[number], hint?: string) => (
    <TextAreaField {...form.field(key)} label={labels[key]!} hint={hint} value={values[key]} onChange={(e) => set(key, e.target.value)} />
  );

  return (
    <>
      <AutosaveStatus autosave={autosave} />
      <ErrorSummary form={form} labels={labels} />
      {conflict.notice}
      <form noValidate onSubmit={onSubmit} className="form form--wide">
        <TextField
          {...form.field('assessedOn')}
          label={labels.assessedOn!}
          type="date"
          max={today()}
          value={values.assessedOn}
          onChange={(e) => set('assessedOn', e.target.value)}
          className="field--short"
        />
        <CheckboxGroup
          {...form.field('sources')}
          label={labels.sources!}
          options={informationSources.map((s) => ({ value: s, label: t(`assessment.source.${s}`) }))}
          selected={values.sources}
          onChange={(sources) => set('sources', sources)}
        />
        {area('otherSources')}
        {lifeDomains.map((d) => (
          <fieldset key={d} className="field fieldset">
            <legend className="field__label">{t(`lifeDomain.${d}`)}</legend>
            <TextAreaField
              {...form.field(`domains.${d}.findings`)}
              label={t('assessment.findings')}
              value={values.domains[d].findings}
              onChange={(e) => setDomain(d, 'findings', e.target.value)}
            />
            <TextAreaField
              {...form.field(`domains.${d}.strengths`)}
              label={t('assessment.strengths')}
              value={values.domains[d].strengths}
              onChange={(e) => setDomain(d, 'strengths', e.target.value)}
            />
            <SelectField
              {...form.field(`domains.${d}.score`)}
              label={t('assessment.score')}
              value={values.domains[d].score}
              onChange={(e) => setDomain(d, 'score', e.target.value)}
            >
              <option value="">{t('assessment.notScored')}</option>
              {scores.map((s) => (
                <option key={s} value={String(s)}>
                  {t(`assessment.scoreName.${s}`)}
                </option>
              ))}
            </SelectField>
          </fieldset>
        ))}
        <fieldset className="field fieldset">
          <legend className="field__label">{t('assessment.analysis')}</legend>
          {analysisFields.map((key) => (
            <div key={key}>{area(key)}</div>
          ))}
        </fieldset>
        {area('personView', t('assessment.personViewHint'))}
        <SubmitButton submitting={form.submitting}>{assessment ? t('assessment.save') : t('assessment.start')}</SubmitButton>
      </form>
    </>
  );
}
