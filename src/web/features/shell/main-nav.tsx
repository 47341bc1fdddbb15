import { useTranslation } from 'react-i18next';
import { NavLink } from 'react-router';
import { keepsContacts } from '../../../areas/contact/contact.rules.ts';
import type { Permission } from '../../../core/roles.contract.ts';
import { useSignedInSession } from '../../session/session-context.tsx';

interface NavItem {
  to: string;
  label: string;
}

function NavGroup({ id, title, items, onFollow }: { id: string; title: string; items: NavItem[]; onFollow: () => void }) {
  return (
    <li className="main-nav__group">
      <span id={id} className="main-nav__group-title">
        {title}
      </span>
      <ul aria-labelledby={id}>
        {items.map((item) => (
          <li key={item.to}>
            <NavLink to={item.to} end className="main-nav__link" onClick={onFollow}>
              {item.label}
            </NavLink>
          </li>
        ))}
      </ul>
    </li>
  );
}

/** Each link with the permission its page needs (the same as its route guard in app.tsx). */
type Entry = NavItem & { permission: Permission };

function allowed(entries: Entry[], permissions: readonly Permission[]): NavItem[] {
  return entries.filter((entry) => permissions.includes(entry.permission)).map(({ to, label }) => ({ to, label }));
}

interface Props {
  id: string;
  /** Shown on a narrow screen (where the menu button hides it until asked); on a wide one it always shows. */
  open: boolean;
  /** Escape pressed inside the opened navigation. */
  onEscape: () => void;
  /** A link was followed. */
  onFollow: () => void;
}

/** The main navigation: every link whose page the session's permissions open, in groups; empty groups are left out. */
export function MainNav({ id, open, onEscape, onFollow }: Props) {
  const { t } = useTranslation();
  const { permissions, user } = useSignedInSession();
  const work = allowed(
    [
      { to: '/today', label: t('nav.today'), permission: 'requests.read' },
      { to: '/intake', label: t('nav.intakeQueue'), permission: 'requests.read' },
      { to: '/intake/new', label: t('nav.newRequest'), permission: 'requests.create' },
      { to: '/search', label: t('nav.search'), permission: 'persons.read' },
      { to: '/link-requests', label: t('nav.linkRequests'), permission: 'persons.update' },
      { to: '/caseload', label: t('nav.caseload'), permission: 'cases.read' },
      { to: '/directory', label: t('nav.directory'), permission: 'partners.read' },
      { to: '/partner', label: t('nav.vouchers'), permission: 'vouchers.respond' },
      { to: '/partner/staff', label: t('nav.partnerStaff'), permission: 'partner_staff.manage' },
      // Staff who hold cases keep contacts of their own.
      ...(keepsContacts(user.roles) ? [{ to: '/week', label: t('nav.week'), permission: 'casework.read' as const }] : []),
      { to: '/unit', label: t('nav.unit'), permission: 'cases.assign' },
    ],
    permissions,
  );
  const administration = allowed(
    [
      { to: '/admin/agency', label: t('nav.agency'), permission: 'agency.manage' },
      { to: '/admin/units', label: t('nav.units'), permission: 'units.manage' },
      { to: '/admin/staff', label: t('nav.staff'), permission: 'staff.manage' },
      { to: '/mfa-resets', label: t('nav.mfaResets'), permission: 'staff.mfa_reset' },
      { to: '/admin/partners', label: t('nav.partners'), permission: 'partners.manage' },
      { to: '/admin/agreement-templates', label: t('nav.agreementTemplates'), permission: 'agency.manage' },
      { to: '/admin/consent-forms', label: t('nav.consentForms'), permission: 'agency.manage' },
      { to: '/admin/questionnaires', label: t('questionnaires.navLink'), permission: 'questionnaires.manage' },
    ],
    permissions,
  );
  const platform = allowed([{ to: '/platform/agencies', label: t('nav.agencies'), permission: 'agencies.read' }], permissions);
  const audit = allowed(
    [
      { to: '/audit/access', label: t('nav.accessLog'), permission: 'audit.read' },
      { to: '/audit/emergency', label: t('nav.emergencyAccesses'), permission: 'audit.read' },
      { to: '/audit/verify', label: t('nav.chainCheck'), permission: 'audit.read' },
    ],
    permissions,
  );
  return (
    <nav
      id={id}
      aria-label={t('nav.label')}
      className={open ? 'main-nav main-nav--open' : 'main-nav'}
      onKeyDown={(event) => {
        if (event.key === 'Escape' && open) onEscape();
      }}
    >
      <ul>
        <li>
          <NavLink to="/" end className="main-nav__link" onClick={onFollow}>
            {t('nav.home')}
          </NavLink>
        </li>
        {work.length > 0 && <NavGroup id="nav-work" title={t('nav.work')} items={work} onFollow={onFollow} />}
        {administration.length > 0 && (
          <NavGroup id="nav-administration" title={t('nav.administration')} items={administration} onFollow={onFollow} />
        )}
        {audit.length > 0 && <NavGroup id="nav-audit" title={t('nav.audit')} items={audit} onFollow={onFollow} />}
        {platform.length > 0 && <NavGroup id="nav-platform" title={t('nav.platform')} items={platform} onFollow={onFollow} />}
      </ul>
    </nav>
  );
}
