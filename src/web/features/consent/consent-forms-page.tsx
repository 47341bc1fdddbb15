import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { putConsentFormBody } from '../../../areas/consent/consent.contract.ts';
import { type LocaleCode, supportedLocales } from '../../i18n.ts';
import { SubmitButton } from '../../ui/buttons.tsx';
import { ErrorSummary } from '../../ui/error-summary.tsx';
import { SelectField, TextAreaField } from '../../ui/fields.tsx';
import { Page } from '../../ui/page.tsx';
import { SavedMessage } from '../../ui/saved-message.tsx';
import { StatusTag } from '../../ui/status-tag.tsx';
import { useForm } from '../../ui/use-form.ts';
import { useVersionConflict } from '../admin/conflict-notice.tsx';
import { LoadStatus } from '../work/load-status.tsx';
import { useLoad } from '../work/use-load.ts';
import { type ConsentFormText, consentApi } from './consent-api.ts';
import { KINDS } from './consent-options.ts';

type Kind = (typeof KINDS)[number];

/**
 * /admin/consent-forms – the texts people are shown and sign for each kind of consent, per
 * language: the shipped text until an administrator writes the agency's own.
 */
export function ConsentFormsPage() {
  const { t } = useTranslation();
  const [kind, setKind] = useState<Kind>('health_disclosure');
  const [language, setLanguage] = useState<LocaleCode>('en');
  const loaded = useLoad(() => consentApi.forms({ kind, language }), `consent-form:${kind}:${language}`);
  const current = loaded.data?.items[0];
  const [saved, setSaved] = useState<string | null>(null);
  return (
    <Page title={t('consent.forms.title')}>
      <p>{t('consent.forms.intro')}</p>
      <div className="form">
        <SelectField
          id="consent-forms-kind"
          label={t('consent.form.kind')}
          value={kind}
          onChange={(e) => {
            setSaved(null);
            setKind(e.target.value as Kind);
          }}
        >
          {KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`consent.kind.${k}`)}
            </option>
          ))}
        </SelectField>
        <SelectField
          id="consent-forms-language"
          label={t('consent.forms.language')}
          value={language}
          onChange={(e) => {
            setSaved(null);
            setLanguage(e.target.value as LocaleCode);
          }}
        >
          {supportedLocales.map((code) => (
            <option key={code} value={code} lang={code}>
              {t(`languageName.${code}`)}
            </option>
          ))}
        </SelectField>
      </div>
      <LoadStatus loaded={loaded} />
      {current && (
        <FormText
          key={`${current.kind}:${current.language}:${current.version ?? 0}`}
          current={current}
          saved={saved}
          onSaved={(result) => {
            loaded.set({ items: [result] });
            setSaved(t('consent.forms.saved', { version: result.version }));
          }}
        />
      )}
    </Page>
  );
}

function FormText({
  current,
  saved,
  onSaved,
}: {
  current: ConsentFormText;
  saved: string | null;
  onSaved: (result: ConsentFormText) => void;
}) {
  const { t } = useTranslation();
  const form = useForm('consent-form-text');
  const conflict = useVersionConflict();
  const [text, setText] = useState(current.text);
  const labels = {
    text: t('consent.forms.text', { kind: t(`consent.kind.${current.kind}`), language: t(`languageName.${current.language}`) }),
  };
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const body = form.check(putConsentFormBody, { text, ...(current.version ? { version: current.version } : {}) });
    if (!body) return;
    void form.submit(async () => {
      onSaved(await conflict.guard(() => consentApi.saveForm(current.kind, current.language, body)));
    });
  };
  return (
    <section aria-labelledby="consent-form-text" className="panel">
      <h2 id="consent-form-text">
        {t(`consent.kind.${current.kind}`)} – {t(`languageName.${current.language}`)}{' '}
        {current.version ? (
          <StatusTag kind="active">{t('consent.forms.own', { version: current.version })}</StatusTag>
        ) : (
          <StatusTag kind="info">{t('consent.forms.shipped')}</StatusTag>
        )}
      </h2>
      <ErrorSummary form={form} labels={labels} />
      {conflict.notice}
      <form noValidate onSubmit={onSubmit} className="form form--wide">
        <TextAreaField
          {...form.field('text')}
          label={labels.text}
          hint={t('consent.forms.textHint')}
          lang={current.language}
          value={text}
          onChange={(e) => setText(e.target.value)}
          rows={10}
          maxLength={20_000}
          required
        />
        <SubmitButton submitting={form.submitting}>{t('consent.forms.save')}</SubmitButton>
        <SavedMessage text={saved} focus />
      </form>
    </section>
  );
}
