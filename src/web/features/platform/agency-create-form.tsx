import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { createAgencyBody } from '../../../areas/platform/platform.contract.ts';
import { formatDateTime } from '../../format.ts';
import type { LocaleCode } from '../../i18n.ts';
import { useSignedInSession } from '../../session/session-context.tsx';
import { SubmitButton } from '../../ui/buttons.tsx';
import { ErrorSummary } from '../../ui/error-summary.tsx';
import { CheckboxGroup, SelectField, TextField } from '../../ui/fields.tsx';
import { useLocale } from '../../ui/locale.ts';
import { StatusMessage } from '../../ui/notice.tsx';
import { useForm } from '../../ui/use-form.ts';
import { timeZones } from '../admin/agency-page.tsx';
import { useLocaleOptions } from '../admin/options.ts';
import { type CreatedAgency, platformApi } from './platform-api.ts';

/** The first administrator's temporary password, this one time, with a button that copies it. */
function TemporaryPasswordShown({ created, displayName }: { created: CreatedAgency; displayName: string }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const box = useRef<HTMLDivElement>(null);
  const [copied, setCopied] = useState<string | null>(null);
  useEffect(() => box.current?.focus(), []);

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(created.administrator.temporaryPassword);
      setCopied(t('agencies.created.copied'));
    } catch {
      setCopied(t('agencies.created.copyFailed'));
    }
  };

  return (
    <div ref={box} tabIndex={-1} className="notice notice--success temporary-password">
      <p>{t('agencies.created.done', { agency: created.agency.name, name: displayName, email: created.administrator.email })}</p>
      <p className="temporary-password__line">
        <span>{t('agencies.created.temporaryLabel')}</span>{' '}
        <code id="agency-temporary-password" className="temporary-password__value">
          {created.administrator.temporaryPassword}
        </code>
      </p>
      <div className="button-row">
        <button type="button" className="button button--secondary button--small" onClick={() => void copy()}>
          {t('agencies.created.copy')}
        </button>
      </div>
      <StatusMessage message={copied} />
      <p>{t('agencies.created.passOn', { name: displayName, expires: formatDateTime(created.administrator.expiresAt, locale) })}</p>
    </div>
  );
}

/**
 * Creates an agency with its first administrator. Tillit makes the administrator a temporary
 * password, shown here once; they must replace it when they first sign in. No draft is kept: the
 * form is short, and the staff forms keep none either.
 */
export function AgencyCreateForm({ onCreated }: { onCreated: (created: CreatedAgency) => void }) {
  const { t } = useTranslation();
  const form = useForm('agency-new');
  const localeOptions = useLocaleOptions();
  const { agencyTimeZone } = useSignedInSession();
  const uiLocale = useLocale();
  const [name, setName] = useState('');
  const [caseNumberPrefix, setCaseNumberPrefix] = useState('');
  const [timeZone, setTimeZone] = useState(agencyTimeZone);
  const [languages, setLanguages] = useState<LocaleCode[]>([uiLocale]);
  const [displayName, setDisplayName] = useState('');
  const [email, setEmail] = useState('');
  const [locale, setLocale] = useState<LocaleCode>(uiLocale);
  const [created, setCreated] = useState<{ result: CreatedAgency; displayName: string } | null>(null);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setCreated(null);
    const body = form.check(
      createAgencyBody,
      { name, caseNumberPrefix, timeZone, languages, administrator: { email, displayName, locale } },
      { caseNumberPrefix: 'validation.caseNumberPrefix' },
    );
    if (!body) return;
    void form.submit(async () => {
      const result = await platformApi.createAgency(body);
      setCreated({ result, displayName: body.administrator.displayName });
      onCreated(result);
      setName('');
      setCaseNumberPrefix('');
      setDisplayName('');
      setEmail('');
    });
  };

  const labels = {
    name: t('agencies.name'),
    caseNumberPrefix: t('agencies.caseNumberPrefix'),
    timeZone: t('agencies.timeZone'),
    languages: t('agencies.languages'),
    'administrator.displayName': t('agencies.administratorName'),
    'administrator.email': t('agencies.administratorEmail'),
    'administrator.locale': t('agencies.administratorLocale'),
  };
  return (
    <>
      {created && <TemporaryPasswordShown created={created.result} displayName={created.displayName} />}
      <ErrorSummary form={form} labels={labels} />
      <form noValidate onSubmit={onSubmit} className="form">
        <TextField
          {...form.field('name')}
          label={labels.name}
          autoComplete="off"
          value={name}
          onChange={(e) => setName(e.target.value)}
          required
        />
        <TextField
          {...form.field('caseNumberPrefix')}
          label={labels.caseNumberPrefix}
          hint={t('agency.caseNumberPrefixHint')}
          autoComplete="off"
          value={caseNumberPrefix}
          onChange={(e) => setCaseNumberPrefix(e.target.value.toUpperCase())}
          maxLength={8}
          className="field--short"
          required
        />
        <SelectField
          {...form.field('timeZone')}
          label={labels.timeZone}
          hint={t('agencies.timeZoneHint')}
          value={timeZone}
          onChange={(e) => setTimeZone(e.target.value)}
        >
          {timeZones(timeZone).map((zone) => (
            <option key={zone} value={zone}>
              {zone}
            </option>
          ))}
        </SelectField>
        <CheckboxGroup
          {...form.field('languages')}
          label={labels.languages}
          options={localeOptions}
          selected={languages}
          onChange={setLanguages}
        />
        <fieldset className="fieldset">
          <legend>{t('agencies.administratorTitle')}</legend>
          <p className="field__hint">{t('agencies.administratorHint')}</p>
          <TextField
            {...form.field('administrator.displayName')}
            label={labels['administrator.displayName']}
            autoComplete="off"
            value={displayName}
            onChange={(e) => setDisplayName(e.target.value)}
            required
          />
          <TextField
            {...form.field('administrator.email')}
            label={labels['administrator.email']}
            type="email"
            autoComplete="off"
            value={email}
            onChange={(e) => setEmail(e.target.value)}
            required
          />
          <SelectField
            {...form.field('administrator.locale')}
            label={labels['administrator.locale']}
            value={locale}
            onChange={(e) => setLocale(e.target.value as LocaleCode)}
          >
            {localeOptions.map((option) => (
              <option key={option.value} value={option.value} lang={option.lang}>
                {option.label}
              </option>
            ))}
          </SelectField>
        </fieldset>
        <SubmitButton submitting={form.submitting}>{t('agencies.create')}</SubmitButton>
      </form>
    </>
  );
}
