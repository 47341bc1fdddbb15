/**
 * Who may do what: the one place where function-level and data-level access rules are declared.
 * Routes name a permission; stores turn the data scopes below into SQL filters
 * (src/core/scopes.ts), so records are never loaded first and filtered afterwards.
 */
import { type Permission, permission, type Role } from './roles.contract.ts';

export type { Permission };

export const permissions = permission.options;

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
    'persons.subject_access',
    'cases.update',
    'cases.assign',
    'journal.write',
    'vouchers.issue',
    'consents.write',
    'success_story.write',
    'success_story.review',
    'requests.read',
    'requests.decide',
    'reports.read',
  ],
  supervisor: [
    ...caseRoles,
    'staff.read',
    'persons.create',
    'persons.update',
    'persons.subject_access',
    'cases.open',
    'cases.update',
    'cases.assign',
    'journal.write',
    'vouchers.issue',
    'consents.write',
    'life_story.read',
    'life_story.write',
    'success_story.write',
    'success_story.review',
    'requests.read',
    'requests.create',
    'requests.decide',
  ],
  case_worker: [
    ...caseRoles,
    'staff.read',
    'persons.create',
    'persons.update',
    'cases.update',
    'journal.write',
    'vouchers.issue',
    'consents.write',
    'life_story.read',
    'life_story.write',
    'success_story.write',
    'requests.read',
    'requests.create',
  ],
  intake_worker: [
    ...caseRoles,
    'staff.read',
    'persons.create',
    'persons.update',
    'cases.open',
    'journal.write',
    'vouchers.issue',
    'consents.write',
    'life_story.read',
    'life_story.write',
    'success_story.write',
    'requests.read',
    'requests.create',
    'requests.decide',
  ],
  // Partners reach the vouchers addressed to their organisation, with what the disclosure gate allows; no case, plan or person record.
  partner_provider: ['session.self', 'vouchers.respond'],
  // A partner organisation's own administrator: the accounts of its staff (src/areas/staff), no voucher and no case.
  partner_administrator: ['session.self', 'partner_staff.manage'],
  auditor: ['session.self', 'agency.read', 'units.read', 'staff.read', 'audit.read'],
  // Runs the installation: agencies and their first administrators; nothing inside an agency.
  platform_administrator: ['session.self', 'agencies.read', 'agencies.manage'],
};

/** The roles of a partner organisation's staff: they belong to it, and the application beyond their portal does not exist for them. */
export const partnerRoles: readonly Role[] = ['partner_provider', 'partner_administrator'];

export const isPartnerOnly = (roles: readonly Role[]) => roles.length > 0 && roles.every((role) => partnerRoles.includes(role));

export function hasPermission(roles: readonly Role[], permission: Permission): boolean {
  return roles.some((role) => rolePermissions[role].includes(permission));
}

/**
 * How far a role reaches into case content.
 * - agency: every case of the agency
 * - unit: cases of the units the staff member belongs to
 * - assigned: cases they are responsible for or on the team of (and people they registered)
 * - none: no case content (administrators, auditors and partners' staff, unless also given a case role)
 */
export type CaseScope = 'agency' | 'unit' | 'assigned' | 'none';

export const roleCaseScope: Record<Role, CaseScope> = {
  administrator: 'none',
  auditor: 'none',
  agency_head: 'agency',
  supervisor: 'unit',
  case_worker: 'assigned',
  intake_worker: 'assigned',
  partner_provider: 'none',
  partner_administrator: 'none',
  platform_administrator: 'none',
};

/**
 * Who may be a case's responsible worker or on its team: staff who reach cases through their
 * unit or their assignments – case workers, intake workers and supervisors, not the agency head,
 * partners, administrators or auditors.
 */
export function mayHoldCases(roles: readonly Role[]): boolean {
  return roles.some((role) => caseHoldingRoles.includes(role));
}

/** The roles `mayHoldCases` accepts, for a query that lists only staff who may hold cases. */
export const caseHoldingRoles: readonly Role[] = (Object.keys(roleCaseScope) as Role[]).filter(
  (role) => roleCaseScope[role] === 'assigned' || roleCaseScope[role] === 'unit',
);

export interface Actor {
  id: string;
  /** The agency the staff member belongs to: every statement of their requests is bound to it. */
  agencyId: number;
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
  const order: Role[] = [
    'agency_head',
    'supervisor',
    'case_worker',
    'intake_worker',
    'partner_provider',
    'partner_administrator',
    'auditor',
    'administrator',
    'platform_administrator',
  ];
  return order.find((r) => actor.roles.includes(r)) ?? null;
}

// ---- Who may: record-level rules, for a record the actor can already see ------------------------
// The web never decides these from roles: each record it shows carries `may`, worked out here.

/** Supervision: the supervisors and the agency head. */
const supervisionRoles: readonly Role[] = ['supervisor', 'agency_head'];

export function isSupervision(actor: Pick<Actor, 'roles'>): boolean {
  return actor.roles.some((role) => supervisionRoles.includes(role));
}

/** Ending a crisis flag after the same-day safety follow-up is supervision's. */
export const mayEndCrisis = isSupervision;

/** Giving a case another responsible worker is supervision's. */
export const mayReassignCases = isSupervision;

/** Signing a formal decision on services: the roles the agency gave decision authority (seed 001: the authority is delegated). */
export function maySignDecisions(actor: Pick<Actor, 'roles'>, decisionRoles: readonly string[]): boolean {
  return actor.roles.some((role) => decisionRoles.includes(role));
}

/** Casework on a case (assessments, questionnaires, decisions, plans, progress): anyone who may update cases, while the case is open. */
export function mayWorkOnCase(actor: Pick<Actor, 'roles'>, caseStage: string): boolean {
  return caseStage !== 'closed' && hasPermission(actor.roles, 'cases.update');
}

/** Changing a person's registered details. */
export function mayEditPerson(actor: Pick<Actor, 'roles'>): boolean {
  return hasPermission(actor.roles, 'persons.update');
}

/** The function-level rights a session has: what the web may offer at all. */
export function permissionsOf(roles: readonly Role[]): Permission[] {
  return permissions.filter((permission) => hasPermission(roles, permission));
}

/** Recording the person's or a guardian's signature on a service agreement, and ending one: anyone who may update cases. */
export function mayHandleAgreements(actor: Pick<Actor, 'roles'>): boolean {
  return hasPermission(actor.roles, 'cases.update');
}

/** Signing a service agreement for the agency is the agency head's (seed 004: signed by the client and the head). */
export function maySignForAgency(actor: Pick<Actor, 'roles'>): boolean {
  return actor.roles.includes('agency_head');
}

/** The shortest reason accepted for showing someone's record out of the caller's reach. */
export const minimumRevealReasonLength = 10;

/**
 * Showing in full a record the caller cannot otherwise open (a duplicate candidate): supervision
 * may, anyone else only with a reason. Either way it is audited and the person's worker is told.
 */
export function mayRevealRecord(actor: Pick<Actor, 'roles'>, reason: string): boolean {
  return isSupervision(actor) || reason.trim().length >= minimumRevealReasonLength;
}
