import { and, asc, desc, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { AuditAction } from '../../core/audit.contract.ts';
import type { RequestContext } from '../../core/context.ts';
import type { Database } from '../../core/db/pool.ts';
import { DomainError, invalidField, notFound, versionConflict } from '../../core/errors.ts';
import { inTransaction, type UnitOfWork } from '../../core/unit-of-work.ts';
import { assessmentStatus } from '../assessment/assessment.store.ts';
import { advanceCase, openCaseForWork } from '../case/case.service.ts';
import { type CaseRow, caseInReach, recordCaseEvent, updateCase } from '../case/case.store.ts';
import { type CrisisMail, noCrisisMail, openCrisisIn } from '../crisis/crisis.service.ts';
import { openCrisisOfCase } from '../crisis/crisis.store.ts';
import { alertUnitSupervisors } from '../work/work.store.ts';
import type { startResponseBody, templateStatus } from './questionnaire.contract.ts';
import { crisisFlag, localizeTemplate, type QuestionnaireTemplate, validateTemplate } from './questionnaire.rules.ts';
import { questionnaireTemplates } from './questionnaire.schema.ts';
import { insertResponse, type ResponseRow, responseInReach, responsesOfCase, updateResponse } from './questionnaire.store.ts';
import { fromFhirQuestionnaire, toFhirQuestionnaire } from './questionnaire-fhir.rules.ts';
import { type Answers, dropHiddenAnswers, scoreResponse, validateAnswers } from './questionnaire-response.rules.ts';

type TemplateRow = typeof questionnaireTemplates.$inferSelect;
type TemplateStatus = z.infer<typeof templateStatus>;

function presentTemplate(t: TemplateRow, language?: string) {
  const definition = t.definition as QuestionnaireTemplate;
  return {
    id: t.id,
    key: t.key,
    templateVersion: t.templateVersion,
    status: t.status as never,
    shipped: t.shipped,
    title: language ? localizeTemplate(definition, language).title : t.title,
    definition: language ? localizeTemplate(definition, language) : definition,
    publishedAt: t.publishedAt?.toISOString() ?? null,
    version: t.version,
  };
}

function presentResponse(r: ResponseRow, t: TemplateRow) {
  return {
    id: r.id,
    caseId: r.caseId,
    templateId: r.templateId,
    templateKey: t.key,
    templateVersion: t.templateVersion,
    templateTitle: t.title,
    assessmentId: r.assessmentId,
    status: r.status as never,
    answers: r.answers as Record<string, unknown>,
    scores: r.scores as never,
    flags: r.flags,
    completedAt: r.completedAt?.toISOString() ?? null,
    createdBy: r.createdBy,
    version: r.version,
  };
}

/** Template problems (from validateTemplate) as field errors under `definition`. */
function templateProblems(template: QuestionnaireTemplate) {
  const problems = validateTemplate(template);
  if (problems.length > 0) {
    throw new DomainError(
      'validation_failed',
      'The template is not valid',
      problems.map((p) => ({ field: `definition.${p.path}`, code: p.code, message: p.message })),
    );
  }
}

/**
 * Questionnaire templates as data, versioned – answers keep the version they were given in – and
 * the answers themselves: saved as they are typed, scored on completion, never prorated. A crisis
 * flag (PHQ-9 item 9) marks the case, alerts the unit's supervisors at once and opens a crisis on
 * the case (docs/adr/0013-crisis-opened-by-the-flag.md), which tells the agency head.
 */
export class QuestionnaireService {
  constructor(
    private readonly db: Database,
    private readonly crisisMail: CrisisMail = noCrisisMail,
  ) {}

  async listTemplates(ctx: RequestContext, query: { status?: TemplateStatus | undefined; language?: string | undefined }) {
    const rows = await inTransaction(this.db, ctx, (uow) =>
      uow.tx
        .select()
        .from(questionnaireTemplates)
        .where(
          and(
            eq(questionnaireTemplates.agencyId, uow.actor.agencyId),
            query.status ? eq(questionnaireTemplates.status, query.status) : undefined,
          ),
        )
        .orderBy(asc(questionnaireTemplates.key), desc(questionnaireTemplates.templateVersion)),
    );
    return rows.map((t) => {
      const { definition: _d, ...rest } = presentTemplate(t, query.language);
      return rest;
    });
  }

  async getTemplate(ctx: RequestContext, id: string, language?: string) {
    return presentTemplate(await this.templateOf(ctx, id), language);
  }

  async exportFhir(ctx: RequestContext, id: string) {
    const row = await this.templateOf(ctx, id);
    return toFhirQuestionnaire(row.definition as QuestionnaireTemplate);
  }

  private async templateOf(ctx: RequestContext, id: string) {
    const [row] = await inTransaction(this.db, ctx, (uow) =>
      uow.tx
        .select()
        .from(questionnaireTemplates)
        .where(and(eq(questionnaireTemplates.id, id), eq(questionnaireTemplates.agencyId, uow.actor.agencyId))),
    );
    if (!row) throw notFound('The template');
    return row;
  }

  /** A new draft: version 1 of a new key, or the next version of an existing one. */
  async createTemplate(ctx: RequestContext, definition: QuestionnaireTemplate) {
    templateProblems(definition);
    return inTransaction(this.db, ctx, async (uow) => {
      await uow.tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext(${`questionnaire:${definition.key}`}))`);
      const [draft] = await uow.tx
        .select({ id: questionnaireTemplates.id })
        .from(questionnaireTemplates)
        .where(and(eq(questionnaireTemplates.key, definition.key), eq(questionnaireTemplates.status, 'draft')));
      if (draft)
        throw new DomainError('already_exists', 'A draft of this questionnaire exists already; change that one', [
          { field: 'definition.key', code: 'draft_exists', message: draft.id },
        ]);
      const [{ last }] = (await uow.tx
        .select({ last: sql<number>`coalesce(max(${questionnaireTemplates.templateVersion}), 0)::int` })
        .from(questionnaireTemplates)
        .where(eq(questionnaireTemplates.key, definition.key))) as [{ last: number }];
      const stored = { ...definition, version: last + 1 };
      const [row] = await uow.tx
        .insert(questionnaireTemplates)
        .values({
          key: definition.key,
          templateVersion: last + 1,
          title: definition.title,
          definition: stored,
          createdBy: uow.actor.id,
        })
        .returning();
      uow.audit({
        action: 'questionnaire_template.create',
        entityType: 'questionnaire_template',
        entityId: row!.id,
        details: { key: definition.key, templateVersion: last + 1 },
      });
      return presentTemplate(row!);
    });
  }

  /** A draft from a FHIR Questionnaire, with the import's warnings (they are not kept: the draft is checked and changed before publishing). */
  async importFhir(ctx: RequestContext, questionnaire: unknown) {
    const result = fromFhirQuestionnaire(questionnaire);
    if (!result.ok) {
      throw new DomainError(
        'validation_failed',
        'The questionnaire could not be imported',
        result.problems.map((p) => ({ field: `questionnaire${p.path ? `.${p.path}` : ''}`, code: p.code, message: p.message })),
      );
    }
    return { ...(await this.createTemplate(ctx, result.template)), warnings: result.warnings };
  }

  async updateTemplate(ctx: RequestContext, id: string, definition: QuestionnaireTemplate, version: number) {
    return inTransaction(this.db, ctx, async (uow) => {
      const [row] = await uow.tx.select().from(questionnaireTemplates).where(eq(questionnaireTemplates.id, id)).for('update');
      if (!row) throw notFound('The template');
      if (row.version !== version) throw versionConflict('The template');
      if (row.status !== 'draft')
        throw new DomainError(
          'transition_not_allowed',
          'A published version never changes – answers were given in it; start a new version',
        );
      if (definition.key !== row.key)
        throw invalidField('definition.key', 'key_changed', 'A new version keeps the key; create a new questionnaire for another key');
      const stored = { ...definition, version: row.templateVersion };
      templateProblems(stored);
      const [updated] = await uow.tx
        .update(questionnaireTemplates)
        .set({ title: stored.title, definition: stored, version: sql`${questionnaireTemplates.version} + 1`, updatedAt: new Date() })
        .where(eq(questionnaireTemplates.id, id))
        .returning();
      uow.audit({ action: 'questionnaire_template.update', entityType: 'questionnaire_template', entityId: id });
      return presentTemplate(updated!);
    });
  }

  /** Publishes a draft; earlier published versions of the key retire (answers given in them keep them). */
  async publishTemplate(ctx: RequestContext, id: string, version: number) {
    return inTransaction(this.db, ctx, async (uow) => {
      const [row] = await uow.tx.select().from(questionnaireTemplates).where(eq(questionnaireTemplates.id, id)).for('update');
      if (!row) throw notFound('The template');
      if (row.version !== version) throw versionConflict('The template');
      if (row.status !== 'draft') throw new DomainError('transition_not_allowed', 'Only a draft is published');
      await uow.tx
        .update(questionnaireTemplates)
        .set({ status: 'retired', updatedAt: new Date() })
        .where(and(eq(questionnaireTemplates.key, row.key), eq(questionnaireTemplates.status, 'published')));
      const [updated] = await uow.tx
        .update(questionnaireTemplates)
        .set({ status: 'published', publishedAt: new Date(), version: sql`${questionnaireTemplates.version} + 1`, updatedAt: new Date() })
        .where(eq(questionnaireTemplates.id, id))
        .returning();
      uow.audit({
        action: 'questionnaire_template.publish',
        entityType: 'questionnaire_template',
        entityId: id,
        details: { key: row.key, templateVersion: row.templateVersion },
      });
      return presentTemplate(updated!);
    });
  }

  /** A filled-in questionnaire for a change: within reach, locked with its case, the case open, at the version the client saw. */
  private async responseToChange(uow: UnitOfWork, id: string, action: AuditAction, version: number) {
    const found = await responseInReach(uow.door, id, action, { lock: true });
    if (found.theCase.stage === 'closed') throw new DomainError('transition_not_allowed', 'The case is closed; reopen it first');
    if (found.r.version !== version) throw versionConflict('The questionnaire');
    return found;
  }

  /** Answers as typed so far: only their shape is checked, so a half-filled questionnaire is never refused. */
  private checkShape(template: QuestionnaireTemplate, given: Answers) {
    const problems = validateAnswers(template, given).filter((p) => p.code !== 'required' && p.code !== 'too_few_repeats');
    if (problems.length > 0)
      throw new DomainError(
        'validation_failed',
        'Some answers are not valid',
        problems.map((p) => ({ field: `answers.${p.path}`, code: p.code, message: p.message })),
      );
  }

  async startResponse(ctx: RequestContext, caseId: string, input: z.infer<typeof startResponseBody>) {
    return inTransaction(this.db, ctx, async (uow) => {
      const theCase = await openCaseForWork(uow.door, caseId, 'questionnaire.start', { lock: true });
      const [template] = await uow.tx.select().from(questionnaireTemplates).where(eq(questionnaireTemplates.id, input.templateId));
      if (!template) throw invalidField('templateId', 'not_found', 'No such questionnaire');
      if (template.status !== 'published') throw invalidField('templateId', 'not_published', 'Only a published version is filled in');
      if (input.assessmentId && (await assessmentStatus(uow.door, input.assessmentId, caseId)) === null)
        throw invalidField('assessmentId', 'not_found', 'No such assessment on this case');
      const kept = dropHiddenAnswers(template.definition as QuestionnaireTemplate, input.answers as Answers);
      this.checkShape(template.definition as QuestionnaireTemplate, kept);
      const row = await insertResponse(uow.door, { caseId, templateId: template.id, assessmentId: input.assessmentId, answers: kept });
      uow.audit({
        action: 'questionnaire.start',
        entityType: 'questionnaire_response',
        entityId: row.id,
        personId: theCase.personId,
        details: { template: template.key, templateVersion: template.templateVersion },
      });
      await advanceCase(uow, theCase, 'assessment', 'A questionnaire was begun');
      return presentResponse(row, template);
    });
  }

  async saveAnswers(ctx: RequestContext, id: string, given: Answers, version: number) {
    return inTransaction(this.db, ctx, async (uow) => {
      const { r, t, theCase } = await this.responseToChange(uow, id, 'questionnaire.save', version);
      if (r.status === 'completed')
        throw new DomainError('transition_not_allowed', 'A completed questionnaire is kept as it was; fill in a new one');
      // Answers to questions the other answers now hide are dropped, not refused: the form hides them too.
      const kept = dropHiddenAnswers(t.definition as QuestionnaireTemplate, given);
      this.checkShape(t.definition as QuestionnaireTemplate, kept);
      const row = await updateResponse(uow.door, id, { answers: kept });
      uow.audit({ action: 'questionnaire.save', entityType: 'questionnaire_response', entityId: id, personId: theCase.personId });
      return presentResponse(row, t);
    });
  }

  /** Completes and scores the answers; every required visible item must be answered. A crisis flag marks the case and alerts supervision. */
  async complete(ctx: RequestContext, id: string, version: number) {
    const { response, mailed } = await inTransaction(this.db, ctx, async (uow) => {
      const { r, t, theCase } = await this.responseToChange(uow, id, 'questionnaire.complete', version);
      if (r.status === 'completed') throw new DomainError('transition_not_allowed', 'The questionnaire is already completed');
      const template = t.definition as QuestionnaireTemplate;
      const given = r.answers as Answers;
      const problems = validateAnswers(template, given);
      if (problems.length > 0)
        throw new DomainError(
          'validation_failed',
          'Some answers are missing or not valid',
          problems.map((p) => ({ field: `answers.${p.path}`, code: p.code, message: p.message })),
        );
      const kept = dropHiddenAnswers(template, given);
      const scored = scoreResponse(template, kept);
      const scores = scored.scores.map((s) => ({
        ruleId: s.ruleId,
        label: template.scoring.find((rule) => rule.id === s.ruleId)?.label ?? s.ruleId,
        total: s.total,
        band: s.band ? { code: s.band.code, label: s.band.label } : null,
        complete: s.complete,
        missingItems: s.missingItems,
      }));
      const flags = [...new Set(scored.flags.map((f) => f.flag))];
      const row = await updateResponse(uow.door, id, {
        answers: kept,
        scores,
        flags,
        status: 'completed',
        completedAt: new Date(),
        completedBy: uow.actor.id,
      });
      const mailed = flags.includes(crisisFlag) ? await this.raiseCrisis(uow, theCase, id) : 0;
      uow.audit({
        action: 'questionnaire.complete',
        entityType: 'questionnaire_response',
        entityId: id,
        personId: theCase.personId,
        details: { template: t.key, flags },
      });
      return { response: presentResponse(row, t), mailed };
    });
    if (mailed > 0) this.crisisMail.wake();
    return response;
  }

  /**
   * Same-day safety follow-up: the case carries the crisis flag and becomes urgent, its history
   * records why, and the supervisors of its unit (or, if none, those on duty) are alerted with the
   * case named. A crisis is opened on the case from the answers, unless one is open already.
   * Returns how many mails were queued for the agency heads.
   */
  private async raiseCrisis(uow: UnitOfWork, theCase: CaseRow, responseId: string): Promise<number> {
    await updateCase(uow.door, theCase.id, { crisisRaisedAt: new Date(), priority: 'urgent' });
    await recordCaseEvent(uow.door, {
      caseId: theCase.id,
      kind: 'crisis_raised',
      fromValue: theCase.priority,
      toValue: 'urgent',
      reason: 'A questionnaire answer calls for same-day safety follow-up',
    });
    const alerted = await alertUnitSupervisors(uow.door, 'crisis_flag', theCase.id, theCase.unitId);
    uow.audit({
      action: 'case.crisis_flag',
      entityType: 'case',
      entityId: theCase.id,
      personId: theCase.personId,
      details: { responseId, supervisorsAlerted: alerted, priorityBefore: theCase.priority },
    });
    if (await openCrisisOfCase(uow.door, theCase.id)) return 0;
    const { mailed } = await openCrisisIn(
      uow,
      this.crisisMail,
      theCase,
      { source: 'questionnaire', sourceId: responseId, occurredAt: new Date(), whatHappened: '', immediateActions: '', informed: '' },
      { flagRaised: true },
    );
    return mailed;
  }

  async listForCase(ctx: RequestContext, caseId: string) {
    return inTransaction(this.db, ctx, async (uow) => {
      const theCase = await caseInReach(uow.door, caseId, 'questionnaire.read');
      const rows = await responsesOfCase(uow.door, theCase, 'questionnaire.read');
      return rows.map(({ r, t }) => presentResponse(r, t));
    });
  }

  async getResponse(ctx: RequestContext, id: string) {
    return inTransaction(this.db, ctx, async (uow) => {
      const { r, t } = await responseInReach(uow.door, id, 'questionnaire.read');
      return presentResponse(r, t);
    });
  }
}
