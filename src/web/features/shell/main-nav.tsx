import { useTranslation } from 'react-i18next';
import { NavLink } from 'react-router';
import { useSignedInSession } from '../../session/session-context.tsx';

interface NavItem {
  to: string;
  label: string;
}

function NavGroup({ id, title, items }: { id: string; title: string; items: NavItem[] }) {
  return (
    <li className="main-nav__group">
      <span id={id} className="main-nav__group-title">
        {title}
      </span>
      <ul aria-labelledby={id}>
        {items.map((item) => (
          <li key={item.to}>
            <NavLink to={item.to} end className="main-nav__link">
              {item.label}
            </NavLink>
          </li>
        ))}
      </ul>
    </li>
  );
}

/** The main navigation; the groups shown depend on the user's roles. */
export function MainNav() {
  const { t } = useTranslation();
  const { user } = useSignedInSession();
  const isAdministrator = user.roles.includes('administrator');
  const isAuditor = user.roles.includes('auditor');
  const caseRoles = ['intake_worker', 'case_worker', 'supervisor', 'agency_head'] as const;
  const isCaseRole = caseRoles.some((role) => user.roles.includes(role));
  const canCreateRequest = (['intake_worker', 'case_worker', 'supervisor'] as const).some((role) => user.roles.includes(role));
  const isSupervisor = user.roles.includes('supervisor') || user.roles.includes('agency_head');
  const workItems: NavItem[] = [
    { to: '/today', label: t('nav.today') },
    { to: '/intake', label: t('nav.intakeQueue') },
    ...(canCreateRequest ? [{ to: '/intake/new', label: t('nav.newRequest') }] : []),
    { to: '/search', label: t('nav.search') },
    { to: '/caseload', label: t('nav.caseload') },
    ...(isSupervisor ? [{ to: '/unit', label: t('nav.unit') }] : []),
    // The agency head approves second-factor resets; administrators find them under administration.
    ...(user.roles.includes('agency_head') && !isAdministrator ? [{ to: '/mfa-resets', label: t('nav.mfaResets') }] : []),
  ];
  return (
    <nav aria-label={t('nav.label')} className="main-nav">
      <ul>
        <li>
          <NavLink to="/" end className="main-nav__link">
            {t('nav.home')}
          </NavLink>
        </li>
        {isCaseRole && <NavGroup id="nav-work" title={t('nav.work')} items={workItems} />}
        {isAdministrator && (
          <NavGroup
            id="nav-administration"
            title={t('nav.administration')}
            items={[
              { to: '/admin/agency', label: t('nav.agency') },
              { to: '/admin/units', label: t('nav.units') },
              { to: '/admin/staff', label: t('nav.staff') },
              { to: '/mfa-resets', label: t('nav.mfaResets') },
              { to: '/admin/partners', label: t('nav.partners') },
              { to: '/admin/agreement-templates', label: t('nav.agreementTemplates') },
              { to: '/admin/questionnaires', label: t('questionnaires.navLink') },
            ]}
          />
        )}
        {isAuditor && (
          <NavGroup
            id="nav-audit"
            title={t('nav.audit')}
            items={[
              { to: '/audit/access', label: t('nav.accessLog') },
              { to: '/audit/verify', label: t('nav.chainCheck') },
            ]}
          />
        )}
      </ul>
    </nav>
  );
}
