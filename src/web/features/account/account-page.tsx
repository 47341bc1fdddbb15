import { useTranslation } from 'react-i18next';
import { keepsContacts } from '../../../areas/contact/contact.rules.ts';
import { useSignedInSession } from '../../session/session-context.tsx';
import { Page } from '../../ui/page.tsx';
import { CalendarFeedSection } from '../contacts/calendar-feed-section.tsx';
import { AccountSecuritySection } from './account-security.tsx';
import { MfaSection } from './mfa-section.tsx';
import { PasswordForm } from './password-form.tsx';
import { ProfileForm } from './profile-form.tsx';

export function AccountPage() {
  const { t } = useTranslation();
  const { user, permissions } = useSignedInSession();
  return (
    <Page title={t('account.title')}>
      <ProfileForm />
      <PasswordForm />
      <MfaSection />
      <AccountSecuritySection />
      {keepsContacts(user.roles) && permissions.includes('casework.read') && <CalendarFeedSection />}
    </Page>
  );
}
