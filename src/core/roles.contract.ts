import { z } from 'zod';

export const role = z.enum([
  'administrator',
  'agency_head',
  'supervisor',
  'case_worker',
  'intake_worker',
  'partner_provider',
  'partner_administrator',
  'auditor',
  'platform_administrator',
]);
export type Role = z.infer<typeof role>;
export const allRoles = role.options;
/** The roles of an agency's own staff; the platform administrator runs the installation across agencies. */
export const agencyRoles = allRoles.filter((r) => r !== 'platform_administrator');

/** Function-level rights a role grants (src/core/access-policy.ts says which role has which). */
export const permission = z.enum([
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
  'persons.subject_access', // copies of everything held on a person, made on their behalf (GDPR art. 15)
  'cases.read',
  'casework.read', // assessments, questionnaires, decisions, plans: not for partner organisations
  'cases.open',
  'cases.update', // stage changes
  'cases.assign', // reassignment
  'journal.write', // write and sign journal entries on cases within reach
  'consents.write', // record a person's consents, their signatures and withdrawal; disclose on a legal basis
  'life_story.read', // the life story of a person one works with (an open case of theirs: responsible, team, the unit's supervisor)
  'life_story.write', // write it with them, keep versions, record their confirmation
  'success_story.write', // write success stories on cases within reach, record consents, run the anonymiser, record uses
  'success_story.review', // review, edit and approve an anonymised copy (not one's own story)
  'requests.read',
  'requests.create',
  'requests.decide',
  'directory.manage',
  'vouchers.issue', // issue referral vouchers on cases within reach, cancel and reissue them, record the person's word
  'vouchers.respond', // a partner's staff: the vouchers addressed to their organisation, and nothing else
  'partner_staff.manage', // a partner organisation's own administrator: its staff accounts, and nothing else
  'drafts.own',
  'audit.read',
  'reports.read', // the agency's key figures: counts only, no one's data
  'questionnaires.read',
  'questionnaires.manage', // templates: create, version, publish, import
  'agencies.read', // the installation's agencies: platform administrators only
  'agencies.manage', // create agencies and their first administrator, switch them off
]);
export type Permission = z.infer<typeof permission>;
