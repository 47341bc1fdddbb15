CREATE TABLE "consent_forms" (
	"agency_id" integer DEFAULT (current_setting('tillit.agency_id'))::integer NOT NULL,
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"language" text NOT NULL,
	"text" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "consent_forms_kind_valid" CHECK ("consent_forms"."kind" IN ('programme_inclusion','disclosure','health_disclosure','relatives_contact','success_story'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX "consent_forms_kind_language_unique" ON "consent_forms" USING btree ("agency_id","kind","language");--> statement-breakpoint
ALTER TABLE "consent_forms" ADD CONSTRAINT "consent_forms_agency_id_agency_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agency"("id");--> statement-breakpoint
ALTER TABLE "consent_forms" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY "agency_isolation" ON "consent_forms" TO tillit_tenant USING ("agency_id" = NULLIF(current_setting('tillit.agency_id', true), '')::integer);
