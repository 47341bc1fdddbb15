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
