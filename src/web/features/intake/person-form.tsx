import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { createPersonBody } from '../../../areas/person/person.contract.ts';
import { ApiError } from '../../api.ts';
import { SubmitButton } from '../../ui/buttons.tsx';
import { useCountries } from '../../ui/countries.ts';
import { ErrorSummary } from '../../ui/error-summary.tsx';
import { CheckboxField, SelectField, TextAreaField, TextField } from '../../ui/fields.tsx';
import { useForm } from '../../ui/use-form.ts';
import { ConflictNotice } from '../admin/conflict-notice.tsx';
import { organisationApi } from '../admin/organisation-api.ts';
import { type DuplicateCandidate, type Person, personApi } from '../people/people-api.ts';
import { useLoad } from '../work/use-load.ts';
import { DuplicateCandidates } from './duplicate-candidates.tsx';
import { GuardianField } from './guardian-field.tsx';
import { capacities, contactOptions, precisions, sexes } from './options.ts';

export interface PersonChoice {
  id: string;
  name: string;
}

const emptyValues = {
  givenName: '',
  familyName: '',
  otherNames: '',
  nameInOtherScript: '',
  birthDate: '',
  birthDatePrecision: 'day',
  sex: '',
  genderIdentity: '',
  nationalId: '',
  nationalIdCountry: '',
  languages: '',
  interpreterNeeded: false,
  phones: '',
  email: '',
  preferredContact: '',
  addressLine: '',
  postcode: '',
  city: '',
  region: '',
  knownToOtherServices: '',
  legalCapacity: 'full',
  guardianRelationship: '',
};
type Values = typeof emptyValues;

const list = (text: string) =>
  text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
const orNull = (text: string) => (text.trim() === '' ? null : text.trim());

/** A saved record as form values: lists comma-separated, nothing as an empty field. */
function valuesOf(person: Person): Values {
  const entries = Object.keys(emptyValues).map((key) => {
    const value = person[key as keyof Values];
    return [key, Array.isArray(value) ? value.join(', ') : (value ?? '')];
  });
  return Object.fromEntries(entries) as Values;
}

type PersonFormProps =
  /** Register someone new – or choose someone already registered – and hand the choice back. */
  | { onChosen: (person: PersonChoice) => void; person?: undefined }
  /** Edit a registered person; a 409 offers to reload. */
  | { person: Person; onSaved: (person: Person) => void; onReload: () => void };

/**
 * Registers a person (while the names, birth date, phone or ID are typed, shows people who may be the
 * same) or edits one.
 */
export function PersonForm(props: PersonFormProps) {
  const { t } = useTranslation();
  const editing = props.person;
  const form = useForm('person');
  const [values, setValues] = useState<Values>(editing ? valuesOf(editing) : emptyValues);
  const [candidates, setCandidates] = useState<DuplicateCandidate[]>([]);
  const [distinct, setDistinct] = useState<string[]>([]);
  const [askedToLink, setAskedToLink] = useState<string[]>([]);
  const [blockedBy, setBlockedBy] = useState<string[]>([]);
  const [guardian, setGuardian] = useState<PersonChoice | null>(
    editing?.guardianPersonId ? { id: editing.guardianPersonId, name: t('intake.personLinked') } : null,
  );
  const [conflict, setConflict] = useState(false);
  const agency = useLoad(() => organisationApi.agency(), 'agency');
  const countries = useCountries();
  const set = <K extends keyof Values>(key: K, value: Values[K]) => setValues((v) => ({ ...v, [key]: value }));

  const checked = agency.data?.nationalIdCountries ?? [];
  const checkedCountries = countries.filter((c) => checked.includes(c.code));
  const otherCountries = countries.filter((c) => !checked.includes(c.code));
  const unknownCountry = values.nationalIdCountry !== '' && !countries.some((c) => c.code === values.nationalIdCountry);

  useEffect(() => {
    if (!editing?.guardianPersonId) return;
    personApi
      .get(editing.guardianPersonId)
      .then((g) => setGuardian({ id: g.id, name: `${g.givenName} ${g.familyName}` }))
      .catch(() => undefined);
  }, [editing?.guardianPersonId]);

  const birthDateValid = /^\d{4}-\d{2}-\d{2}$/.test(values.birthDate);
  const checkKey = JSON.stringify([
    values.givenName,
    values.familyName,
    values.otherNames,
    values.nameInOtherScript,
    birthDateValid ? values.birthDate : '',
    values.birthDatePrecision,
    values.nationalId,
    values.phones,
  ]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: checks again only when a compared field changes (checkKey)
  useEffect(() => {
    // An edit keeps the record it edits; the check is for registering someone new.
    if (editing) return;
    if (
      values.givenName.trim() === '' &&
      values.familyName.trim() === '' &&
      values.nationalId.trim() === '' &&
      values.phones.trim() === ''
    ) {
      setCandidates([]);
      return;
    }
    const controller = new AbortController();
    const timer = window.setTimeout(() => {
      personApi
        .duplicates(
          {
            givenName: values.givenName,
            familyName: values.familyName,
            otherNames: list(values.otherNames),
            nameInOtherScript: orNull(values.nameInOtherScript),
            birthDate: birthDateValid ? values.birthDate : null,
            birthDatePrecision: values.birthDatePrecision as 'day',
            nationalId: orNull(values.nationalId),
            phones: list(values.phones),
          },
          controller.signal,
        )
        .then((result) => setCandidates(result.candidates))
        .catch(() => undefined);
    }, 400);
    return () => {
      window.clearTimeout(timer);
      controller.abort();
    };
  }, [checkKey]);

  const labels: Record<string, string> = {
    givenName: t('person.givenName'),
    familyName: t('person.familyName'),
    otherNames: t('person.otherNames'),
    nameInOtherScript: t('person.nameInOtherScript'),
    birthDate: t('person.birthDate'),
    birthDatePrecision: t('person.birthDatePrecision'),
    sex: t('person.sex'),
    genderIdentity: t('person.genderIdentity'),
    nationalId: t('person.nationalId'),
    nationalIdCountry: t('person.nationalIdCountry'),
    languages: t('person.languages'),
    interpreterNeeded: t('person.interpreterNeeded'),
    phones: t('person.phones'),
    email: t('person.email'),
    preferredContact: t('person.preferredContact'),
    addressLine: t('person.addressLine'),
    postcode: t('person.postcode'),
    city: t('person.city'),
    region: t('person.region'),
    knownToOtherServices: t('person.knownToOtherServices'),
    legalCapacity: t('person.legalCapacity'),
    guardianRelationship: t('person.guardianRelationship'),
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const body = form.check(createPersonBody, {
      givenName: values.givenName,
      familyName: values.familyName,
      otherNames: list(values.otherNames),
      nameInOtherScript: orNull(values.nameInOtherScript),
      birthDate: orNull(values.birthDate),
      birthDatePrecision: values.birthDatePrecision,
      sex: orNull(values.sex),
      genderIdentity: orNull(values.genderIdentity),
      nationalId: orNull(values.nationalId),
      nationalIdCountry: orNull(values.nationalIdCountry),
      languages: list(values.languages),
      interpreterNeeded: values.interpreterNeeded,
      phones: list(values.phones),
      email: orNull(values.email),
      preferredContact: orNull(values.preferredContact),
      addressLine: orNull(values.addressLine),
      postcode: orNull(values.postcode),
      city: orNull(values.city),
      region: orNull(values.region),
      knownToOtherServices: values.knownToOtherServices,
      legalCapacity: values.legalCapacity,
      guardianPersonId: values.legalCapacity !== 'full' ? (guardian?.id ?? null) : null,
      guardianRelationship: values.legalCapacity !== 'full' ? orNull(values.guardianRelationship) : null,
      confirmedDistinctFrom: distinct,
      askToLinkWith: askedToLink,
    });
    if (!body) return;
    if (props.person) {
      const { person, onSaved } = props;
      const { confirmedDistinctFrom: _none, askToLinkWith: _asked, ...fields } = body;
      void form.submit(async () => {
        try {
          onSaved(await personApi.update(person.id, { ...fields, version: person.version }));
        } catch (error) {
          if (error instanceof ApiError && error.code === 'version_conflict') setConflict(true);
          throw error;
        }
      });
      return;
    }
    const { onChosen } = props;
    void form.submit(async () => {
      try {
        const person: Person = await personApi.create(body);
        onChosen({ id: person.id, name: `${person.givenName} ${person.familyName}` });
      } catch (error) {
        if (error instanceof ApiError && error.code === 'possible_duplicate') {
          const ids = error.fieldErrors.filter((e) => e.field === 'confirmedDistinctFrom').map((e) => e.message);
          setBlockedBy(ids);
          const check = await personApi
            .duplicates({
              givenName: values.givenName,
              familyName: values.familyName,
              birthDate: birthDateValid ? values.birthDate : null,
              phones: list(values.phones),
              nationalId: orNull(values.nationalId),
            })
            .catch(() => null);
          if (check) setCandidates(check.candidates);
          throw new ApiError({ status: 409, code: 'possible_duplicate', title: error.title });
        }
        throw error;
      }
    });
  };

  const text = (key: keyof Values, extra: Record<string, unknown> = {}) => ({
    ...form.field(key),
    label: labels[key]!,
    value: values[key] as string,
    onChange: (e: { target: { value: string } }) => set(key, e.target.value as never),
    ...extra,
  });

  return (
    <>
      <ErrorSummary form={form} labels={labels} />
      {conflict && props.person && <ConflictNotice onReload={props.onReload} />}
      <form noValidate onSubmit={onSubmit} className="form form--wide" aria-labelledby="person-form-title">
        <h3 id="person-form-title">{editing ? t('person.editTitle') : t('person.registerTitle')}</h3>
        <TextField {...text('givenName')} autoComplete="off" required />
        <TextField {...text('familyName')} autoComplete="off" required />
        <TextField {...text('otherNames')} hint={t('common.commaSeparated')} />
        <TextField {...text('nameInOtherScript')} />
        <TextField {...text('birthDate')} type="date" className="field--short" />
        <SelectField {...text('birthDatePrecision')}>
          {precisions.map((p) => (
            <option key={p} value={p}>
              {t(`person.precision.${p}`)}
            </option>
          ))}
        </SelectField>
        {/* Right after the fields it compares, so the worker sees it while typing. */}
        {!props.person && (
          <DuplicateCandidates
            candidates={candidates}
            distinct={distinct}
            askedToLink={askedToLink}
            blockedBy={blockedBy}
            onUse={(c) => props.onChosen({ id: c.personId, name: `${c.givenName} ${c.familyName}` })}
            onDistinct={(c) => {
              setDistinct((d) => [...d, c.personId]);
              setBlockedBy((b) => b.filter((id) => id !== c.personId));
            }}
            onAskToLink={(c) => {
              setAskedToLink((d) => [...d, c.personId]);
              setBlockedBy((b) => b.filter((id) => id !== c.personId));
            }}
          />
        )}
        <SelectField {...text('sex')}>
          <option value="">{t('common.notStated')}</option>
          {sexes.map((s) => (
            <option key={s} value={s}>
              {t(`person.sexOption.${s}`)}
            </option>
          ))}
        </SelectField>
        <TextField {...text('genderIdentity')} hint={t('person.genderIdentityHint')} />
        <TextField {...text('nationalId')} autoComplete="off" />
        <SelectField {...text('nationalIdCountry')} hint={t('person.nationalIdCountryHint')}>
          <option value="">{t('common.notStated')}</option>
          {unknownCountry && <option value={values.nationalIdCountry}>{values.nationalIdCountry}</option>}
          {checkedCountries.length > 0 && (
            <optgroup label={t('person.checkedCountries')}>
              {checkedCountries.map((c) => (
                <option key={c.code} value={c.code}>
                  {c.name}
                </option>
              ))}
            </optgroup>
          )}
          <optgroup label={checkedCountries.length > 0 ? t('person.otherCountries') : t('person.allCountries')}>
            {otherCountries.map((c) => (
              <option key={c.code} value={c.code}>
                {c.name}
              </option>
            ))}
          </optgroup>
        </SelectField>
        <TextField {...text('languages')} hint={t('person.languagesHint')} />
        <CheckboxField
          {...form.field('interpreterNeeded')}
          label={labels.interpreterNeeded!}
          checked={values.interpreterNeeded}
          onChange={(e) => set('interpreterNeeded', e.target.checked)}
        />
        <TextField {...text('phones')} type="tel" hint={t('common.commaSeparated')} />
        <TextField {...text('email')} type="email" />
        <SelectField {...text('preferredContact')}>
          <option value="">{t('common.notStated')}</option>
          {contactOptions.map((c) => (
            <option key={c} value={c}>
              {t(`person.contact.${c}`)}
            </option>
          ))}
        </SelectField>
        <TextField {...text('addressLine')} />
        <TextField {...text('postcode')} className="field--short" />
        <TextField {...text('city')} />
        <TextField {...text('region')} />
        <TextAreaField {...text('knownToOtherServices')} hint={t('person.knownToOtherServicesHint')} />
        <SelectField {...text('legalCapacity')}>
          {capacities.map((c) => (
            <option key={c} value={c}>
              {t(`person.capacity.${c}`)}
            </option>
          ))}
        </SelectField>
        {values.legalCapacity !== 'full' && (
          <>
            <GuardianField id={form.id('guardianPersonId')} value={guardian} onChange={setGuardian} />
            <TextField {...text('guardianRelationship')} hint={t('person.guardianHint')} />
          </>
        )}
        <SubmitButton submitting={form.submitting}>{editing ? t('common.save') : t('person.register')}</SubmitButton>
      </form>
    </>
  );
}
