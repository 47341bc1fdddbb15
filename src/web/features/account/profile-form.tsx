import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { updateMeBody } from '../../../areas/auth/auth.contract.ts';
import { changeLocale, type LocaleCode, supportedLocales } from '../../i18n.ts';
import { useSession, useSignedInSession } from '../../session/session-context.tsx';
import { SubmitButton } from '../../ui/buttons.tsx';
import { ErrorSummary } from '../../ui/error-summary.tsx';
import { CheckboxField, SelectField, TextField } from '../../ui/fields.tsx';
import { StatusMessage } from '../../ui/notice.tsx';
import { useForm } from '../../ui/use-form.ts';
import { meApi } from './account-api.ts';

export function ProfileForm() {
  const { t } = useTranslation();
  const { user } = useSignedInSession();
  const { refresh } = useSession();
  const form = useForm('profile');
  const [displayName, setDisplayName] = useState(user.displayName);
  const [locale, setLocale] = useState<LocaleCode>(user.locale);
  const [notifyByEmail, setNotifyByEmail] = useState(user.notifyByEmail);
  const [saved, setSaved] = useState<string | null>(null);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setSaved(null);
    const body = form.check(updateMeBody, { displayName, locale, notifyByEmail });
    if (!body) return;
    void form.submit(async () => {
      await meApi.update(body);
      await changeLocale(locale);
      await refresh();
      setSaved(t('account.profile.saved'));
    });
  };

  const labels = { displayName: t('account.profile.displayName'), locale: t('account.profile.locale') };
  return (
    <section aria-labelledby="profile-heading" className="panel">
      <h2 id="profile-heading">{t('account.profile.title')}</h2>
      <StatusMessage message={saved} />
      <ErrorSummary form={form} labels={labels} />
      <form noValidate onSubmit={onSubmit} className="form">
        <TextField
          {...form.field('displayName')}
          label={labels.displayName}
          autoComplete="name"
          value={displayName}
          onChange={(event) => setDisplayName(event.target.value)}
          required
        />
        <SelectField
          {...form.field('locale')}
          label={labels.locale}
          hint={t('account.profile.localeHint')}
          value={locale}
          onChange={(event) => setLocale(event.target.value as LocaleCode)}
        >
          {supportedLocales.map((code) => (
            <option key={code} value={code} lang={code}>
              {t(`languageName.${code}`)}
            </option>
          ))}
        </SelectField>
        <CheckboxField
          id={form.id('notifyByEmail')}
          label={t('account.profile.notifyByEmail')}
          hint={t('account.profile.notifyByEmailHint')}
          checked={notifyByEmail}
          onChange={(event) => setNotifyByEmail(event.target.checked)}
        />
        <SubmitButton submitting={form.submitting}>{t('common.save')}</SubmitButton>
      </form>
    </section>
  );
}
