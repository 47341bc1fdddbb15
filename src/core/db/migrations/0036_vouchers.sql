CREATE TABLE "voucher_events" (
	"agency_id" integer DEFAULT (current_setting('tillit.agency_id'))::integer NOT NULL,
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"voucher_id" uuid NOT NULL,
	"action" text NOT NULL,
	"to_status" text NOT NULL,
	"side" text NOT NULL,
	"reason" text,
	"note" text DEFAULT '' NOT NULL,
	"staff_id" uuid,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "voucher_events_to_status_valid" CHECK ("voucher_events"."to_status" IN ('issued','accepted','declined','in_progress','service_provided','not_provided','returned','cancelled','expired'))
);
--> statement-breakpoint
CREATE TABLE "voucher_number_counters" (
	"agency_id" integer DEFAULT (current_setting('tillit.agency_id'))::integer NOT NULL,
	"year" integer NOT NULL,
	"last_number" integer NOT NULL,
	CONSTRAINT "voucher_number_counters_agency_id_year_pk" PRIMARY KEY("agency_id","year")
);
--> statement-breakpoint
CREATE TABLE "voucher_visits" (
	"agency_id" integer DEFAULT (current_setting('tillit.agency_id'))::integer NOT NULL,
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"voucher_id" uuid NOT NULL,
	"visited_on" date NOT NULL,
	"service" text NOT NULL,
	"duration_minutes" integer NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"journal_entry_id" uuid,
	"recorded_by" uuid NOT NULL,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "vouchers" (
	"agency_id" integer DEFAULT (current_setting('tillit.agency_id'))::integer NOT NULL,
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"number" text NOT NULL,
	"case_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"plan_id" uuid,
	"plan_service_id" uuid,
	"step_id" uuid,
	"partner_organisation_id" uuid NOT NULL,
	"directory_service_id" uuid,
	"service_name" text NOT NULL,
	"location_name" text DEFAULT '' NOT NULL,
	"sessions" integer,
	"period_from" date,
	"period_to" date,
	"valid_until" date NOT NULL,
	"answer_due_on" date NOT NULL,
	"reason" text DEFAULT '' NOT NULL,
	"for_partner" text DEFAULT '' NOT NULL,
	"language" text NOT NULL,
	"categories_asked" text[] NOT NULL,
	"disclosed" jsonb NOT NULL,
	"withheld" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"disclosure_id" uuid,
	"status" text DEFAULT 'issued' NOT NULL,
	"status_reason" text,
	"status_note" text DEFAULT '' NOT NULL,
	"outcome" text DEFAULT '' NOT NULL,
	"reissued_from_id" uuid,
	"person_word" text,
	"person_word_note" text DEFAULT '' NOT NULL,
	"person_word_at" timestamp with time zone,
	"person_word_by" uuid,
	"issued_by" uuid NOT NULL,
	"issued_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "vouchers_status_valid" CHECK ("vouchers"."status" IN ('issued','accepted','declined','in_progress','service_provided','not_provided','returned','cancelled','expired')),
	CONSTRAINT "vouchers_person_word_valid" CHECK ("vouchers"."person_word" IS NULL OR "vouchers"."person_word" IN ('helped','not_helped','did_not_go'))
);
--> statement-breakpoint
ALTER TABLE "alerts" DROP CONSTRAINT "alerts_kind_valid";--> statement-breakpoint
ALTER TABLE "agency" ADD COLUMN "voucher_answer_days" integer DEFAULT 2 NOT NULL;--> statement-breakpoint
ALTER TABLE "agency" ADD COLUMN "voucher_valid_days" integer DEFAULT 30 NOT NULL;--> statement-breakpoint
ALTER TABLE "voucher_events" ADD CONSTRAINT "voucher_events_voucher_id_vouchers_id_fk" FOREIGN KEY ("voucher_id") REFERENCES "public"."vouchers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "voucher_events" ADD CONSTRAINT "voucher_events_staff_id_staff_id_fk" FOREIGN KEY ("staff_id") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "voucher_visits" ADD CONSTRAINT "voucher_visits_voucher_id_vouchers_id_fk" FOREIGN KEY ("voucher_id") REFERENCES "public"."vouchers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "voucher_visits" ADD CONSTRAINT "voucher_visits_journal_entry_id_journal_entries_id_fk" FOREIGN KEY ("journal_entry_id") REFERENCES "public"."journal_entries"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "voucher_visits" ADD CONSTRAINT "voucher_visits_recorded_by_staff_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vouchers" ADD CONSTRAINT "vouchers_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vouchers" ADD CONSTRAINT "vouchers_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vouchers" ADD CONSTRAINT "vouchers_plan_id_service_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."service_plans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vouchers" ADD CONSTRAINT "vouchers_partner_organisation_id_partner_organisations_id_fk" FOREIGN KEY ("partner_organisation_id") REFERENCES "public"."partner_organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vouchers" ADD CONSTRAINT "vouchers_directory_service_id_directory_services_id_fk" FOREIGN KEY ("directory_service_id") REFERENCES "public"."directory_services"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vouchers" ADD CONSTRAINT "vouchers_disclosure_id_disclosures_id_fk" FOREIGN KEY ("disclosure_id") REFERENCES "public"."disclosures"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vouchers" ADD CONSTRAINT "vouchers_person_word_by_staff_id_fk" FOREIGN KEY ("person_word_by") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vouchers" ADD CONSTRAINT "vouchers_issued_by_staff_id_fk" FOREIGN KEY ("issued_by") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "voucher_events_voucher_idx" ON "voucher_events" USING btree ("voucher_id","at");--> statement-breakpoint
CREATE INDEX "voucher_visits_voucher_idx" ON "voucher_visits" USING btree ("voucher_id","visited_on");--> statement-breakpoint
CREATE UNIQUE INDEX "vouchers_number_unique" ON "vouchers" USING btree ("agency_id","number");--> statement-breakpoint
CREATE INDEX "vouchers_partner_idx" ON "vouchers" USING btree ("partner_organisation_id","issued_at" DESC NULLS FIRST,"id" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "vouchers_case_idx" ON "vouchers" USING btree ("case_id","issued_at");--> statement-breakpoint
CREATE INDEX "vouchers_unanswered_idx" ON "vouchers" USING btree ("answer_due_on") WHERE status = 'issued';--> statement-breakpoint
ALTER TABLE "alerts" ADD CONSTRAINT "alerts_kind_valid" CHECK ("alerts"."kind" IN ('urgent_request','crisis_flag','password_reset','mfa_reset','mfa_reset_requested','link_requested','link_accepted','link_declined','record_revealed','decision_to_sign','crisis_opened','legal_disclosure','emergency_access','voucher_answered','contact_due','draft_unsigned','follow_up_due','crisis_follow_up_due','voucher_unanswered','voucher_expired'));--> statement-breakpointALTER TABLE "vouchers" ADD CONSTRAINT "vouchers_agency_id_agency_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agency"("id");--> statement-breakpoint
ALTER TABLE "vouchers" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY "agency_isolation" ON "vouchers" TO tillit_tenant USING ("agency_id" = NULLIF(current_setting('tillit.agency_id', true), '')::integer);--> statement-breakpoint
ALTER TABLE "voucher_events" ADD CONSTRAINT "voucher_events_agency_id_agency_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agency"("id");--> statement-breakpoint
ALTER TABLE "voucher_events" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY "agency_isolation" ON "voucher_events" TO tillit_tenant USING ("agency_id" = NULLIF(current_setting('tillit.agency_id', true), '')::integer);--> statement-breakpoint
ALTER TABLE "voucher_visits" ADD CONSTRAINT "voucher_visits_agency_id_agency_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agency"("id");--> statement-breakpoint
ALTER TABLE "voucher_visits" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY "agency_isolation" ON "voucher_visits" TO tillit_tenant USING ("agency_id" = NULLIF(current_setting('tillit.agency_id', true), '')::integer);--> statement-breakpoint
ALTER TABLE "voucher_number_counters" ADD CONSTRAINT "voucher_number_counters_agency_id_agency_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agency"("id");--> statement-breakpoint
ALTER TABLE "voucher_number_counters" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY "agency_isolation" ON "voucher_number_counters" TO tillit_tenant USING ("agency_id" = NULLIF(current_setting('tillit.agency_id', true), '')::integer);
