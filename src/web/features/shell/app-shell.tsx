import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useLocation } from 'react-router';
import { LoadingScreen } from '../../session/guards.tsx';
import { PageBoundary } from '../../ui/lazy-page.tsx';
import { MAIN_ID, SkipLink } from '../../ui/skip-link.tsx';
import { AlertsLink } from './alerts-link.tsx';
import { MainNav } from './main-nav.tsx';
import { MenuButton } from './menu-button.tsx';
import { UserMenu } from './user-menu.tsx';

const NAV_ID = 'main-nav';

/**
 * The signed-in frame: skip link, header with the user menu, navigation, main content. On a narrow
 * screen the navigation hides behind the header's menu button; it closes again on the next page.
 */
export function AppShell() {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  // The page the menu was opened on: on any other page it is closed.
  const [openOn, setOpenOn] = useState<string | null>(null);
  const menuOpen = openOn === pathname;
  const menuButton = useRef<HTMLButtonElement>(null);
  const closeMenu = (returnFocus: boolean) => {
    setOpenOn(null);
    if (returnFocus) menuButton.current?.focus();
  };
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
            <MenuButton
              ref={menuButton}
              controls={NAV_ID}
              open={menuOpen}
              onToggle={() => setOpenOn(menuOpen ? null : pathname)}
              onEscape={() => closeMenu(true)}
            />
          </div>
        </div>
      </header>
      <div className="layout">
        <MainNav id={NAV_ID} open={menuOpen} onEscape={() => closeMenu(true)} onFollow={() => closeMenu(false)} />
        <main id={MAIN_ID} tabIndex={-1} className="layout__main">
          <PageBoundary fallback={<LoadingScreen />}>
            <Outlet />
          </PageBoundary>
        </main>
      </div>
    </>
  );
}
