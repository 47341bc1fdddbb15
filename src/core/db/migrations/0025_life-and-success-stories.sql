CREATE TABLE "life_stories" (
	"agency_id" integer DEFAULT (current_setting('tillit.agency_id'))::integer NOT NULL,
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"person_id" uuid NOT NULL,
	"language" text NOT NULL,
	"sections" jsonb NOT NULL,
	"draft_changed_by" uuid NOT NULL,
	"draft_changed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "life_story_confirmations" (
	"agency_id" integer DEFAULT (current_setting('tillit.agency_id'))::integer NOT NULL,
	"version_id" uuid PRIMARY KEY NOT NULL,
	"person_id" uuid NOT NULL,
	"confirmed_on" date NOT NULL,
	"method" text NOT NULL,
	"interpreter_name" text,
	"note" text DEFAULT '' NOT NULL,
	"recorded_by" uuid NOT NULL,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "life_story_confirmations_method_valid" CHECK ("life_story_confirmations"."method" IN ('read_together','read_by_person','read_with_interpreter','signed_on_paper'))
);
--> statement-breakpoint
CREATE TABLE "life_story_versions" (
	"agency_id" integer DEFAULT (current_setting('tillit.agency_id'))::integer NOT NULL,
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"life_story_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"number" integer NOT NULL,
	"language" text NOT NULL,
	"sections" jsonb NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"saved_by" uuid NOT NULL,
	"saved_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "life_stories" ADD CONSTRAINT "life_stories_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "life_stories" ADD CONSTRAINT "life_stories_draft_changed_by_staff_id_fk" FOREIGN KEY ("draft_changed_by") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "life_story_confirmations" ADD CONSTRAINT "life_story_confirmations_version_id_life_story_versions_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."life_story_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "life_story_confirmations" ADD CONSTRAINT "life_story_confirmations_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "life_story_confirmations" ADD CONSTRAINT "life_story_confirmations_recorded_by_staff_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "life_story_versions" ADD CONSTRAINT "life_story_versions_life_story_id_life_stories_id_fk" FOREIGN KEY ("life_story_id") REFERENCES "public"."life_stories"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "life_story_versions" ADD CONSTRAINT "life_story_versions_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "life_story_versions" ADD CONSTRAINT "life_story_versions_saved_by_staff_id_fk" FOREIGN KEY ("saved_by") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "life_stories_one_per_person" ON "life_stories" USING btree ("person_id");--> statement-breakpoint
CREATE UNIQUE INDEX "life_story_versions_number" ON "life_story_versions" USING btree ("life_story_id","number");--> statement-breakpoint
CREATE INDEX "life_story_versions_person_idx" ON "life_story_versions" USING btree ("person_id");--> statement-breakpoint
ALTER TABLE "life_stories" ADD CONSTRAINT "life_stories_agency_id_agency_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agency"("id");--> statement-breakpoint
ALTER TABLE "life_story_versions" ADD CONSTRAINT "life_story_versions_agency_id_agency_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agency"("id");--> statement-breakpoint
ALTER TABLE "life_story_confirmations" ADD CONSTRAINT "life_story_confirmations_agency_id_agency_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agency"("id");--> statement-breakpoint
ALTER TABLE "life_stories" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "life_story_versions" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "life_story_confirmations" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY "agency_isolation" ON "life_stories" TO tillit_tenant USING ("agency_id" = NULLIF(current_setting('tillit.agency_id', true), '')::integer);--> statement-breakpoint
CREATE POLICY "agency_isolation" ON "life_story_versions" TO tillit_tenant USING ("agency_id" = NULLIF(current_setting('tillit.agency_id', true), '')::integer);--> statement-breakpoint
CREATE POLICY "agency_isolation" ON "life_story_confirmations" TO tillit_tenant USING ("agency_id" = NULLIF(current_setting('tillit.agency_id', true), '')::integer);--> statement-breakpoint
-- A version kept is the story as it stood that day, and the person's confirmation of it is what they said:
-- neither is ever changed or removed (the draft is where the story goes on).
CREATE TRIGGER life_story_versions_are_final BEFORE UPDATE OR DELETE ON life_story_versions
  FOR EACH ROW EXECUTE FUNCTION refuse_change_to_settled_record();--> statement-breakpoint
CREATE TRIGGER life_story_confirmations_are_final BEFORE UPDATE OR DELETE ON life_story_confirmations
  FOR EACH ROW EXECUTE FUNCTION refuse_change_to_settled_record();
--> statement-breakpoint
CREATE TABLE "story_consents" (
	"agency_id" integer DEFAULT (current_setting('tillit.agency_id'))::integer NOT NULL,
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"seq" bigint GENERATED ALWAYS AS IDENTITY (sequence name "story_consents_seq_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"story_id" uuid NOT NULL,
	"use" text NOT NULL,
	"kind" text NOT NULL,
	"dated_on" date NOT NULL,
	"method" text NOT NULL,
	"given_by" text NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"recorded_by" uuid NOT NULL,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "story_consents_use_valid" CHECK ("story_consents"."use" IN ('internal_learning','anonymised_reports','published')),
	CONSTRAINT "story_consents_kind_valid" CHECK ("story_consents"."kind" IN ('given','withdrawn')),
	CONSTRAINT "story_consents_method_valid" CHECK ("story_consents"."method" IN ('signed_form','in_person','by_phone','in_writing')),
	CONSTRAINT "story_consents_given_by_valid" CHECK ("story_consents"."given_by" IN ('person','guardian'))
);
--> statement-breakpoint
CREATE TABLE "story_uses" (
	"agency_id" integer DEFAULT (current_setting('tillit.agency_id'))::integer NOT NULL,
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"story_id" uuid NOT NULL,
	"use" text NOT NULL,
	"purpose" text NOT NULL,
	"story_revision" integer NOT NULL,
	"anon_revision" integer,
	"recorded_by" uuid NOT NULL,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "story_uses_use_valid" CHECK ("story_uses"."use" IN ('internal_learning','anonymised_reports','published'))
);
--> statement-breakpoint
CREATE TABLE "success_stories" (
	"agency_id" integer DEFAULT (current_setting('tillit.agency_id'))::integer NOT NULL,
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"language" text NOT NULL,
	"title" text NOT NULL,
	"text" jsonb NOT NULL,
	"revision" integer DEFAULT 1 NOT NULL,
	"author_id" uuid NOT NULL,
	"writer_ids" uuid[] DEFAULT '{}' NOT NULL,
	"anon_title" text,
	"anon_text" jsonb,
	"anon_proposals" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"anon_remaining" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"anon_dates" text,
	"anon_source_revision" integer,
	"anon_revision" integer DEFAULT 0 NOT NULL,
	"anonymised_by" uuid,
	"anonymised_at" timestamp with time zone,
	"anon_edited_by" uuid,
	"approved_revision" integer,
	"approved_by" uuid,
	"approved_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "success_stories_language_valid" CHECK ("success_stories"."language" IN ('en','nb','sv','ru','zh-Hans','zh-Hant')),
	CONSTRAINT "success_stories_anon_dates_valid" CHECK ("success_stories"."anon_dates" IS NULL OR "success_stories"."anon_dates" IN ('month_year','relative'))
);
--> statement-breakpoint
ALTER TABLE "story_consents" ADD CONSTRAINT "story_consents_story_id_success_stories_id_fk" FOREIGN KEY ("story_id") REFERENCES "public"."success_stories"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "story_consents" ADD CONSTRAINT "story_consents_recorded_by_staff_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "story_uses" ADD CONSTRAINT "story_uses_story_id_success_stories_id_fk" FOREIGN KEY ("story_id") REFERENCES "public"."success_stories"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "story_uses" ADD CONSTRAINT "story_uses_recorded_by_staff_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "success_stories" ADD CONSTRAINT "success_stories_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "success_stories" ADD CONSTRAINT "success_stories_author_id_staff_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "success_stories" ADD CONSTRAINT "success_stories_anonymised_by_staff_id_fk" FOREIGN KEY ("anonymised_by") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "success_stories" ADD CONSTRAINT "success_stories_anon_edited_by_staff_id_fk" FOREIGN KEY ("anon_edited_by") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "success_stories" ADD CONSTRAINT "success_stories_approved_by_staff_id_fk" FOREIGN KEY ("approved_by") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "story_consents_story_idx" ON "story_consents" USING btree ("story_id","seq");--> statement-breakpoint
CREATE INDEX "story_uses_story_idx" ON "story_uses" USING btree ("story_id","recorded_at");--> statement-breakpoint
CREATE INDEX "success_stories_case_idx" ON "success_stories" USING btree ("case_id","created_at");--> statement-breakpoint
ALTER TABLE "success_stories" ADD CONSTRAINT "success_stories_agency_id_agency_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agency"("id");--> statement-breakpoint
ALTER TABLE "story_consents" ADD CONSTRAINT "story_consents_agency_id_agency_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agency"("id");--> statement-breakpoint
ALTER TABLE "story_uses" ADD CONSTRAINT "story_uses_agency_id_agency_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agency"("id");--> statement-breakpoint
ALTER TABLE "success_stories" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "story_consents" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "story_uses" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY "agency_isolation" ON "success_stories" TO tillit_tenant USING ("agency_id" = NULLIF(current_setting('tillit.agency_id', true), '')::integer);--> statement-breakpoint
CREATE POLICY "agency_isolation" ON "story_consents" TO tillit_tenant USING ("agency_id" = NULLIF(current_setting('tillit.agency_id', true), '')::integer);--> statement-breakpoint
CREATE POLICY "agency_isolation" ON "story_uses" TO tillit_tenant USING ("agency_id" = NULLIF(current_setting('tillit.agency_id', true), '')::integer);--> statement-breakpoint
-- The consent ledger and the record of uses are what the person said and what was done with their story:
-- appended to, never changed or removed. Whether consent is in force is worked out from the ledger.
CREATE TRIGGER story_consents_are_final BEFORE UPDATE OR DELETE ON story_consents
  FOR EACH ROW EXECUTE FUNCTION refuse_change_to_settled_record();--> statement-breakpoint
CREATE TRIGGER story_uses_are_final BEFORE UPDATE OR DELETE ON story_uses
  FOR EACH ROW EXECUTE FUNCTION refuse_change_to_settled_record();
