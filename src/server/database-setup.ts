import { installShippedQuestionnaires } from '../areas/questionnaire/shipped-questionnaires.install.ts';
import { runMigrations } from '../core/db/migrate.ts';
import type { Database } from '../core/db/pool.ts';

/** Brings a database to this build: the migrations, then the questionnaires that ship with the code. */
export function prepareDatabase(db: Database): Promise<void> {
  return runMigrations(db, installShippedQuestionnaires);
}
