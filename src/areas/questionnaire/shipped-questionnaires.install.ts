import { and, eq, lt } from 'drizzle-orm';
import type { Database, Transaction } from '../../core/db/pool.ts';
import { agency } from '../organisation/organisation.schema.ts';
import { questionnaireTemplates } from './questionnaire.schema.ts';
import { shippedQuestionnaires } from './shipped-questionnaires.ts';

/**
 * Data that ships with the code rather than with a migration: the questionnaires (PHQ-9, GAD-7,
 * the self-sufficiency scale, …) as published versions. Run after the migrations; a version
 * already installed is left alone, so a changed shipped template must come with a new version;
 * if an administrator has already made that version of the key, theirs is kept.
 */
export async function installShippedQuestionnaires(db: Database | Transaction): Promise<void> {
  for (const { id } of await db.select({ id: agency.id }).from(agency)) await installShippedQuestionnairesFor(db, id);
}

/** The same for one agency: each agency has its own templates, which its administrators may change. */
export async function installShippedQuestionnairesFor(db: Database | Transaction, agencyId: number): Promise<void> {
  for (const template of shippedQuestionnaires) {
    const installed = await db
      .insert(questionnaireTemplates)
      .values({
        agencyId,
        key: template.key,
        templateVersion: template.version,
        status: 'published',
        title: template.title,
        definition: template,
        shipped: true,
        publishedAt: new Date(),
      })
      .onConflictDoNothing()
      .returning({ id: questionnaireTemplates.id });
    if (installed.length === 0) continue;
    // A newer shipped version replaces the older published ones of its key, as publishing a draft does.
    await db
      .update(questionnaireTemplates)
      .set({ status: 'retired', updatedAt: new Date() })
      .where(
        and(
          eq(questionnaireTemplates.agencyId, agencyId),
          eq(questionnaireTemplates.key, template.key),
          eq(questionnaireTemplates.status, 'published'),
          lt(questionnaireTemplates.templateVersion, template.version),
        ),
      );
  }
}
