/**
 * The data-level half of src/core/access-policy.ts, as SQL. Every query for case content
 * includes one of these conditions, so a record outside the actor's reach is never loaded.
 */
import { type SQL, sql } from 'drizzle-orm';
import { type Actor, type CaseScope, caseScopesOf, roleCaseScope } from './access-policy.ts';
import type { Role } from './roles.contract.ts';

/**
 * The actor's agency, the first condition of every scope (row-level security on the same key is
 * the second wall, src/core/unit-of-work.ts).
 */
const inAgencyOf = (actor: Actor, alias: SQL) => sql`${alias}.agency_id = ${actor.agencyId}`;

/** Condition on a row of `cases` referred to by `caseAlias`. */
export function caseVisibleTo(actor: Actor, caseAlias: SQL): SQL {
  return sql`(${inAgencyOf(actor, caseAlias)} AND ${caseReach(actor, caseAlias)})`;
}

function caseReach(actor: Actor, caseAlias: SQL): SQL {
  const scopes = caseScopesOf(actor);
  if (scopes.has('agency')) return sql`true`;
  const parts: SQL[] = [];
  if (scopes.has('unit') && actor.unitId) parts.push(sql`${caseAlias}.unit_id = ${actor.unitId}`);
  if (scopes.has('assigned')) {
    parts.push(sql`${caseAlias}.responsible_staff_id = ${actor.id}`);
    parts.push(sql`EXISTS (SELECT 1 FROM case_team_members m WHERE m.case_id = ${caseAlias}.id AND m.staff_id = ${actor.id})`);
  }
  if (scopes.has('assigned') || scopes.has('unit')) parts.push(openedInEmergency(actor, caseAlias));
  if (parts.length === 0) return sql`false`;
  return sql`(${sql.join(parts, sql` OR `)})`;
}

/** The case was opened by the actor in an emergency (break-the-glass), and that time has not run out. */
const openedInEmergency = (actor: Actor, caseAlias: SQL) =>
  sql`EXISTS (SELECT 1 FROM emergency_accesses g WHERE g.staff_id = ${actor.id} AND g.case_id = ${caseAlias}.id AND g.expires_at > now())`;

/**
 * Condition on a row of `staff` and a row of `cases`: the staff member's case scope reaches the
 * case (`caseVisibleTo` turned round, for finding whom to tell about a case).
 */
export function staffReachesCase(staffAlias: SQL, caseAlias: SQL): SQL {
  const rolesOf = (scope: CaseScope) => (Object.keys(roleCaseScope) as Role[]).filter((role) => roleCaseScope[role] === scope);
  const holds = (scope: CaseScope) => sql`${staffAlias}.roles && ${sql.param(rolesOf(scope))}::text[]`;
  return sql`(${staffAlias}.agency_id = ${caseAlias}.agency_id AND (
    ${holds('agency')}
    OR (${holds('unit')} AND ${staffAlias}.unit_id = ${caseAlias}.unit_id)
    OR (${holds('assigned')} AND (${caseAlias}.responsible_staff_id = ${staffAlias}.id
        OR EXISTS (SELECT 1 FROM case_team_members m WHERE m.case_id = ${caseAlias}.id AND m.staff_id = ${staffAlias}.id)))))`;
}

/** The scopes that reach into the person registry: the case scopes (a partner's staff have none – a voucher carries what they may know). */
const registryScopesOf = caseScopesOf;

/** Condition on a row of `persons` referred to by `personAlias`: reachable through a visible case of the agency's own staff, or registered by the actor. */
export function personVisibleTo(actor: Actor, personAlias: SQL): SQL {
  const scopes = registryScopesOf(actor);
  if (scopes.size === 0) return sql`false`;
  if (scopes.has('agency')) return inAgencyOf(actor, personAlias);
  const viaCase = sql`EXISTS (SELECT 1 FROM cases c WHERE c.person_id = ${personAlias}.id AND ${caseVisibleTo(actor, sql`c`)})`;
  return sql`(${inAgencyOf(actor, personAlias)} AND (${personAlias}.created_by = ${actor.id} OR ${viaCase}))`;
}

/**
 * Condition on a row of `requests`: the agency head sees all; a supervisor their unit's and the
 * unassigned intake pool; intake workers the open queue and what they received or were given;
 * case workers what they received or were given. Partners, administrators and auditors: none.
 */
export function requestVisibleTo(actor: Actor, requestAlias: SQL): SQL {
  return sql`(${inAgencyOf(actor, requestAlias)} AND ${requestReach(actor, requestAlias)})`;
}

function requestReach(actor: Actor, requestAlias: SQL): SQL {
  const roles = new Set(actor.roles);
  if (roles.has('agency_head')) return sql`true`;
  const parts: SQL[] = [];
  if (roles.has('supervisor')) {
    parts.push(
      actor.unitId
        ? sql`(${requestAlias}.unit_id = ${actor.unitId} OR ${requestAlias}.unit_id IS NULL)`
        : sql`${requestAlias}.unit_id IS NULL`,
    );
  }
  if (roles.has('intake_worker')) parts.push(sql`${requestAlias}.status = 'open'`);
  if (roles.has('supervisor') || roles.has('intake_worker') || roles.has('case_worker')) {
    parts.push(sql`${requestAlias}.received_by = ${actor.id}`, sql`${requestAlias}.assigned_to = ${actor.id}`);
  }
  if (parts.length === 0) return sql`false`;
  return sql`(${sql.join(parts, sql` OR `)})`;
}

/**
 * The ids of the people the actor may see, built from indexed paths only (own registrations,
 * responsible and team cases, the unit's cases). For searches by scoped staff: filtering this
 * small set beats checking visibility per match. Returns null for agency-wide scope (everyone).
 */
export function visiblePersonIds(actor: Actor): SQL | null {
  const scopes = registryScopesOf(actor);
  if (scopes.has('agency')) return null;
  const branches: SQL[] = [];
  if (scopes.size > 0) branches.push(sql`SELECT id FROM persons WHERE created_by = ${actor.id}`);
  if (scopes.has('assigned')) {
    branches.push(sql`SELECT person_id AS id FROM cases WHERE responsible_staff_id = ${actor.id}`);
    branches.push(sql`SELECT c.person_id AS id FROM case_team_members m JOIN cases c ON c.id = m.case_id WHERE m.staff_id = ${actor.id}`);
  }
  if (scopes.has('unit') && actor.unitId) branches.push(sql`SELECT person_id AS id FROM cases WHERE unit_id = ${actor.unitId}`);
  if (scopes.has('assigned') || scopes.has('unit'))
    branches.push(
      sql`SELECT c.person_id AS id FROM emergency_accesses g JOIN cases c ON c.id = g.case_id WHERE g.staff_id = ${actor.id} AND g.expires_at > now()`,
    );
  if (branches.length === 0) return sql`SELECT NULL::uuid AS id WHERE false`;
  return sql.join(branches, sql` UNION `);
}
