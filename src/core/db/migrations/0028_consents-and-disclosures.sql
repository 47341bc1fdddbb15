CREATE TABLE "consent_events" (
	"agency_id" integer DEFAULT (current_setting('tillit.agency_id'))::integer NOT NULL,
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"consent_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"signer" text,
	"signer_name" text,
	"method" text,
	"witness_name" text,
	"reason" text DEFAULT '' NOT NULL,
	"recorded_by" uuid NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "consent_events_kind_valid" CHECK ("consent_events"."kind" IN ('signed','withdrawn')),
	CONSTRAINT "consent_events_signer_valid" CHECK ("consent_events"."signer" IS NULL OR "consent_events"."signer" IN ('person','guardian')),
	CONSTRAINT "consent_events_method_valid" CHECK ("consent_events"."method" IS NULL OR "consent_events"."method" IN ('signed_on_screen','scanned','paper_with_witness','oral'))
);
--> statement-breakpoint
CREATE TABLE "consents" (
	"agency_id" integer DEFAULT (current_setting('tillit.agency_id'))::integer NOT NULL,
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"person_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"purposes" text[] DEFAULT '{}' NOT NULL,
	"purpose_note" text DEFAULT '' NOT NULL,
	"recipients" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"categories" text[] DEFAULT '{}' NOT NULL,
	"valid_from" date NOT NULL,
	"valid_to" date,
	"required_signers" text[] NOT NULL,
	"shown_text" text NOT NULL,
	"language" text NOT NULL,
	"recorded_by" uuid NOT NULL,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "consents_kind_valid" CHECK ("consents"."kind" IN ('programme_inclusion','disclosure','health_disclosure','relatives_contact','success_story')),
	CONSTRAINT "consents_required_signers_valid" CHECK ("consents"."required_signers" <@ ARRAY['person','guardian']::text[] AND cardinality("consents"."required_signers") > 0)
);
--> statement-breakpoint
CREATE TABLE "disclosures" (
	"agency_id" integer DEFAULT (current_setting('tillit.agency_id'))::integer NOT NULL,
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"person_id" uuid NOT NULL,
	"case_id" uuid,
	"kind" text NOT NULL,
	"recipient" jsonb NOT NULL,
	"recipient_name" text NOT NULL,
	"purpose" text NOT NULL,
	"categories_asked" text[] NOT NULL,
	"categories_given" text[] NOT NULL,
	"grants" jsonb NOT NULL,
	"refused" jsonb NOT NULL,
	"legal_basis" text,
	"legal_reason" text,
	"content" jsonb NOT NULL,
	"language" text NOT NULL,
	"disclosed_by" uuid NOT NULL,
	"disclosed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "disclosures_purpose_valid" CHECK ("disclosures"."purpose" IN ('service_coordination','referral','health_care','benefits_and_housing','education_and_work','legal_assistance')),
	CONSTRAINT "disclosures_legal_basis_valid" CHECK ("disclosures"."legal_basis" IS NULL OR "disclosures"."legal_basis" IN ('child_protection_report','court_order','police_request_by_law','danger_to_life')),
	CONSTRAINT "disclosures_categories_asked_valid" CHECK ("disclosures"."categories_asked" <@ ARRAY['identity','request_assessment','plan','journal','health','substance_use','criminal_history']::text[] AND cardinality("disclosures"."categories_asked") > 0)
);
--> statement-breakpoint
ALTER TABLE "alerts" DROP CONSTRAINT "alerts_kind_valid";--> statement-breakpoint
ALTER TABLE "partner_organisations" ADD COLUMN "recipient_kinds" text[] DEFAULT '{}' NOT NULL;--> statement-breakpoint
ALTER TABLE "consent_events" ADD CONSTRAINT "consent_events_consent_id_consents_id_fk" FOREIGN KEY ("consent_id") REFERENCES "public"."consents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consent_events" ADD CONSTRAINT "consent_events_recorded_by_staff_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consents" ADD CONSTRAINT "consents_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consents" ADD CONSTRAINT "consents_recorded_by_staff_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "disclosures" ADD CONSTRAINT "disclosures_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "disclosures" ADD CONSTRAINT "disclosures_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "disclosures" ADD CONSTRAINT "disclosures_disclosed_by_staff_id_fk" FOREIGN KEY ("disclosed_by") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "consent_events_consent_idx" ON "consent_events" USING btree ("consent_id","at");--> statement-breakpoint
CREATE INDEX "consents_person_idx" ON "consents" USING btree ("person_id","recorded_at");--> statement-breakpoint
CREATE INDEX "disclosures_person_idx" ON "disclosures" USING btree ("person_id","disclosed_at");--> statement-breakpoint
ALTER TABLE "alerts" ADD CONSTRAINT "alerts_kind_valid" CHECK ("alerts"."kind" IN ('urgent_request','crisis_flag','password_reset','mfa_reset','mfa_reset_requested','link_requested','link_accepted','link_declined','record_revealed','decision_to_sign','crisis_opened','legal_disclosure'));--> statement-breakpoint
ALTER TABLE "consents" ADD CONSTRAINT "consents_agency_id_agency_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agency"("id");--> statement-breakpoint
ALTER TABLE "consent_events" ADD CONSTRAINT "consent_events_agency_id_agency_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agency"("id");--> statement-breakpoint
ALTER TABLE "disclosures" ADD CONSTRAINT "disclosures_agency_id_agency_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agency"("id");--> statement-breakpoint
ALTER TABLE "consents" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "consent_events" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "disclosures" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY "agency_isolation" ON "consents" TO tillit_tenant USING ("agency_id" = NULLIF(current_setting('tillit.agency_id', true), '')::integer);--> statement-breakpoint
CREATE POLICY "agency_isolation" ON "consent_events" TO tillit_tenant USING ("agency_id" = NULLIF(current_setting('tillit.agency_id', true), '')::integer);--> statement-breakpoint
CREATE POLICY "agency_isolation" ON "disclosures" TO tillit_tenant USING ("agency_id" = NULLIF(current_setting('tillit.agency_id', true), '')::integer);--> statement-breakpoint
-- A consent, what happened to it, and what was disclosed are kept as they were: history is never changed or deleted.
CREATE TRIGGER consents_are_final BEFORE UPDATE OR DELETE ON consents
  FOR EACH ROW EXECUTE FUNCTION refuse_change_to_settled_record();--> statement-breakpoint
CREATE TRIGGER consent_events_are_final BEFORE UPDATE OR DELETE ON consent_events
  FOR EACH ROW EXECUTE FUNCTION refuse_change_to_settled_record();--> statement-breakpoint
CREATE TRIGGER disclosures_are_final BEFORE UPDATE OR DELETE ON disclosures
  FOR EACH ROW EXECUTE FUNCTION refuse_change_to_settled_record();
