import { shippedQuestionnaires } from '../domain/shipped-questionnaires.ts';
import type { Database } from './pool.ts';
import { questionnaireTemplates } from './schema.ts';

/**
 * Data that ships with the code rather than with a migration: the questionnaires (PHQ-9, GAD-7,
 * the self-sufficiency scale, …) as published versions. Run after the migrations; a version
 * already installed is left alone, so a changed shipped template must come with a new version.
 */
export async function installShippedQuestionnaires(db: Database): Promise<void> {
  for (const template of shippedQuestionnaires) {
    await db.insert(questionnaireTemplates).values({
      key: template.key, templateVersion: template.version, status: 'published', title: template.title, definition: template, shipped: true, publishedAt: new Date(),
    }).onConflictDoNothing();
  }
}
