import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, Outlet, useLocation } from 'react-router';
import type { Role } from '../../core/roles.contract.ts';
import { Page } from '../ui/page.tsx';
import { useSession } from './session-context.tsx';

export function LoadingScreen() {
  const { t } = useTranslation();
  return (
    <p className="loading" role="status">
      {t('common.loading')}
    </p>
  );
}

/** Renders the nested routes only for a fully signed-in session (MFA done); otherwise goes to /login. */
export function RequireSession({ children }: { children?: ReactNode }) {
  const { session, loading, signedOutReason } = useSession();
  const location = useLocation();
  if (loading) return <LoadingScreen />;
  if (session?.state !== 'complete') {
    // After a deliberate sign-out the next person starts at home, not on the page the last one left.
    const state = signedOutReason === 'signed_out' ? null : { from: `${location.pathname}${location.search}` };
    return <Navigate to="/login" replace state={state} />;
  }
  return children ?? <Outlet />;
}

/** Shows the nested routes to holders of the role, a "no access" page to everyone else. */
export function RequireRole({ role }: { role: Role }) {
  const { session } = useSession();
  const { t } = useTranslation();
  if (!session?.user.roles.includes(role)) {
    return (
      <Page title={t('forbidden.title')}>
        <p>{t('forbidden.body')}</p>
      </Page>
    );
  }
  return <Outlet />;
}

/** Like RequireRole, for pages that any of several roles may use. */
export function RequireAnyRole({ roles }: { roles: readonly Role[] }) {
  const { session } = useSession();
  const { t } = useTranslation();
  if (!roles.some((role) => session?.user.roles.includes(role))) {
    return (
      <Page title={t('forbidden.title')}>
        <p>{t('forbidden.body')}</p>
      </Page>
    );
  }
  return <Outlet />;
}
