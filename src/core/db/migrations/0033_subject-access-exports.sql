CREATE TABLE "subject_access_exports" (
	"agency_id" integer DEFAULT (current_setting('tillit.agency_id'))::integer NOT NULL,
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"person_id" uuid NOT NULL,
	"language" text NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"status" text DEFAULT 'queued' NOT NULL,
	"requested_by" uuid NOT NULL,
	"requested_at" timestamp with time zone DEFAULT now() NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"claimed_until" timestamp with time zone,
	"progress_done" integer DEFAULT 0 NOT NULL,
	"progress_total" integer DEFAULT 0 NOT NULL,
	"progress_step" text,
	"finished_at" timestamp with time zone,
	"file_bytes" integer,
	"file_sha256" text,
	"expires_at" timestamp with time zone,
	"failure" text,
	CONSTRAINT "subject_access_exports_status_valid" CHECK ("subject_access_exports"."status" IN ('queued','running','ready','failed'))
);
--> statement-breakpoint
CREATE TABLE "subject_access_files" (
	"agency_id" integer DEFAULT (current_setting('tillit.agency_id'))::integer NOT NULL,
	"export_id" uuid PRIMARY KEY NOT NULL,
	"content" "bytea" NOT NULL
);
--> statement-breakpoint
ALTER TABLE "subject_access_exports" ADD CONSTRAINT "subject_access_exports_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subject_access_exports" ADD CONSTRAINT "subject_access_exports_requested_by_staff_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subject_access_files" ADD CONSTRAINT "subject_access_files_export_id_subject_access_exports_id_fk" FOREIGN KEY ("export_id") REFERENCES "public"."subject_access_exports"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "subject_access_exports_person_idx" ON "subject_access_exports" USING btree ("person_id","requested_at");--> statement-breakpoint
CREATE INDEX "subject_access_exports_due_idx" ON "subject_access_exports" USING btree ("status","requested_at");--> statement-breakpoint
ALTER TABLE "subject_access_exports" ADD CONSTRAINT "subject_access_exports_agency_id_agency_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agency"("id");--> statement-breakpoint
ALTER TABLE "subject_access_files" ADD CONSTRAINT "subject_access_files_agency_id_agency_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agency"("id");--> statement-breakpoint
ALTER TABLE "subject_access_exports" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY "agency_isolation" ON "subject_access_exports" TO tillit_tenant USING ("agency_id" = NULLIF(current_setting('tillit.agency_id', true), '')::integer);--> statement-breakpoint
ALTER TABLE "subject_access_files" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY "agency_isolation" ON "subject_access_files" TO tillit_tenant USING ("agency_id" = NULLIF(current_setting('tillit.agency_id', true), '')::integer);
