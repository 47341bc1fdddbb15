/** Filled-in questionnaires' part of the door (src/core/door.ts): reached through their case, within the actor's scope. */
import { and, desc, eq, sql } from 'drizzle-orm';
import type { AuditAction } from '../../core/audit.contract.ts';
import type { Door } from '../../core/door.ts';
import { cases } from '../case/case.schema.ts';
import type { CaseRow } from '../case/case.store.ts';
import { questionnaireResponses, questionnaireTemplates } from './questionnaire.schema.ts';

export type ResponseRow = typeof questionnaireResponses.$inferSelect;
export type ResponseValues = typeof questionnaireResponses.$inferInsert;

/** A filled-in questionnaire with its template version and its case, within reach; `lock` locks the answers and the case. */
export async function responseInReach(door: Door, id: string, action: AuditAction, options: { lock?: boolean } = {}) {
  const query = door.tx
    .select({ r: questionnaireResponses, t: questionnaireTemplates, theCase: cases })
    .from(questionnaireResponses)
    .innerJoin(questionnaireTemplates, eq(questionnaireTemplates.id, questionnaireResponses.templateId))
    .innerJoin(cases, eq(cases.id, questionnaireResponses.caseId))
    .where(and(eq(questionnaireResponses.id, id), door.caseInReach(sql`${cases}`)));
  return door.one({
    what: 'The questionnaire',
    action,
    entityType: 'questionnaire_response',
    entityId: id,
    rows: options.lock ? query.for('update', { of: [questionnaireResponses, cases] }) : query,
    personOf: ({ theCase }) => theCase.personId,
    whose: async () =>
      (
        await door.tx
          .select({ personId: cases.personId })
          .from(questionnaireResponses)
          .innerJoin(cases, eq(cases.id, questionnaireResponses.caseId))
          .where(eq(questionnaireResponses.id, id))
      )[0]?.personId,
  });
}

/** The case's filled-in questionnaires with their templates, newest first (for a case already found within reach). */
export function responsesOfCase(door: Door, theCase: CaseRow, action: AuditAction) {
  return door.many({
    action,
    entityType: 'case',
    entityId: theCase.id,
    rows: door.tx
      .select({ r: questionnaireResponses, t: questionnaireTemplates })
      .from(questionnaireResponses)
      .innerJoin(questionnaireTemplates, eq(questionnaireTemplates.id, questionnaireResponses.templateId))
      .where(eq(questionnaireResponses.caseId, theCase.id))
      .orderBy(desc(questionnaireResponses.createdAt)),
    personOf: () => theCase.personId,
  });
}

export async function insertResponse(door: Door, values: Omit<ResponseValues, 'createdBy'>): Promise<ResponseRow> {
  const [row] = await door.tx
    .insert(questionnaireResponses)
    .values({ ...values, createdBy: door.actor.id })
    .returning();
  return row!;
}

export async function updateResponse(door: Door, id: string, values: Partial<ResponseValues>): Promise<ResponseRow> {
  const [row] = await door.tx
    .update(questionnaireResponses)
    .set({ ...values, version: sql`${questionnaireResponses.version} + 1`, updatedAt: new Date() })
    .where(eq(questionnaireResponses.id, id))
    .returning();
  return row!;
}
