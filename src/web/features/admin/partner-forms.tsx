import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  createPartnerOrganisationBody,
  type RecipientCategory,
  recipientCategory,
  updatePartnerOrganisationBody,
} from '../../../areas/organisation/organisation.contract.ts';
import { ApiError } from '../../api.ts';
import { SubmitButton } from '../../ui/buttons.tsx';
import { ErrorSummary } from '../../ui/error-summary.tsx';
import { CheckboxGroup, TextAreaField, TextField } from '../../ui/fields.tsx';
import { ListField } from '../../ui/list-field.tsx';
import { type FormState, useForm } from '../../ui/use-form.ts';
import { ConflictNotice } from './conflict-notice.tsx';
import { EditFormActions } from './edit-panel.tsx';
import { organisationApi, type PartnerOrganisation } from './organisation-api.ts';

interface Values {
  name: string;
  contactPerson: string;
  phone: string;
  email: string;
  address: string;
  services: string[];
  regions: string[];
  recipientKinds: RecipientCategory[];
}

const empty: Values = { name: '', contactPerson: '', phone: '', email: '', address: '', services: [], regions: [], recipientKinds: [] };

const valuesOf = (p: PartnerOrganisation): Values => ({
  name: p.name,
  contactPerson: p.contactPerson ?? '',
  phone: p.phone ?? '',
  email: p.email ?? '',
  address: p.address ?? '',
  services: p.services,
  regions: p.regions,
  recipientKinds: p.recipientKinds,
});

/** Empty fields are sent as "not known"; empty entries of the lists are left out. */
const bodyOf = (v: Values) => ({
  name: v.name,
  contactPerson: v.contactPerson.trim() || null,
  phone: v.phone.trim() || null,
  email: v.email.trim() || null,
  address: v.address.trim() || null,
  services: v.services.map((s) => s.trim()).filter(Boolean),
  regions: v.regions.map((r) => r.trim()).filter(Boolean),
  recipientKinds: v.recipientKinds,
});

function usePartnerLabels() {
  const { t } = useTranslation();
  return {
    name: t('partners.name'),
    contactPerson: t('partners.contactPerson'),
    phone: t('partners.phone'),
    email: t('partners.email'),
    address: t('partners.address'),
    services: t('partners.services'),
    regions: t('partners.regions'),
    recipientKinds: t('partners.recipientKinds'),
  };
}

/** What adding a partner organisation and editing one both ask. */
function PartnerFields({ form, values, onChange }: { form: FormState; values: Values; onChange: (values: Values) => void }) {
  const { t } = useTranslation();
  const labels = usePartnerLabels();
  const text = (key: 'name' | 'contactPerson' | 'phone' | 'email') => ({
    ...form.field(key),
    label: labels[key],
    value: values[key],
    onChange: (e: { target: { value: string } }) => onChange({ ...values, [key]: e.target.value }),
  });
  return (
    <>
      <TextField {...text('name')} required />
      <TextField {...text('contactPerson')} autoComplete="off" />
      <TextField {...text('phone')} type="tel" autoComplete="off" className="field--short" />
      <TextField {...text('email')} type="email" autoComplete="off" />
      <TextAreaField
        {...form.field('address')}
        label={labels.address}
        value={values.address}
        onChange={(e) => onChange({ ...values, address: e.target.value })}
      />
      <ListField
        form={form}
        name="services"
        label={labels.services}
        hint={t('partners.servicesHint')}
        items={values.services}
        onChange={(services) => onChange({ ...values, services })}
        itemLabel={(n) => t('partners.serviceN', { n })}
        addLabel={t('partners.addService')}
      />
      <ListField
        form={form}
        name="regions"
        label={labels.regions}
        items={values.regions}
        onChange={(regions) => onChange({ ...values, regions })}
        itemLabel={(n) => t('partners.regionN', { n })}
        addLabel={t('partners.addRegion')}
      />
      <CheckboxGroup
        {...form.field('recipientKinds')}
        label={labels.recipientKinds}
        hint={t('partners.recipientKindsHint')}
        options={recipientCategory.options.map((kind) => ({ value: kind, label: t(`consent.recipientKind.${kind}`) }))}
        selected={values.recipientKinds}
        onChange={(recipientKinds) => onChange({ ...values, recipientKinds })}
      />
    </>
  );
}

export function CreatePartnerForm({ onCreated }: { onCreated: (partner: PartnerOrganisation) => void }) {
  const { t } = useTranslation();
  const form = useForm('partner-new');
  const labels = usePartnerLabels();
  const [values, setValues] = useState<Values>(empty);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const body = form.check(createPartnerOrganisationBody, bodyOf(values));
    if (!body) return;
    void form.submit(async () => {
      onCreated(await organisationApi.createPartner(body));
      setValues(empty);
    });
  };

  return (
    <>
      <ErrorSummary form={form} labels={labels} />
      <form noValidate onSubmit={onSubmit} className="form">
        <PartnerFields form={form} values={values} onChange={setValues} />
        <SubmitButton submitting={form.submitting}>{t('partners.create')}</SubmitButton>
      </form>
    </>
  );
}

interface EditPartnerFormProps {
  partner: PartnerOrganisation;
  onSaved: (partner: PartnerOrganisation) => void;
  onCancel: () => void;
  onReload: () => void;
}

export function EditPartnerForm({ partner, onSaved, onCancel, onReload }: EditPartnerFormProps) {
  const form = useForm('partner-edit');
  const labels = usePartnerLabels();
  const [values, setValues] = useState<Values>(valuesOf(partner));
  const [conflict, setConflict] = useState(false);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const body = form.check(updatePartnerOrganisationBody, { ...bodyOf(values), version: partner.version });
    if (!body) return;
    void form.submit(async () => {
      try {
        onSaved(await organisationApi.updatePartner(partner.id, body));
      } catch (error) {
        if (error instanceof ApiError && error.code === 'version_conflict') setConflict(true);
        throw error;
      }
    });
  };

  return (
    <>
      <ErrorSummary form={form} labels={labels} />
      {conflict && <ConflictNotice onReload={onReload} />}
      <form noValidate onSubmit={onSubmit} className="form">
        <PartnerFields form={form} values={values} onChange={setValues} />
        <EditFormActions submitting={form.submitting} onCancel={onCancel} />
      </form>
    </>
  );
}
