import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { createRequestBody } from '../../../areas/intake/intake.contract.ts';
import { supportedLocales } from '../../../core/common.contract.ts';
import { AutosaveStatus } from '../../ui/autosave-status.tsx';
import { SubmitButton } from '../../ui/buttons.tsx';
import { ErrorSummary } from '../../ui/error-summary.tsx';
import { CheckboxField, SelectField, TextAreaField, TextField } from '../../ui/fields.tsx';
import { Page } from '../../ui/page.tsx';
import { useForm } from '../../ui/use-form.ts';
import { organisationApi } from '../admin/organisation-api.ts';
import { useLoad } from '../work/use-load.ts';
import { requestApi } from './intake-api.ts';
import { cameViaOptions, channels, helpSeekerKinds, priorities } from './options.ts';
import { type PersonChoice, PersonForm } from './person-form.tsx';
import { useAutosave } from './use-autosave.ts';

export const REQUEST_DRAFT_KEY = 'request:new';

const emptyRequest = {
  channel: 'phone',
  cameVia: 'self',
  referringAgency: '',
  anonymousLabel: '',
  language: 'en',
  ownWords: '',
  mainProblem: '',
  problemOrigin: '',
  previousHelp: '',
  afterFailedAttempt: false,
  expectedResult: '',
  helpSeekerKind: 'voluntary',
  mandatingBody: '',
  serviceCategory: '',
  region: '',
  informedOfScopeAndConfidentiality: false,
  dangerToLife: false,
  childAtRisk: false,
  selfHarm: false,
  priority: '',
  personId: '',
  personName: '',
};
type RequestValues = typeof emptyRequest;

const orNull = (text: string) => (text.trim() === '' ? null : text.trim());

/** /intake/new: record a first contact, with autosave and (optionally) the person's registration. */
export function NewRequestPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const form = useForm('request');
  const [values, setValues] = useState<RequestValues>(emptyRequest);
  const [registering, setRegistering] = useState(false);
  const agency = useLoad(() => organisationApi.agency(), 'agency');
  const autosave = useAutosave(REQUEST_DRAFT_KEY, values, (draft) => setValues((v) => ({ ...v, ...draft })));
  const set = <K extends keyof RequestValues>(key: K, value: RequestValues[K]) => setValues((v) => ({ ...v, [key]: value }));
  const urgent = values.dangerToLife || values.childAtRisk || values.selfHarm;

  const labels: Record<string, string> = {
    channel: t('intake.channel'),
    cameVia: t('intake.cameVia'),
    referringAgency: t('intake.referringAgency'),
    anonymousLabel: t('intake.anonymousLabelField'),
    language: t('intake.language'),
    ownWords: t('intake.ownWords'),
    mainProblem: t('intake.mainProblem'),
    problemOrigin: t('intake.problemOrigin'),
    previousHelp: t('intake.previousHelp'),
    afterFailedAttempt: t('intake.afterFailedAttempt'),
    expectedResult: t('intake.expectedResult'),
    helpSeekerKind: t('intake.helpSeekerKind'),
    mandatingBody: t('intake.mandatingBody'),
    serviceCategory: t('intake.serviceCategory'),
    region: t('intake.region'),
    informedOfScopeAndConfidentiality: t('intake.informed'),
    'triage.dangerToLife': t('intake.triage.dangerToLife'),
    'triage.childAtRisk': t('intake.triage.childAtRisk'),
    'triage.selfHarm': t('intake.triage.selfHarm'),
    priority: t('intake.priority'),
    personId: t('intake.person'),
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const body = form.check(createRequestBody, {
      channel: values.channel,
      cameVia: values.cameVia,
      referringAgency: orNull(values.referringAgency),
      personId: orNull(values.personId),
      anonymousLabel: values.personId ? null : orNull(values.anonymousLabel),
      language: values.language,
      ownWords: values.ownWords,
      mainProblem: values.mainProblem,
      problemOrigin: values.problemOrigin,
      previousHelp: values.previousHelp,
      afterFailedAttempt: values.afterFailedAttempt,
      expectedResult: values.expectedResult,
      helpSeekerKind: values.helpSeekerKind,
      mandatingBody: values.helpSeekerKind === 'mandated' ? orNull(values.mandatingBody) : null,
      informedOfScopeAndConfidentiality: values.informedOfScopeAndConfidentiality,
      serviceCategory: orNull(values.serviceCategory),
      region: orNull(values.region),
      triage: { dangerToLife: values.dangerToLife, childAtRisk: values.childAtRisk, selfHarm: values.selfHarm },
      ...(values.priority ? { priority: values.priority } : {}),
    });
    if (!body) return;
    void form.submit(async () => {
      const created = await requestApi.create(body);
      await autosave.discard();
      void navigate(`/intake/${created.id}`, { state: { created: created.receiptNumber } });
    });
  };

  const text = (key: keyof RequestValues) => ({
    ...form.field(key),
    label: labels[key]!,
    value: values[key] as string,
    onChange: (e: { target: { value: string } }) => set(key, e.target.value as never),
  });
  const box = (
    key: 'afterFailedAttempt' | 'informedOfScopeAndConfidentiality' | 'dangerToLife' | 'childAtRisk' | 'selfHarm',
    field: string = key,
  ) => ({
    ...form.field(field),
    label: labels[field]!,
    checked: values[key],
    onChange: (e: { target: { checked: boolean } }) => set(key, e.target.checked),
  });

  return (
    <Page title={t('intake.newTitle')}>
      <AutosaveStatus autosave={autosave} />
      <section aria-labelledby="request-person" className="panel">
        <h2 id="request-person">{t('intake.person')}</h2>
        {values.personId ? (
          <div className="button-row">
            <p>{t('intake.personChosen', { name: values.personName })}</p>
            <button
              type="button"
              className="button button--secondary button--small"
              onClick={() => setValues((v) => ({ ...v, personId: '', personName: '' }))}
            >
              {t('intake.personChange')}
            </button>
          </div>
        ) : registering ? (
          <PersonForm
            onChosen={(person: PersonChoice) => {
              setValues((v) => ({ ...v, personId: person.id, personName: person.name }));
              setRegistering(false);
            }}
          />
        ) : (
          <>
            <p>{t('intake.personNone')}</p>
            <button type="button" className="button button--secondary" onClick={() => setRegistering(true)}>
              {t('intake.registerPerson')}
            </button>
          </>
        )}
      </section>
      <section aria-labelledby="request-details" className="panel">
        <h2 id="request-details">{t('intake.requestDetails')}</h2>
        <ErrorSummary form={form} labels={labels} />
        <form noValidate onSubmit={onSubmit} className="form form--wide">
          <SelectField {...text('channel')}>
            {channels.map((c) => (
              <option key={c} value={c}>
                {t(`channel.${c}`)}
              </option>
            ))}
          </SelectField>
          <SelectField {...text('cameVia')}>
            {cameViaOptions.map((c) => (
              <option key={c} value={c}>
                {t(`cameVia.${c}`)}
              </option>
            ))}
          </SelectField>
          {(values.cameVia === 'agency' || values.channel === 'agency_referral') && <TextField {...text('referringAgency')} />}
          {!values.personId && <TextField {...text('anonymousLabel')} hint={t('intake.anonymousHint')} />}
          <SelectField {...text('language')}>
            {supportedLocales.map((code) => (
              <option key={code} value={code} lang={code}>
                {t(`languageName.${code}`)}
              </option>
            ))}
          </SelectField>
          <TextAreaField {...text('ownWords')} hint={t('intake.ownWordsHint')} rows={4} />
          <TextAreaField {...text('mainProblem')} />
          <TextAreaField {...text('problemOrigin')} />
          <TextAreaField {...text('previousHelp')} />
          <CheckboxField {...box('afterFailedAttempt')} />
          <TextAreaField {...text('expectedResult')} />
          <SelectField {...text('helpSeekerKind')}>
            {helpSeekerKinds.map((k) => (
              <option key={k} value={k}>
                {t(`helpSeekerKind.${k}`)}
              </option>
            ))}
          </SelectField>
          {values.helpSeekerKind === 'mandated' && <TextField {...text('mandatingBody')} />}
          <TextField {...text('serviceCategory')} list="request-categories" />
          <datalist id="request-categories">
            {agency.data?.serviceCategories.map((c) => (
              <option key={c} value={c} />
            ))}
          </datalist>
          <TextField {...text('region')} list="request-regions" hint={t('intake.regionHint')} />
          <datalist id="request-regions">
            {agency.data?.catchmentRegions.map((r) => (
              <option key={r} value={r} />
            ))}
          </datalist>
          <fieldset className="field fieldset">
            <legend className="field__label">{t('intake.triage.title')}</legend>
            <CheckboxField {...box('dangerToLife', 'triage.dangerToLife')} />
            <CheckboxField {...box('childAtRisk', 'triage.childAtRisk')} />
            <CheckboxField {...box('selfHarm', 'triage.selfHarm')} />
            <div role="status">{urgent && <p className="notice notice--warning">{t('intake.triage.urgent')}</p>}</div>
          </fieldset>
          {!urgent && (
            <SelectField {...text('priority')} hint={t('intake.priorityHint')}>
              <option value="">{t('intake.prioritySuggested')}</option>
              {priorities.map((p) => (
                <option key={p} value={p}>
                  {t(`priority.${p}`)}
                </option>
              ))}
            </SelectField>
          )}
          <CheckboxField {...box('informedOfScopeAndConfidentiality')} />
          <SubmitButton submitting={form.submitting}>{t('intake.submit')}</SubmitButton>
        </form>
      </section>
    </Page>
  );
}
