import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { contactKind, createContactBody, placeKind, updateContactBody } from '../../../areas/contact/contact.contract.ts';
import { SubmitButton } from '../../ui/buttons.tsx';
import { ErrorSummary } from '../../ui/error-summary.tsx';
import { SelectField, TextAreaField, TextField } from '../../ui/fields.tsx';
import { useForm } from '../../ui/use-form.ts';
import { useVersionConflict } from '../admin/conflict-notice.tsx';
import { ParticipantsField } from '../journal/participants-field.tsx';
import { type Contact, type ContactContent, contactsApi } from './contacts-api.ts';

type Values = Required<Omit<ContactContent, 'plannedTime'>> & { plannedTime: string | null };

const valuesOf = (contact: Contact): Values => ({
  kind: contact.kind,
  plannedOn: contact.plannedOn,
  plannedTime: contact.plannedTime,
  durationMinutes: contact.durationMinutes,
  placeKind: contact.placeKind,
  placeText: contact.placeText,
  participants: contact.participants,
  purpose: contact.purpose,
});

/**
 * Planning a contact, or changing one still planned: what kind, when (the agency's day and time;
 * the time may wait), how long, where, who is to take part and what for. The address stays in the
 * app: the calendar feed tells only the kind of place.
 */
export function ContactForm({
  caseId,
  contact,
  staff,
  me,
  today,
  onSaved,
  onClose,
}: {
  caseId: string;
  /** The planned contact to change; null to plan a new one. */
  contact: Contact | null;
  /** The case's staff, who may take part. */
  staff: { id: string; name: string }[];
  me: { id: string; name: string };
  today: string;
  onSaved: (contact: Contact) => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const form = useForm(contact ? `contact-${contact.id}` : 'contact-new');
  const conflict = useVersionConflict();
  const [values, setValues] = useState<Values>(
    contact
      ? valuesOf(contact)
      : {
          kind: 'home_visit',
          plannedOn: today,
          plannedTime: null,
          durationMinutes: 60,
          placeKind: 'home',
          placeText: '',
          participants: [
            { kind: 'person', refId: null, name: '' },
            { kind: 'staff', refId: me.id, name: me.name },
          ],
          purpose: '',
        },
  );
  const set = <K extends keyof Values>(key: K, value: Values[K]) => setValues((v) => ({ ...v, [key]: value }));
  const people = staff.some((s) => s.id === me.id) ? staff : [me, ...staff];
  const labels = {
    kind: t('contacts.field.kind'),
    plannedOn: t('contacts.field.plannedOn'),
    plannedTime: t('contacts.field.plannedTime'),
    durationMinutes: t('contacts.field.durationMinutes'),
    placeKind: t('contacts.field.placeKind'),
    placeText: t('contacts.field.placeText'),
    participants: t('contacts.field.participants'),
    purpose: t('contacts.field.purpose'),
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (contact) {
      const body = form.check(updateContactBody, { ...values, version: contact.version });
      if (!body) return;
      void form.submit(() => conflict.guard(async () => onSaved(await contactsApi.update(contact.id, body))));
    } else {
      const body = form.check(createContactBody, values);
      if (!body) return;
      void form.submit(async () => onSaved(await contactsApi.create(caseId, body)));
    }
  };

  return (
    <form noValidate onSubmit={onSubmit} className="form form--wide contact-form" aria-labelledby={form.id('heading')}>
      <h2 id={form.id('heading')} tabIndex={-1}>
        {contact ? t('contacts.changeTitle') : t('contacts.newTitle')}
      </h2>
      <ErrorSummary form={form} labels={labels} />
      {conflict.notice}
      <div className="contact-form__row">
        <SelectField
          {...form.field('kind')}
          label={labels.kind}
          value={values.kind}
          onChange={(e) => set('kind', e.target.value as Values['kind'])}
        >
          {contactKind.options.map((kind) => (
            <option key={kind} value={kind}>
              {t(`contacts.kind.${kind}`)}
            </option>
          ))}
        </SelectField>
        <TextField
          {...form.field('plannedOn')}
          label={labels.plannedOn}
          type="date"
          value={values.plannedOn}
          onChange={(e) => set('plannedOn', e.target.value)}
        />
        <TextField
          {...form.field('plannedTime')}
          label={labels.plannedTime}
          hint={t('contacts.field.plannedTimeHint')}
          type="time"
          value={values.plannedTime ?? ''}
          onChange={(e) => set('plannedTime', e.target.value || null)}
        />
        <TextField
          {...form.field('durationMinutes')}
          label={labels.durationMinutes}
          type="number"
          inputMode="numeric"
          min={5}
          max={720}
          step={5}
          value={Number.isNaN(values.durationMinutes) ? '' : values.durationMinutes}
          onChange={(e) => set('durationMinutes', e.target.valueAsNumber)}
        />
      </div>
      <div className="contact-form__row">
        <SelectField
          {...form.field('placeKind')}
          label={labels.placeKind}
          value={values.placeKind}
          onChange={(e) => set('placeKind', e.target.value as Values['placeKind'])}
        >
          {placeKind.options.map((kind) => (
            <option key={kind} value={kind}>
              {t(`contacts.place.${kind}`)}
            </option>
          ))}
        </SelectField>
        <TextField
          {...form.field('placeText')}
          label={labels.placeText}
          hint={t('contacts.field.placeTextHint')}
          value={values.placeText}
          onChange={(e) => set('placeText', e.target.value)}
        />
      </div>
      <ParticipantsField
        form={form}
        legend={labels.participants}
        staff={people}
        participants={values.participants}
        onChange={(next) => set('participants', next)}
        addLabel={t('contacts.addParticipant')}
      />
      <TextAreaField
        {...form.field('purpose')}
        label={labels.purpose}
        value={values.purpose}
        onChange={(e) => set('purpose', e.target.value)}
      />
      <div className="button-row">
        <SubmitButton submitting={form.submitting}>{contact ? t('contacts.save') : t('contacts.plan')}</SubmitButton>
        <button type="button" className="button button--secondary" onClick={onClose}>
          {t('contacts.close')}
        </button>
      </div>
    </form>
  );
}
