import { useTranslation } from 'react-i18next';
import { Page } from '../../ui/page.tsx';
import { AccountSecuritySection } from './account-security.tsx';
import { MfaSection } from './mfa-section.tsx';
import { PasswordForm } from './password-form.tsx';
import { ProfileForm } from './profile-form.tsx';

export function AccountPage() {
  const { t } = useTranslation();
  return (
    <Page title={t('account.title')}>
      <ProfileForm />
      <PasswordForm />
      <MfaSection />
      <AccountSecuritySection />
    </Page>
  );
}
