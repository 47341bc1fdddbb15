import { type ReactNode, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, Outlet, useLocation } from 'react-router';
import type { Permission } from '../../core/roles.contract.ts';
import { loadWholeCatalog, wholeCatalogLoaded } from '../i18n.ts';
import { Page } from '../ui/page.tsx';
import { PageSkeleton } from '../ui/skeleton.tsx';
import { useSession } from './session-context.tsx';

/** While the session or a page's code comes: the page's shape, announced as loading. */
export function LoadingScreen() {
  return <PageSkeleton />;
}

/** True once the whole message catalog is there; starts loading it when asked for while it is not. */
function useWholeCatalog(wanted: boolean): boolean {
  const [ready, setReady] = useState(wholeCatalogLoaded);
  useEffect(() => {
    if (!wanted || ready) return;
    let current = true;
    void loadWholeCatalog().then(() => {
      if (current) setReady(true);
    });
    return () => {
      current = false;
    };
  }, [wanted, ready]);
  return ready;
}

/** Renders the nested routes only for a fully signed-in session (MFA done); otherwise goes to /login. */
export function RequireSession({ children }: { children?: ReactNode }) {
  const { session, loading, signedOutReason } = useSession();
  const location = useLocation();
  const catalogReady = useWholeCatalog(session?.state === 'complete');
  if (loading || (session?.state === 'complete' && !catalogReady)) return <LoadingScreen />;
  if (session?.state !== 'complete') {
    // After a deliberate sign-out the next person starts at home, not on the page the last one left.
    const state = signedOutReason === 'signed_out' ? null : { from: `${location.pathname}${location.search}` };
    return <Navigate to="/login" replace state={state} />;
  }
  return children ?? <Outlet />;
}

/**
 * Shows the nested routes to a session with the permission (the one the page's main read or change
 * needs on the server), a "no access" page to everyone else.
 */
export function RequirePermission({ permission }: { permission: Permission }) {
  const { session } = useSession();
  const { t } = useTranslation();
  if (!session?.permissions.includes(permission)) {
    return (
      <Page title={t('forbidden.title')}>
        <p>{t('forbidden.body')}</p>
      </Page>
    );
  }
  return <Outlet />;
}
