import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { cancelContactBody, cancelledBy, missContactBody } from '../../../areas/contact/contact.contract.ts';
import { SubmitButton } from '../../ui/buttons.tsx';
import { ErrorSummary } from '../../ui/error-summary.tsx';
import { SelectField, TextAreaField, TextField } from '../../ui/fields.tsx';
import { useForm } from '../../ui/use-form.ts';
import { useVersionConflict } from '../admin/conflict-notice.tsx';
import { type Contact, contactsApi } from './contacts-api.ts';

/** The person did not come: the no-show follow-up – what will be done and by when – is required; Today shows it on that day. */
export function MissForm({ contact, onSaved, onClose }: { contact: Contact; onSaved: (c: Contact) => void; onClose: () => void }) {
  const { t } = useTranslation();
  const form = useForm(`miss-${contact.id}`);
  const conflict = useVersionConflict();
  const [followUp, setFollowUp] = useState('');
  const [followUpOn, setFollowUpOn] = useState('');
  const labels = { followUp: t('contacts.noShow.followUp'), followUpOn: t('contacts.noShow.followUpOn') };
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const body = form.check(missContactBody, { version: contact.version, followUp, followUpOn });
    if (!body) return;
    void form.submit(() => conflict.guard(async () => onSaved(await contactsApi.miss(contact.id, body))));
  };
  return (
    <form noValidate onSubmit={onSubmit} className="form contact-outcome" aria-labelledby={form.id('heading')}>
      <h4 id={form.id('heading')}>{t('contacts.noShow.title')}</h4>
      <ErrorSummary form={form} labels={labels} />
      {conflict.notice}
      <TextAreaField
        {...form.field('followUp')}
        label={labels.followUp}
        hint={t('contacts.noShow.followUpHint')}
        value={followUp}
        autoFocus
        onChange={(e) => setFollowUp(e.target.value)}
      />
      <TextField
        {...form.field('followUpOn')}
        label={labels.followUpOn}
        hint={t('contacts.noShow.followUpOnHint')}
        type="date"
        min={contact.plannedOn}
        value={followUpOn}
        onChange={(e) => setFollowUpOn(e.target.value)}
      />
      <div className="button-row">
        <SubmitButton submitting={form.submitting}>{t('contacts.noShow.record')}</SubmitButton>
        <button type="button" className="button button--secondary" onClick={onClose}>
          {t('contacts.close')}
        </button>
      </div>
    </form>
  );
}

/** Called off: by whom, and why. */
export function CancelForm({ contact, onSaved, onClose }: { contact: Contact; onSaved: (c: Contact) => void; onClose: () => void }) {
  const { t } = useTranslation();
  const form = useForm(`cancel-${contact.id}`);
  const conflict = useVersionConflict();
  const [by, setBy] = useState<(typeof cancelledBy.options)[number]>('person');
  const [reason, setReason] = useState('');
  const labels = { cancelledBy: t('contacts.cancellation.by'), reason: t('contacts.cancellation.reason') };
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const body = form.check(cancelContactBody, { version: contact.version, cancelledBy: by, reason });
    if (!body) return;
    void form.submit(() => conflict.guard(async () => onSaved(await contactsApi.cancel(contact.id, body))));
  };
  return (
    <form noValidate onSubmit={onSubmit} className="form contact-outcome" aria-labelledby={form.id('heading')}>
      <h4 id={form.id('heading')}>{t('contacts.cancellation.title')}</h4>
      <ErrorSummary form={form} labels={labels} />
      {conflict.notice}
      <SelectField
        {...form.field('cancelledBy')}
        label={labels.cancelledBy}
        value={by}
        autoFocus
        onChange={(e) => setBy(e.target.value as typeof by)}
      >
        {cancelledBy.options.map((who) => (
          <option key={who} value={who}>
            {t(`contacts.cancelledBy.${who}`)}
          </option>
        ))}
      </SelectField>
      <TextAreaField {...form.field('reason')} label={labels.reason} value={reason} onChange={(e) => setReason(e.target.value)} />
      <div className="button-row">
        <SubmitButton submitting={form.submitting} variant="danger">
          {t('contacts.cancellation.record')}
        </SubmitButton>
        <button type="button" className="button button--secondary" onClick={onClose}>
          {t('contacts.cancellation.keep')}
        </button>
      </div>
    </form>
  );
}
