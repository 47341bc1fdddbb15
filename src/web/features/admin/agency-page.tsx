import { type FormEvent, Fragment, type ReactNode, useCallback, useEffect, useState } from 'react';
import { flushSync } from 'react-dom';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { decisionRole, updateAgencyBody } from '../../../areas/organisation/organisation.contract.ts';
import { agencyRoles, type Role } from '../../../core/roles.contract.ts';
import { ApiError } from '../../api.ts';
import { formatList } from '../../format.ts';
import type { LocaleCode } from '../../i18n.ts';
import { SubmitButton } from '../../ui/buttons.tsx';
import { Card, SummaryList } from '../../ui/card.tsx';
import { CollapsibleSection, useOpenSections } from '../../ui/collapsible-section.tsx';
import { ErrorSummary } from '../../ui/error-summary.tsx';
import { CheckboxGroup, SelectField, TextAreaField, TextField } from '../../ui/fields.tsx';
import { ListField } from '../../ui/list-field.tsx';
import { useLocale } from '../../ui/locale.ts';
import { Notice } from '../../ui/notice.tsx';
import { Page } from '../../ui/page.tsx';
import { Skeleton } from '../../ui/skeleton.tsx';
import { type FormState, useForm } from '../../ui/use-form.ts';
import { describeError } from '../../ui/validation.ts';
import { ConflictNotice } from './conflict-notice.tsx';
import { parseWholeNumber, useLocaleOptions, useRoleOptions } from './options.ts';
import { type Agency, organisationApi } from './organisation-api.ts';

type DecisionRole = z.infer<typeof decisionRole>;
const isDecisionRole = (role: string): role is DecisionRole => (decisionRole.options as readonly string[]).includes(role);

/** The time zones the browser knows, with the saved one first if it is not among them. */
export function timeZones(current: string): string[] {
  const known = ['UTC', ...Intl.supportedValuesOf('timeZone').filter((zone) => zone !== 'UTC')];
  return known.includes(current) ? known : [current, ...known];
}

/** Shown while some role need not use two-step verification: what that exposes. Announced as it appears. */
function MfaRelaxedWarning({ required }: { required: readonly Role[] }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const relaxed = agencyRoles.filter((role) => !required.includes(role));
  return (
    <div aria-live="polite">
      {relaxed.length > 0 && (
        <div className="notice notice--warning">
          <p>
            <strong>{t('agency.mfaRelaxedTitle')}</strong>
          </p>
          <p>
            {t('agency.mfaRelaxed', {
              roles: formatList(
                relaxed.map((role) => t(`role.${role}`)),
                locale,
              ),
            })}
          </p>
        </div>
      )}
    </div>
  );
}

/** The settings in groups, as the page shows them: each a section that opens and closes. */
const groups = {
  agency: ['name', 'address', 'phone', 'email', 'caseNumberPrefix', 'languages', 'timeZone'],
  services: ['serviceCategories', 'catchmentRegions'],
  intake: ['minimumAge', 'maximumAge', 'urgentResponseHours', 'guardianRequiredUnderAge', 'nationalIdCountries'],
  casework: [
    'decisionRoles',
    'planReviewReminderDays',
    'caseloadLimit',
    'journalLateAfterDays',
    'journalDraftReminderDays',
    'directoryVerifyMonths',
    'voucherAnswerDays',
  ],
  security: ['mfaRequiredRoles', 'idleTimeoutMinutes', 'absoluteTimeoutHours', 'emergencyAccessMinutes'],
} as const;
type Group = keyof typeof groups;
type Setting = (typeof groups)[Group][number];
const groupNames = Object.keys(groups) as Group[];
const groupOf = (field: string): Group | undefined => {
  const setting = field.split('.')[0];
  return groupNames.find((group) => (groups[group] as readonly string[]).includes(setting ?? ''));
};

/**
 * What is set, as last saved, at the top of the page: one line per setting, each with "Change",
 * which opens the setting's group and puts the cursor in it.
 */
function AgencySummary({
  agency,
  labels,
  onChange,
}: {
  agency: Agency;
  labels: Record<Setting, string>;
  onChange: (setting: Setting) => void;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const localeOptions = useLocaleOptions();
  const list = (items: string[]) => (items.length === 0 ? t('agency.none') : formatList(items, locale));
  const roles = (items: readonly string[]) => list(items.map((role) => t(`role.${role}`)));
  const age = (value: number | null) => (value === null ? t('agency.noLimit') : String(value));
  const relaxed = agencyRoles.filter((role) => !agency.mfaRequiredRoles.includes(role));
  const values: Record<Setting, ReactNode> = {
    name: agency.name,
    address: agency.address ?? t('agency.none'),
    phone: agency.phone ?? t('agency.none'),
    email: agency.email ?? t('agency.none'),
    caseNumberPrefix: agency.caseNumberPrefix,
    languages: localeOptions
      .filter((o) => agency.languages.includes(o.value))
      .map((o, i) => (
        <Fragment key={o.value}>
          {i > 0 && ', '}
          <span lang={o.lang}>{o.label}</span>
        </Fragment>
      )),
    timeZone: agency.timeZone,
    serviceCategories: list(agency.serviceCategories),
    catchmentRegions: list(agency.catchmentRegions),
    minimumAge: age(agency.minimumAge),
    maximumAge: age(agency.maximumAge),
    urgentResponseHours: String(agency.urgentResponseHours),
    guardianRequiredUnderAge: String(agency.guardianRequiredUnderAge),
    nationalIdCountries: list(agency.nationalIdCountries),
    decisionRoles: roles(agency.decisionRoles),
    planReviewReminderDays: String(agency.planReviewReminderDays),
    caseloadLimit: String(agency.caseloadLimit),
    journalLateAfterDays: String(agency.journalLateAfterDays),
    journalDraftReminderDays: String(agency.journalDraftReminderDays),
    directoryVerifyMonths: String(agency.directoryVerifyMonths),
    voucherAnswerDays: String(agency.voucherAnswerDays),
    mfaRequiredRoles:
      relaxed.length === 0 ? t('agency.allRoles') : <strong>{t('agency.notRequiredFor', { roles: roles(relaxed) })}</strong>,
    idleTimeoutMinutes: String(agency.idleTimeoutMinutes),
    absoluteTimeoutHours: String(agency.absoluteTimeoutHours),
    emergencyAccessMinutes: String(agency.emergencyAccessMinutes),
  };
  return (
    <Card id="agency-summary" heading={t('agency.summaryTitle')} className="summary-card">
      {groupNames.map((group) => (
        <Fragment key={group}>
          <h3 className="summary-list__group">{t(`agency.group.${group}`)}</h3>
          <SummaryList
            rows={groups[group].map((setting) => ({
              id: setting,
              key: labels[setting],
              value: values[setting],
              action: (
                <button type="button" className="link-button" onClick={() => onChange(setting)}>
                  {t('agency.change')}
                  <span className="visually-hidden">{` ${labels[setting]}`}</span>
                </button>
              ),
            }))}
          />
        </Fragment>
      ))}
    </Card>
  );
}

function AgencyForm({ agency, onSaved, onReload }: { agency: Agency; onSaved: (agency: Agency) => void; onReload: () => void }) {
  const { t } = useTranslation();
  const form = useForm('agency');
  const roleOptions = useRoleOptions();
  const localeOptions = useLocaleOptions();
  const [name, setName] = useState(agency.name);
  const [address, setAddress] = useState(agency.address ?? '');
  const [phone, setPhone] = useState(agency.phone ?? '');
  const [email, setEmail] = useState(agency.email ?? '');
  const [caseNumberPrefix, setCaseNumberPrefix] = useState(agency.caseNumberPrefix);
  const [serviceCategories, setServiceCategories] = useState(agency.serviceCategories);
  const [catchmentRegions, setCatchmentRegions] = useState(agency.catchmentRegions);
  const [languages, setLanguages] = useState<LocaleCode[]>(agency.languages);
  const [mfaRequiredRoles, setMfaRequiredRoles] = useState<Role[]>(agency.mfaRequiredRoles);
  const [idleTimeoutMinutes, setIdleTimeoutMinutes] = useState(String(agency.idleTimeoutMinutes));
  const [emergencyAccessMinutes, setEmergencyAccessMinutes] = useState(String(agency.emergencyAccessMinutes));
  const [absoluteTimeoutHours, setAbsoluteTimeoutHours] = useState(String(agency.absoluteTimeoutHours));
  const [minimumAge, setMinimumAge] = useState(agency.minimumAge === null ? '' : String(agency.minimumAge));
  const [maximumAge, setMaximumAge] = useState(agency.maximumAge === null ? '' : String(agency.maximumAge));
  const [urgentResponseHours, setUrgentResponseHours] = useState(String(agency.urgentResponseHours));
  const [guardianRequiredUnderAge, setGuardianRequiredUnderAge] = useState(String(agency.guardianRequiredUnderAge));
  const [nationalIdCountries, setNationalIdCountries] = useState(agency.nationalIdCountries);
  const [decisionRoles, setDecisionRoles] = useState<DecisionRole[]>(agency.decisionRoles.filter(isDecisionRole));
  const [planReviewReminderDays, setPlanReviewReminderDays] = useState(String(agency.planReviewReminderDays));
  const [caseloadLimit, setCaseloadLimit] = useState(String(agency.caseloadLimit));
  const [journalLateAfterDays, setJournalLateAfterDays] = useState(String(agency.journalLateAfterDays));
  const [journalDraftReminderDays, setJournalDraftReminderDays] = useState(String(agency.journalDraftReminderDays));
  const [directoryVerifyMonths, setDirectoryVerifyMonths] = useState(String(agency.directoryVerifyMonths));
  const [voucherAnswerDays, setVoucherAnswerDays] = useState(String(agency.voucherAnswerDays));
  const [timeZone, setTimeZone] = useState(agency.timeZone);
  const [conflict, setConflict] = useState(false);
  const [saved, setSaved] = useState<string | null>(null);
  const sections = useOpenSections<Group>();

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setSaved(null);
    const nonBlank = (items: string[]) => items.filter((item) => item.trim() !== '');
    const body = form.check(
      updateAgencyBody,
      {
        name,
        address: address.trim() || null,
        phone: phone.trim() || null,
        email: email.trim() || null,
        caseNumberPrefix,
        serviceCategories: nonBlank(serviceCategories),
        catchmentRegions: nonBlank(catchmentRegions),
        languages,
        mfaRequiredRoles,
        idleTimeoutMinutes: parseWholeNumber(idleTimeoutMinutes),
        emergencyAccessMinutes: parseWholeNumber(emergencyAccessMinutes),
        absoluteTimeoutHours: parseWholeNumber(absoluteTimeoutHours),
        minimumAge: parseWholeNumber(minimumAge) ?? null,
        maximumAge: parseWholeNumber(maximumAge) ?? null,
        urgentResponseHours: parseWholeNumber(urgentResponseHours),
        guardianRequiredUnderAge: parseWholeNumber(guardianRequiredUnderAge),
        nationalIdCountries: nonBlank(nationalIdCountries).map((c) => c.trim().toUpperCase()),
        decisionRoles,
        planReviewReminderDays: parseWholeNumber(planReviewReminderDays),
        caseloadLimit: parseWholeNumber(caseloadLimit),
        journalLateAfterDays: parseWholeNumber(journalLateAfterDays),
        journalDraftReminderDays: parseWholeNumber(journalDraftReminderDays),
        directoryVerifyMonths: parseWholeNumber(directoryVerifyMonths),
        voucherAnswerDays: parseWholeNumber(voucherAnswerDays),
        timeZone,
        version: agency.version,
      },
      { caseNumberPrefix: 'validation.caseNumberPrefix' },
    );
    if (!body) return;
    void form.submit(async () => {
      try {
        onSaved(await organisationApi.updateAgency(body));
        setSaved(t('agency.saved'));
      } catch (error) {
        if (error instanceof ApiError && error.code === 'version_conflict') setConflict(true);
        throw error;
      }
    });
  };

  const labels: Record<Setting, string> = {
    name: t('agency.name'),
    address: t('agency.address'),
    phone: t('agency.phone'),
    email: t('agency.email'),
    caseNumberPrefix: t('agency.caseNumberPrefix'),
    serviceCategories: t('agency.serviceCategories'),
    catchmentRegions: t('agency.catchmentRegions'),
    languages: t('agency.languages'),
    mfaRequiredRoles: t('agency.mfaRequiredRoles'),
    idleTimeoutMinutes: t('agency.idleTimeoutMinutes'),
    emergencyAccessMinutes: t('agency.emergencyAccessMinutes'),
    absoluteTimeoutHours: t('agency.absoluteTimeoutHours'),
    minimumAge: t('agency.minimumAge'),
    maximumAge: t('agency.maximumAge'),
    urgentResponseHours: t('agency.urgentResponseHours'),
    guardianRequiredUnderAge: t('agency.guardianRequiredUnderAge'),
    nationalIdCountries: t('agency.nationalIdCountries'),
    decisionRoles: t('agency.decisionRoles'),
    planReviewReminderDays: t('agency.planReviewReminderDays'),
    caseloadLimit: t('agency.caseloadLimit'),
    journalLateAfterDays: t('agency.journalLateAfterDays'),
    journalDraftReminderDays: t('agency.journalDraftReminderDays'),
    directoryVerifyMonths: t('agency.directoryVerifyMonths'),
    voucherAnswerDays: t('agency.voucherAnswerDays'),
    timeZone: t('agency.timeZone'),
  };
  const number = (
    name:
      | 'minimumAge'
      | 'maximumAge'
      | 'urgentResponseHours'
      | 'guardianRequiredUnderAge'
      | 'planReviewReminderDays'
      | 'caseloadLimit'
      | 'journalLateAfterDays'
      | 'journalDraftReminderDays'
      | 'directoryVerifyMonths'
      | 'voucherAnswerDays'
      | 'idleTimeoutMinutes'
      | 'absoluteTimeoutHours'
      | 'emergencyAccessMinutes',
    value: string,
    set: (v: string) => void,
    hint: string,
    required = true,
  ) => (
    <TextField
      {...form.field(name)}
      label={labels[name]}
      hint={hint}
      inputMode="numeric"
      value={value}
      onChange={(e) => set(e.target.value)}
      className="field--short"
      required={required}
    />
  );

  // Problems open the groups that hold them; a link in the summary opens its group before it moves focus.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs when a check finds problems
  useEffect(() => {
    sections.reveal(Object.keys(form.errors).flatMap((field) => groupOf(field) ?? []));
  }, [form.errors]);
  const reveal = (field: string) => {
    const group = groupOf(field);
    if (group) sections.set(group, true);
  };
  const change = (setting: Setting) => {
    flushSync(() => sections.set(groupOf(setting)!, true));
    const target = document.getElementById(form.id(setting));
    target?.focus();
    target?.scrollIntoView({ block: 'center' });
  };
  const invalid = new Set(Object.keys(form.errors).flatMap((field) => groupOf(field) ?? []));
  const group = (name: Group, title: string) => ({
    id: `agency-group-${name}`,
    title,
    summary: t(`agency.groupHint.${name}`),
    invalid: invalid.has(name),
    invalidLabel: t('agency.hasProblem'),
    headingLevel: 2 as const,
    ...sections.props(name),
  });

  return (
    <>
      <ErrorSummary form={form} labels={labels} reveal={reveal} />
      {conflict && <ConflictNotice onReload={onReload} />}
      <AgencySummary agency={agency} labels={labels} onChange={change} />
      <form noValidate onSubmit={onSubmit} className="form form--wide agency-form">
        <div className="sections">
          <CollapsibleSection {...group('agency', t('agency.group.agency'))}>
            <TextField {...form.field('name')} label={labels.name} value={name} onChange={(e) => setName(e.target.value)} required />
            <TextAreaField
              {...form.field('address')}
              label={labels.address}
              hint={t('agency.contactHint')}
              value={address}
              onChange={(e) => setAddress(e.target.value)}
            />
            <TextField
              {...form.field('phone')}
              label={labels.phone}
              type="tel"
              value={phone}
              onChange={(e) => setPhone(e.target.value)}
              className="field--short"
            />
            <TextField
              {...form.field('email')}
              label={labels.email}
              type="email"
              value={email}
              onChange={(e) => setEmail(e.target.value)}
            />
            <TextField
              {...form.field('caseNumberPrefix')}
              label={labels.caseNumberPrefix}
              hint={t('agency.caseNumberPrefixHint')}
              value={caseNumberPrefix}
              onChange={(e) => setCaseNumberPrefix(e.target.value.toUpperCase())}
              maxLength={8}
              className="field--short"
              required
            />
            <CheckboxGroup
              {...form.field('languages')}
              label={labels.languages}
              options={localeOptions}
              selected={languages}
              onChange={setLanguages}
            />
            <TimeZoneField form={form} label={labels.timeZone} value={timeZone} onChange={setTimeZone} />
          </CollapsibleSection>
          <CollapsibleSection {...group('services', t('agency.group.services'))}>
            <ListField
              form={form}
              name="serviceCategories"
              label={labels.serviceCategories}
              items={serviceCategories}
              onChange={setServiceCategories}
              itemLabel={(n) => t('agency.serviceCategoryN', { n })}
              addLabel={t('agency.addServiceCategory')}
            />
            <ListField
              form={form}
              name="catchmentRegions"
              label={labels.catchmentRegions}
              items={catchmentRegions}
              onChange={setCatchmentRegions}
              itemLabel={(n) => t('agency.catchmentRegionN', { n })}
              addLabel={t('agency.addCatchmentRegion')}
            />
          </CollapsibleSection>
          <CollapsibleSection {...group('intake', t('agency.group.intake'))}>
            <div className="field-row">
              {number('minimumAge', minimumAge, setMinimumAge, t('agency.ageHint'), false)}
              {number('maximumAge', maximumAge, setMaximumAge, t('agency.ageHint'), false)}
            </div>
            {number('urgentResponseHours', urgentResponseHours, setUrgentResponseHours, t('agency.urgentResponseHoursHint'))}
            {number(
              'guardianRequiredUnderAge',
              guardianRequiredUnderAge,
              setGuardianRequiredUnderAge,
              t('agency.guardianRequiredUnderAgeHint'),
            )}
            <ListField
              form={form}
              name="nationalIdCountries"
              label={labels.nationalIdCountries}
              items={nationalIdCountries}
              onChange={setNationalIdCountries}
              itemLabel={(n) => t('agency.nationalIdCountryN', { n })}
              addLabel={t('agency.addNationalIdCountry')}
            />
          </CollapsibleSection>
          <CollapsibleSection {...group('casework', t('agency.group.casework'))}>
            <CheckboxGroup
              {...form.field('decisionRoles')}
              label={labels.decisionRoles}
              hint={t('agency.decisionRolesHint')}
              options={roleOptions.filter((o) => isDecisionRole(o.value)) as { value: DecisionRole; label: string }[]}
              selected={decisionRoles}
              onChange={setDecisionRoles}
            />
            {number('planReviewReminderDays', planReviewReminderDays, setPlanReviewReminderDays, t('agency.planReviewReminderDaysHint'))}
            {number('caseloadLimit', caseloadLimit, setCaseloadLimit, t('agency.caseloadLimitHint'))}
            {number('journalLateAfterDays', journalLateAfterDays, setJournalLateAfterDays, t('agency.journalLateAfterDaysHint'))}
            {number(
              'journalDraftReminderDays',
              journalDraftReminderDays,
              setJournalDraftReminderDays,
              t('agency.journalDraftReminderDaysHint'),
            )}
            {number('directoryVerifyMonths', directoryVerifyMonths, setDirectoryVerifyMonths, t('agency.directoryVerifyMonthsHint'))}
            {number('voucherAnswerDays', voucherAnswerDays, setVoucherAnswerDays, t('agency.voucherAnswerDaysHint'))}
          </CollapsibleSection>
          <CollapsibleSection {...group('security', t('agency.group.security'))}>
            <CheckboxGroup
              {...form.field('mfaRequiredRoles')}
              label={labels.mfaRequiredRoles}
              hint={t('agency.mfaRequiredRolesHint')}
              options={roleOptions}
              selected={mfaRequiredRoles}
              onChange={setMfaRequiredRoles}
            />
            <MfaRelaxedWarning required={mfaRequiredRoles} />
            {number('idleTimeoutMinutes', idleTimeoutMinutes, setIdleTimeoutMinutes, t('agency.idleTimeoutHint'))}
            {number('absoluteTimeoutHours', absoluteTimeoutHours, setAbsoluteTimeoutHours, t('agency.absoluteTimeoutHint'))}
            {number('emergencyAccessMinutes', emergencyAccessMinutes, setEmergencyAccessMinutes, t('agency.emergencyAccessMinutesHint'))}
          </CollapsibleSection>
        </div>
        <div className="sticky-bar">
          <div className="sticky-bar__status">
            <p role="status" className={saved ? 'sticky-bar__message sticky-bar__message--success' : 'sticky-bar__message'}>
              {saved}
            </p>
          </div>
          <SubmitButton submitting={form.submitting}>{t('common.save')}</SubmitButton>
        </div>
      </form>
    </>
  );
}

function TimeZoneField({
  form,
  label,
  value,
  onChange,
}: {
  form: FormState;
  label: string;
  value: string;
  onChange: (zone: string) => void;
}) {
  const { t } = useTranslation();
  return (
    <SelectField
      {...form.field('timeZone')}
      label={label}
      hint={t('agency.timeZoneHint')}
      value={value}
      onChange={(e) => onChange(e.target.value)}
    >
      {timeZones(value).map((zone) => (
        <option key={zone} value={zone}>
          {zone}
        </option>
      ))}
    </SelectField>
  );
}

/** /admin/agency: the agency's settings, saved with optimistic concurrency (version). */
export function AgencyPage() {
  const { t } = useTranslation();
  const [agency, setAgency] = useState<Agency | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [generation, setGeneration] = useState(0);

  const load = useCallback(() => {
    setError(null);
    organisationApi
      .agency()
      .then((loaded) => {
        setAgency(loaded);
        setGeneration((g) => g + 1);
      })
      .catch((e: unknown) => setError(e instanceof ApiError ? e : null));
  }, []);
  useEffect(load, [load]);

  return (
    <Page title={t('agency.title')}>
      {error && <Notice kind="error">{describeError(error, t)}</Notice>}
      {agency === null ? (
        !error && <Skeleton lines={8} />
      ) : (
        <AgencyForm key={generation} agency={agency} onSaved={setAgency} onReload={load} />
      )}
    </Page>
  );
}
