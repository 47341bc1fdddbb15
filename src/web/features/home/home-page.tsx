import { useTranslation } from 'react-i18next';
import { formatList } from '../../format.ts';
import { useSignedInSession } from '../../session/session-context.tsx';
import { useLocale } from '../../ui/locale.ts';
import { Page } from '../../ui/page.tsx';

const builtAreas = ['signIn', 'account', 'administration', 'audit', 'intake', 'cases'] as const;

export function HomePage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const { user } = useSignedInSession();
  const roles = formatList(
    user.roles.map((role) => t(`role.${role}`)),
    locale,
  );
  return (
    <Page title={t('home.title', { name: user.displayName })}>
      <p>{t('home.roles', { roles, count: user.roles.length })}</p>
      <section aria-labelledby="home-built" className="panel">
        <h2 id="home-built">{t('home.builtTitle')}</h2>
        <p>{t('home.builtIntro')}</p>
        <ul>
          {builtAreas.map((area) => (
            <li key={area}>{t(`home.built.${area}`)}</li>
          ))}
        </ul>
      </section>
    </Page>
  );
}
