import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { createServiceBody, serviceStatus, type Weekday, weekday } from '../../../areas/service-directory/service-directory.contract.ts';
import { ApiError } from '../../api.ts';
import { SubmitButton } from '../../ui/buttons.tsx';
import { ErrorSummary } from '../../ui/error-summary.tsx';
import { CheckboxGroup, SelectField, TextAreaField, TextField } from '../../ui/fields.tsx';
import { ListField } from '../../ui/list-field.tsx';
import { useLocale } from '../../ui/locale.ts';
import { useForm } from '../../ui/use-form.ts';
import { ConflictNotice } from '../admin/conflict-notice.tsx';
import { parseWholeNumber } from '../admin/options.ts';
import type { PartnerOrganisation } from '../admin/organisation-api.ts';
import { type DirectoryService, directoryApi } from './directory-api.ts';

/** The short name of each weekday in the user's language (1 January 2024 was a Monday). */
export function weekdayNames(locale: string): Record<Weekday, string> {
  const format = new Intl.DateTimeFormat(locale, { weekday: 'short', timeZone: 'UTC' });
  return Object.fromEntries(weekday.options.map((day, i) => [day, format.format(new Date(Date.UTC(2024, 0, 1 + i)))])) as Record<
    Weekday,
    string
  >;
}

interface HoursRow {
  days: Weekday[];
  opensAt: string;
  closesAt: string;
}

/**
 * Adds a service, or changes one: what it is, for whom, where, when and in which languages. Parts
 * the form does not show (further places and phones, contacts, costs) are kept as they are.
 */
export function ServiceForm({
  service,
  partners,
  categories,
  regions,
  onSaved,
  onCancel,
  onReload,
}: {
  service: DirectoryService | null;
  partners: PartnerOrganisation[];
  categories: string[];
  regions: string[];
  onSaved: (service: DirectoryService) => void;
  onCancel?: () => void;
  onReload?: () => void;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const form = useForm(service ? `service-${service.id}` : 'service-new');
  const days = weekdayNames(locale);
  const [organisationId, setOrganisationId] = useState(service?.organisationId ?? partners[0]?.id ?? '');
  const [name, setName] = useState(service?.name ?? '');
  const [description, setDescription] = useState(service?.description ?? '');
  const [status, setStatus] = useState(service?.status ?? 'active');
  const [chosenCategories, setCategories] = useState<string[]>(service?.categories ?? []);
  const [areas, setAreas] = useState<string[]>(service?.areas ?? []);
  const [languages, setLanguages] = useState<string[]>(service?.languages ?? []);
  const [hours, setHours] = useState<HoursRow[]>(
    service?.openingHours.map(({ days, opensAt, closesAt }) => ({ days, opensAt, closesAt })) ?? [],
  );
  const firstPlace = service?.locations[0];
  const [address, setAddress] = useState(firstPlace?.address ?? '');
  const [city, setCity] = useState(firstPlace?.city ?? '');
  const [postalCode, setPostalCode] = useState(firstPlace?.postalCode ?? '');
  const [country, setCountry] = useState(firstPlace?.country ?? '');
  const [phone, setPhone] = useState(service?.phones[0]?.number ?? '');
  const [email, setEmail] = useState(service?.email ?? '');
  const [eligibility, setEligibility] = useState(service?.eligibility ?? '');
  const [minimumAge, setMinimumAge] = useState(service?.minimumAge == null ? '' : String(service.minimumAge));
  const [maximumAge, setMaximumAge] = useState(service?.maximumAge == null ? '' : String(service.maximumAge));
  const [applicationProcess, setApplicationProcess] = useState(service?.applicationProcess ?? '');
  const [feesDescription, setFeesDescription] = useState(service?.feesDescription ?? '');
  const [documents, setDocuments] = useState<string[]>(service?.requiredDocuments ?? []);
  const [conflict, setConflict] = useState(false);

  const labels = {
    organisationId: t('directory.organisation'),
    name: t('directory.serviceName'),
    description: t('directory.description'),
    status: t('directory.status'),
    categories: t('directory.categories'),
    areas: t('directory.areas'),
    languages: t('directory.languages'),
    openingHours: t('directory.openingHours'),
    locations: t('directory.address'),
    phones: t('directory.phone'),
    email: t('directory.email'),
    eligibility: t('directory.eligibility'),
    minimumAge: t('directory.minimumAge'),
    maximumAge: t('directory.maximumAge'),
    applicationProcess: t('directory.applicationProcess'),
    feesDescription: t('directory.feesDescription'),
    requiredDocuments: t('directory.requiredDocuments'),
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const place = address.trim() || city.trim() || postalCode.trim() || country.trim();
    const values = {
      organisationId,
      name,
      alternateName: service?.alternateName ?? null,
      description,
      status,
      url: service?.url ?? null,
      email: email.trim() || null,
      categories: chosenCategories,
      areas,
      languages: languages.map((l) => l.trim()).filter(Boolean),
      openingHours: hours.map((h, i) => ({ ...h, note: service?.openingHours[i]?.note ?? null })),
      locations: [
        ...(place
          ? [
              {
                name: firstPlace?.name ?? null,
                address,
                city,
                postalCode,
                region: firstPlace?.region ?? '',
                country: country.toUpperCase(),
              },
            ]
          : []),
        ...(service?.locations.slice(1) ?? []),
      ],
      phones: [
        ...(phone.trim() ? [{ number: phone, description: service?.phones[0]?.description ?? null }] : []),
        ...(service?.phones.slice(1) ?? []),
      ],
      contacts: service?.contacts ?? [],
      eligibility,
      minimumAge: parseWholeNumber(minimumAge) ?? null,
      maximumAge: parseWholeNumber(maximumAge) ?? null,
      applicationProcess,
      interpretationServices: service?.interpretationServices ?? '',
      waitTime: service?.waitTime ?? null,
      feesDescription,
      costOptions: service?.costOptions ?? [],
      requiredDocuments: documents.map((d) => d.trim()).filter(Boolean),
    };
    const body = form.check(createServiceBody, values);
    if (!body) return;
    void form.submit(async () => {
      try {
        onSaved(service ? await directoryApi.update(service.id, { ...body, version: service.version }) : await directoryApi.create(body));
      } catch (error) {
        if (error instanceof ApiError && error.code === 'version_conflict') setConflict(true);
        throw error;
      }
    });
  };

  const setRow = (i: number, change: Partial<HoursRow>) => setHours(hours.map((row, j) => (j === i ? { ...row, ...change } : row)));

  return (
    <form noValidate onSubmit={onSubmit} className="form form--wide">
      <ErrorSummary form={form} labels={labels} />
      {conflict && onReload && <ConflictNotice onReload={onReload} />}
      <SelectField
        {...form.field('organisationId')}
        label={labels.organisationId}
        value={organisationId}
        onChange={(e) => setOrganisationId(e.target.value)}
        required
      >
        {partners.map((p) => (
          <option key={p.id} value={p.id}>
            {p.name}
          </option>
        ))}
      </SelectField>
      <TextField {...form.field('name')} label={labels.name} value={name} onChange={(e) => setName(e.target.value)} required />
      <TextAreaField
        {...form.field('description')}
        label={labels.description}
        value={description}
        onChange={(e) => setDescription(e.target.value)}
      />
      <SelectField
        {...form.field('status')}
        label={labels.status}
        value={status}
        onChange={(e) => setStatus(e.target.value as typeof status)}
      >
        {serviceStatus.options.map((s) => (
          <option key={s} value={s}>
            {t(`directory.statusName.${s.replace(' ', '_')}`)}
          </option>
        ))}
      </SelectField>
      {categories.length > 0 && (
        <CheckboxGroup
          {...form.field('categories')}
          label={labels.categories}
          options={[...new Set([...categories, ...chosenCategories])].map((c) => ({ value: c, label: c }))}
          selected={chosenCategories}
          onChange={setCategories}
        />
      )}
      {regions.length > 0 && (
        <CheckboxGroup
          {...form.field('areas')}
          label={labels.areas}
          options={[...new Set([...regions, ...areas])].map((r) => ({ value: r, label: r }))}
          selected={areas}
          onChange={setAreas}
        />
      )}
      <ListField
        form={form}
        name="languages"
        label={labels.languages}
        hint={t('directory.languagesHint')}
        items={languages}
        onChange={setLanguages}
        itemLabel={(n) => t('directory.languageN', { n })}
        addLabel={t('directory.addLanguage')}
        maxLength={12}
      />
      <fieldset className="fieldset">
        <legend className="field__label">{labels.openingHours}</legend>
        {hours.map((row, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: rows have no identity of their own
          <div className="directory-hours" key={i}>
            <CheckboxGroup
              {...form.field(`openingHours.${i}.days`)}
              label={t('directory.hoursDays', { n: i + 1 })}
              options={weekday.options.map((d) => ({ value: d, label: days[d] }))}
              selected={row.days}
              onChange={(chosen) => setRow(i, { days: chosen })}
            />
            <div className="field-row">
              <TextField
                {...form.field(`openingHours.${i}.opensAt`)}
                label={t('directory.opensAt')}
                type="time"
                value={row.opensAt}
                onChange={(e) => setRow(i, { opensAt: e.target.value })}
                className="field--short"
              />
              <TextField
                {...form.field(`openingHours.${i}.closesAt`)}
                label={t('directory.closesAt')}
                type="time"
                value={row.closesAt}
                onChange={(e) => setRow(i, { closesAt: e.target.value })}
                className="field--short"
              />
            </div>
            <button type="button" className="button button--secondary" onClick={() => setHours(hours.filter((_, j) => j !== i))}>
              {t('directory.removeHours', { n: i + 1 })}
            </button>
          </div>
        ))}
        <button
          type="button"
          className="button button--secondary"
          onClick={() => setHours([...hours, { days: [], opensAt: '09:00', closesAt: '15:00' }])}
        >
          {t('directory.addHours')}
        </button>
      </fieldset>
      <fieldset className="fieldset">
        <legend className="field__label">{labels.locations}</legend>
        <TextField
          {...form.field('locations.0.address')}
          label={t('directory.street')}
          value={address}
          onChange={(e) => setAddress(e.target.value)}
        />
        <div className="field-row">
          <TextField
            {...form.field('locations.0.postalCode')}
            label={t('directory.postalCode')}
            value={postalCode}
            onChange={(e) => setPostalCode(e.target.value)}
            className="field--short"
          />
          <TextField
            {...form.field('locations.0.city')}
            label={t('directory.city')}
            value={city}
            onChange={(e) => setCity(e.target.value)}
          />
        </div>
        <TextField
          {...form.field('locations.0.country')}
          label={t('directory.country')}
          hint={t('directory.countryHint')}
          value={country}
          onChange={(e) => setCountry(e.target.value)}
          maxLength={2}
          className="field--short"
        />
      </fieldset>
      <TextField
        {...form.field('phones.0.number')}
        label={labels.phones}
        type="tel"
        value={phone}
        onChange={(e) => setPhone(e.target.value)}
        className="field--short"
      />
      <TextField {...form.field('email')} label={labels.email} type="email" value={email} onChange={(e) => setEmail(e.target.value)} />
      <TextAreaField
        {...form.field('eligibility')}
        label={labels.eligibility}
        value={eligibility}
        onChange={(e) => setEligibility(e.target.value)}
      />
      <div className="field-row">
        <TextField
          {...form.field('minimumAge')}
          label={labels.minimumAge}
          inputMode="numeric"
          value={minimumAge}
          onChange={(e) => setMinimumAge(e.target.value)}
          className="field--short"
        />
        <TextField
          {...form.field('maximumAge')}
          label={labels.maximumAge}
          inputMode="numeric"
          value={maximumAge}
          onChange={(e) => setMaximumAge(e.target.value)}
          className="field--short"
        />
      </div>
      <TextAreaField
        {...form.field('applicationProcess')}
        label={labels.applicationProcess}
        value={applicationProcess}
        onChange={(e) => setApplicationProcess(e.target.value)}
      />
      <TextAreaField
        {...form.field('feesDescription')}
        label={labels.feesDescription}
        value={feesDescription}
        onChange={(e) => setFeesDescription(e.target.value)}
      />
      <ListField
        form={form}
        name="requiredDocuments"
        label={labels.requiredDocuments}
        items={documents}
        onChange={setDocuments}
        itemLabel={(n) => t('directory.documentN', { n })}
        addLabel={t('directory.addDocument')}
        maxLength={2000}
      />
      <div className="form__actions">
        <SubmitButton submitting={form.submitting}>{service ? t('common.save') : t('directory.add')}</SubmitButton>
        {onCancel && (
          <button type="button" className="button button--secondary" onClick={onCancel}>
            {t('common.cancel')}
          </button>
        )}
      </div>
    </form>
  );
}
