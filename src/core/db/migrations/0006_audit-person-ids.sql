ALTER TABLE "audit_events" ADD COLUMN "person_ids" uuid[];--> statement-breakpoint
CREATE INDEX "audit_person_ids_idx" ON "audit_events" USING gin ("person_ids");