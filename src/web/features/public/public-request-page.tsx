import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { publicRequestBody } from '../../../areas/intake/intake.contract.ts';
import { SubmitButton } from '../../ui/buttons.tsx';
import { ErrorSummary } from '../../ui/error-summary.tsx';
import { CheckboxField, TextAreaField, TextField } from '../../ui/fields.tsx';
import { useLocale } from '../../ui/locale.ts';
import { Notice } from '../../ui/notice.tsx';
import { Page } from '../../ui/page.tsx';
import { useForm } from '../../ui/use-form.ts';
import { PublicLayout } from '../shell/public-layout.tsx';
import { publicApi } from './public-api.ts';
import { useTabDraft } from './use-tab-draft.ts';

const DRAFT_KEY = 'tillit.public-request';

const emptyValues = { name: '', phone: '', email: '', region: '', ownWords: '', immediateDanger: false };
type Values = typeof emptyValues;

const orNull = (text: string) => (text.trim() === '' ? null : text.trim());

/**
 * A field people never see and screen readers never announce: off-screen, aria-hidden and out of the
 * tab order. Bots that fill every field fill it, and the server then stores nothing.
 */
function Honeypot({ value, onChange }: { value: string; onChange: (value: string) => void }) {
  const { t } = useTranslation();
  return (
    <div className="off-screen" aria-hidden="true">
      <label htmlFor="public-request-website">{t('publicRequest.honeypot')}</label>
      <input
        id="public-request-website"
        name="website"
        type="text"
        tabIndex={-1}
        autoComplete="off"
        value={value}
        onChange={(e) => onChange(e.target.value)}
      />
    </div>
  );
}

/** /request: the online request form for the public – no sign-in, in the person's language, a receipt number back. */
/** An agency's own link to the form names it (`/request?agency=7`); without one the request goes to the installation's first agency. */
function agencyOfLink(): { agencyId?: number } {
  const agency = Number(new URLSearchParams(window.location.search).get('agency'));
  return Number.isInteger(agency) && agency > 0 ? { agencyId: agency } : {};
}

export function PublicRequestPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const form = useForm('public-request');
  const [values, setValues, clearDraft] = useTabDraft<Values>(DRAFT_KEY, emptyValues);
  const [website, setWebsite] = useState('');
  const [receipt, setReceipt] = useState<string | null>(null);
  const set = <K extends keyof Values>(key: K, value: Values[K]) => setValues((v) => ({ ...v, [key]: value }));

  const labels: Record<string, string> = {
    name: t('publicRequest.name'),
    phone: t('publicRequest.phone'),
    email: t('publicRequest.email'),
    region: t('publicRequest.region'),
    ownWords: t('publicRequest.ownWords'),
    immediateDanger: t('publicRequest.immediateDanger'),
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const body = form.check(
      publicRequestBody,
      {
        ...agencyOfLink(),
        language: locale,
        name: values.name,
        phone: orNull(values.phone),
        email: orNull(values.email),
        region: orNull(values.region),
        ownWords: values.ownWords,
        immediateDanger: values.immediateDanger,
        website,
      },
      { phone: 'validation.phone' },
    );
    if (!body) return;
    void form.submit(async () => {
      const sent = await publicApi.submitRequest(body);
      clearDraft();
      setReceipt(sent.receiptNumber);
    });
  };

  const text = (key: Exclude<keyof Values, 'immediateDanger'>) => ({
    ...form.field(key),
    label: labels[key]!,
    value: values[key],
    onChange: (e: { target: { value: string } }) => set(key, e.target.value),
  });

  if (receipt !== null) {
    return (
      <PublicLayout>
        <Page key="sent" title={t('publicRequest.sentTitle')}>
          <p>{t('publicRequest.receipt')}</p>
          <p className="receipt-number">{receipt}</p>
          <p>{t('publicRequest.keepReceipt')}</p>
        </Page>
      </PublicLayout>
    );
  }

  return (
    <PublicLayout>
      <Page title={t('publicRequest.title')}>
        <p>{t('publicRequest.intro')}</p>
        <Notice kind="info">{t('publicRequest.emergency')}</Notice>
        <ErrorSummary form={form} labels={labels} />
        <form noValidate onSubmit={onSubmit} className="form">
          <TextAreaField {...text('ownWords')} hint={t('publicRequest.ownWordsHint')} rows={6} required />
          <CheckboxField
            {...form.field('immediateDanger')}
            label={labels.immediateDanger!}
            checked={values.immediateDanger}
            onChange={(e) => set('immediateDanger', e.target.checked)}
          />
          <fieldset className="field fieldset">
            <legend className="field__label">{t('publicRequest.aboutYou')}</legend>
            <p className="field__hint">{t('publicRequest.aboutYouHint')}</p>
            <TextField {...text('name')} autoComplete="name" />
            <TextField {...text('phone')} type="tel" autoComplete="tel" />
            <TextField {...text('email')} type="email" autoComplete="email" />
            <TextField {...text('region')} hint={t('publicRequest.regionHint')} />
          </fieldset>
          <Honeypot value={website} onChange={setWebsite} />
          <p className="field__hint">{t('publicRequest.draftNote')}</p>
          <SubmitButton submitting={form.submitting}>{t('publicRequest.submit')}</SubmitButton>
        </form>
      </Page>
    </PublicLayout>
  );
}
