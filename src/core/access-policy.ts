/**
 * Who may do what: the one place where function-level and data-level access rules are declared.
 * Routes name a permission; stores turn the data scopes below into SQL filters
 * (src/core/scopes.ts), so records are never loaded first and filtered afterwards.
 */
import type { Role } from './roles.contract.ts';

export const permissions = [
  'session.self', // own account, password, MFA
  'agency.read',
  'agency.manage',
  'units.read',
  'units.manage',
  'staff.read',
  'staff.manage',
  'staff.mfa_reset', // request and approve (two people) the removal of someone's second factor
  'partners.read',
  'partners.manage',
  'persons.read',
  'persons.create',
  'persons.update',
  'cases.read',
  'casework.read', // assessments, questionnaires, decisions, plans: not for partner organisations
  'cases.open',
  'cases.update', // stage changes
  'cases.assign', // reassignment
  'requests.read',
  'requests.create',
  'requests.decide',
  'directory.manage',
  'drafts.own',
  'audit.read',
  'questionnaires.read',
  'questionnaires.manage', // templates: create, version, publish, import
] as const;
export type Permission = (typeof permissions)[number];

const caseRoles: Permission[] = [
  'session.self',
  'agency.read',
  'units.read',
  'partners.read',
  'persons.read',
  'cases.read',
  'casework.read',
  'drafts.own',
  'questionnaires.read',
];

export const rolePermissions: Record<Role, readonly Permission[]> = {
  administrator: [
    'session.self',
    'agency.read',
    'agency.manage',
    'units.read',
    'units.manage',
    'staff.read',
    'staff.manage',
    'staff.mfa_reset',
    'partners.read',
    'partners.manage',
    'directory.manage',
    'questionnaires.read',
    'questionnaires.manage',
  ],
  agency_head: [
    ...caseRoles,
    'staff.read',
    'staff.mfa_reset',
    'persons.update',
    'cases.update',
    'cases.assign',
    'requests.read',
    'requests.decide',
  ],
  supervisor: [
    ...caseRoles,
    'staff.read',
    'persons.create',
    'persons.update',
    'cases.open',
    'cases.update',
    'cases.assign',
    'requests.read',
    'requests.create',
    'requests.decide',
  ],
  case_worker: [...caseRoles, 'staff.read', 'persons.create', 'persons.update', 'cases.update', 'requests.read', 'requests.create'],
  intake_worker: [
    ...caseRoles,
    'staff.read',
    'persons.create',
    'persons.update',
    'cases.open',
    'requests.read',
    'requests.create',
    'requests.decide',
  ],
  partner_provider: ['session.self', 'persons.read', 'cases.read'],
  auditor: ['session.self', 'agency.read', 'units.read', 'staff.read', 'audit.read'],
};

export function hasPermission(roles: readonly Role[], permission: Permission): boolean {
  return roles.some((role) => rolePermissions[role].includes(permission));
}

/**
 * How far a role reaches into case content.
 * - agency: every case of the agency
 * - unit: cases of the units the staff member belongs to
 * - assigned: cases they are responsible for or on the team of (and people they registered)
 * - addressed: cases addressed to their partner organisation
 * - none: no case content (administrators and auditors, unless also given a case role)
 */
export type CaseScope = 'agency' | 'unit' | 'assigned' | 'addressed' | 'none';

export const roleCaseScope: Record<Role, CaseScope> = {
  administrator: 'none',
  auditor: 'none',
  agency_head: 'agency',
  supervisor: 'unit',
  case_worker: 'assigned',
  intake_worker: 'assigned',
  partner_provider: 'addressed',
};

export interface Actor {
  id: string;
  roles: readonly Role[];
  unitId: string | null;
  partnerOrganisationId: string | null;
}

export function caseScopesOf(actor: Actor): Set<CaseScope> {
  const scopes = new Set(actor.roles.map((r) => roleCaseScope[r]));
  scopes.delete('none');
  return scopes;
}

/** The role an audit event names: the most case-relevant role the actor holds. */
export function primaryRole(actor: Pick<Actor, 'roles'>): Role | null {
  const order: Role[] = ['agency_head', 'supervisor', 'case_worker', 'intake_worker', 'partner_provider', 'auditor', 'administrator'];
  return order.find((r) => actor.roles.includes(r)) ?? null;
}
