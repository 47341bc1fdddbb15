/** Home sections that point the way: the partner's inbox, the auditor's tools, the platform's agencies. */
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

/** A partner organisation's inbox: empty until referral vouchers reach partners. */
export function AuditSection() {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="home-audit" className="panel">
      <h2 id="home-audit">{t('home.audit.title')}</h2>
      <p>{t('home.audit.intro')}</p>
      <ul className="link-list">
        <li>
          <Link to="/audit/access" className="standalone-link">
            {t('nav.accessLog')}
          </Link>
          <p>{t('home.audit.accessLog')}</p>
        </li>
        <li>
          <Link to="/audit/emergency" className="standalone-link">
            {t('nav.emergencyAccesses')}
          </Link>
          <p>{t('home.audit.emergencyAccesses')}</p>
        </li>
        <li>
          <Link to="/audit/verify" className="standalone-link">
            {t('nav.chainCheck')}
          </Link>
          <p>{t('home.audit.chainCheck')}</p>
        </li>
      </ul>
    </section>
  );
}

export function PlatformSection() {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="home-platform" className="panel">
      <h2 id="home-platform">{t('home.platform.title')}</h2>
      <p>{t('home.platform.intro')}</p>
      <Link to="/platform/agencies" className="button button--primary">
        {t('home.platform.link')}
      </Link>
    </section>
  );
}
