import { useTranslation } from 'react-i18next';
import { Link, Outlet } from 'react-router';
import { MAIN_ID, SkipLink } from '../../ui/skip-link.tsx';
import { AlertsLink } from './alerts-link.tsx';
import { MainNav } from './main-nav.tsx';
import { UserMenu } from './user-menu.tsx';

/** The signed-in frame: skip link, header with the user menu, navigation, main content. */
export function AppShell() {
  const { t } = useTranslation();
  return (
    <>
      <SkipLink />
      <header className="site-header">
        <div className="site-header__inner">
          <Link to="/" className="brand">
            {t('app.name')}
          </Link>
          <div className="site-header__tools">
            <AlertsLink />
            <UserMenu />
          </div>
        </div>
      </header>
      <div className="layout">
        <MainNav />
        <main id={MAIN_ID} tabIndex={-1} className="layout__main">
          <Outlet />
        </main>
      </div>
    </>
  );
}
