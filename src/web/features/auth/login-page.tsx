import { useTranslation } from 'react-i18next';
import { Navigate, useLocation } from 'react-router';
import { LoadingScreen } from '../../session/guards.tsx';
import { useSession } from '../../session/session-context.tsx';
import { Notice } from '../../ui/notice.tsx';
import { PublicLayout } from '../shell/public-layout.tsx';
import { MfaCodeStep } from './mfa-code-step.tsx';
import { MfaEnrolmentStep } from './mfa-enrolment-step.tsx';
import { NewPasswordStep } from './new-password-step.tsx';
import { PasswordStep } from './password-step.tsx';

interface LoginLocationState {
  from?: string;
  notice?: 'setup_done';
}

function safeReturnPath(from: string | undefined): string {
  return from?.startsWith('/') && !from.startsWith('//') && !from.startsWith('/login') ? from : '/';
}

/** /login: password, then the code, a new password or the enrolment the session asks for; then back where the user was going. */
export function LoginPage() {
  const { t } = useTranslation();
  const { session, loading, signedOutReason } = useSession();
  const state = (useLocation().state ?? {}) as LoginLocationState;

  if (loading) return <LoadingScreen />;
  if (session?.state === 'complete') return <Navigate to={safeReturnPath(state.from)} replace />;

  return (
    <PublicLayout>
      {signedOutReason === 'session_ended' && <Notice kind="info">{t('login.sessionEnded')}</Notice>}
      {signedOutReason === 'signed_out' && <Notice kind="info">{t('login.signedOut')}</Notice>}
      {state.notice === 'setup_done' && <Notice kind="success">{t('setup.done')}</Notice>}
      {session?.state === 'mfa_required' ? (
        <MfaCodeStep />
      ) : session?.state === 'password_change_required' ? (
        <NewPasswordStep />
      ) : session?.state === 'mfa_enrolment_required' ? (
        <MfaEnrolmentStep />
      ) : (
        <PasswordStep />
      )}
    </PublicLayout>
  );
}
