-- Each agency's audit events: the foreign key to their agency and the same row-level security as
-- every other agency table (docs/adr/0010). The sealer and the command line's verify run bound
-- to no agency and see every chain; a request sees only its agency's events.
ALTER TABLE "audit_events" ADD CONSTRAINT "audit_events_agency_id_agency_id_fk" FOREIGN KEY ("agency_id") REFERENCES "agency"("id");--> statement-breakpoint
ALTER TABLE "audit_events" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY "agency_isolation" ON "audit_events" TO tillit_tenant USING ("agency_id" = NULLIF(current_setting('tillit.agency_id', true), '')::integer);
