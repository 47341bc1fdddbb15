/**
 * The data-level half of src/domain/access-policy.ts, as SQL. Every query for case content
 * includes one of these conditions, so a record outside the actor's reach is never loaded.
 */
import { sql, type SQL } from 'drizzle-orm';
import { caseScopesOf, type Actor } from '../domain/access-policy.ts';

/** Condition on a row of `cases` referred to by `caseAlias`. */
export function caseVisibleTo(actor: Actor, caseAlias: SQL): SQL {
  const scopes = caseScopesOf(actor);
  if (scopes.has('agency')) return sql`true`;
  const parts: SQL[] = [];
  if (scopes.has('unit') && actor.unitId) parts.push(sql`${caseAlias}.unit_id = ${actor.unitId}`);
  if (scopes.has('assigned')) {
    parts.push(sql`${caseAlias}.responsible_staff_id = ${actor.id}`);
    parts.push(sql`EXISTS (SELECT 1 FROM case_team_members m WHERE m.case_id = ${caseAlias}.id AND m.staff_id = ${actor.id})`);
  }
  if (scopes.has('addressed') && actor.partnerOrganisationId) {
    parts.push(sql`EXISTS (SELECT 1 FROM case_partner_organisations p WHERE p.case_id = ${caseAlias}.id AND p.partner_organisation_id = ${actor.partnerOrganisationId})`);
  }
  if (parts.length === 0) return sql`false`;
  return sql`(${sql.join(parts, sql` OR `)})`;
}

/** Condition on a row of `persons` referred to by `personAlias`: reachable through a visible case, or registered by the actor. */
export function personVisibleTo(actor: Actor, personAlias: SQL): SQL {
  const scopes = caseScopesOf(actor);
  if (scopes.has('agency')) return sql`true`;
  if (scopes.size === 0) return sql`false`;
  const viaCase = sql`EXISTS (SELECT 1 FROM cases c WHERE c.person_id = ${personAlias}.id AND ${caseVisibleTo(actor, sql`c`)})`;
  if (scopes.has('assigned')) return sql`(${personAlias}.created_by = ${actor.id} OR ${viaCase})`;
  return viaCase;
}
