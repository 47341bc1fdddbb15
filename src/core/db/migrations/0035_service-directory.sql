CREATE TABLE "directory_services" (
	"agency_id" integer DEFAULT (current_setting('tillit.agency_id'))::integer NOT NULL,
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"name" text NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"categories" text[] NOT NULL,
	"areas" text[] NOT NULL,
	"languages" text[] NOT NULL,
	"verified_on" date,
	"document" jsonb NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "directory_services_status_valid" CHECK ("directory_services"."status" IN ('active','inactive','defunct','temporarily closed'))
);
--> statement-breakpoint
ALTER TABLE "agency" ADD COLUMN "directory_verify_months" integer DEFAULT 12 NOT NULL;--> statement-breakpoint
ALTER TABLE "partner_organisations" ADD COLUMN "description" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "partner_organisations" ADD COLUMN "website" text;--> statement-breakpoint
ALTER TABLE "directory_services" ADD CONSTRAINT "directory_services_agency_id_agency_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agency"("id");--> statement-breakpoint
ALTER TABLE "directory_services" ADD CONSTRAINT "directory_services_organisation_id_partner_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."partner_organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "directory_services_organisation_idx" ON "directory_services" USING btree ("organisation_id");--> statement-breakpoint
CREATE INDEX "directory_services_name_idx" ON "directory_services" USING btree ("name","id");--> statement-breakpoint
CREATE INDEX "directory_services_categories_idx" ON "directory_services" USING gin ("categories");--> statement-breakpoint
ALTER TABLE "directory_services" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY "agency_isolation" ON "directory_services" TO tillit_tenant USING ("agency_id" = NULLIF(current_setting('tillit.agency_id', true), '')::integer);
