DROP INDEX "contacts_case_time_idx";--> statement-breakpoint
DROP INDEX "journal_entries_case_time_idx";--> statement-breakpoint
CREATE INDEX "contacts_case_time_idx" ON "contacts" USING btree ("case_id","starts_at" DESC NULLS FIRST,"id" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "journal_entries_case_time_idx" ON "journal_entries" USING btree ("case_id","occurred_at" DESC NULLS FIRST,"id" DESC NULLS FIRST);