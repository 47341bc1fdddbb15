import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { LanguageSelect } from '../../ui/language-select.tsx';
import { MAIN_ID, SkipLink } from '../../ui/skip-link.tsx';

/** Layout for pages seen before sign-in: product name, language switcher, one narrow column. */
export function PublicLayout({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <>
      <SkipLink />
      <header className="site-header">
        <div className="site-header__inner">
          <p className="brand">{t('app.name')}</p>
          <LanguageSelect />
        </div>
      </header>
      <main id={MAIN_ID} tabIndex={-1} className="public-main">
        {children}
      </main>
    </>
  );
}
