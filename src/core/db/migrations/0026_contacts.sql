CREATE TABLE "calendar_feeds" (
	"agency_id" integer DEFAULT (current_setting('tillit.agency_id'))::integer NOT NULL,
	"staff_id" uuid PRIMARY KEY NOT NULL,
	"token_hash" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_used_at" timestamp with time zone,
	CONSTRAINT "calendar_feeds_token_hash_unique" UNIQUE("token_hash")
);
--> statement-breakpoint
CREATE TABLE "contacts" (
	"agency_id" integer DEFAULT (current_setting('tillit.agency_id'))::integer NOT NULL,
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"status" text DEFAULT 'planned' NOT NULL,
	"kind" text NOT NULL,
	"planned_on" date NOT NULL,
	"planned_time" text,
	"starts_at" timestamp with time zone NOT NULL,
	"duration_minutes" integer DEFAULT 60 NOT NULL,
	"place_kind" text NOT NULL,
	"place_text" text DEFAULT '' NOT NULL,
	"participants" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"purpose" text DEFAULT '' NOT NULL,
	"plan_meeting_id" uuid,
	"recorded_at" timestamp with time zone,
	"recorded_by" uuid,
	"journal_entry_id" uuid,
	"follow_up" text,
	"follow_up_on" date,
	"follow_up_by" uuid,
	"follow_up_done_at" timestamp with time zone,
	"cancelled_by" text,
	"cancel_reason" text,
	"created_by" uuid NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "contacts_status_valid" CHECK ("contacts"."status" IN ('planned','held','missed','cancelled')),
	CONSTRAINT "contacts_kind_valid" CHECK ("contacts"."kind" IN ('home_visit','office_meeting','phone_call','video_call','group_session','accompanying','other')),
	CONSTRAINT "contacts_place_kind_valid" CHECK ("contacts"."place_kind" IN ('home','office','partner_premises','remote','other')),
	CONSTRAINT "contacts_cancelled_by_valid" CHECK ("contacts"."cancelled_by" IS NULL OR "contacts"."cancelled_by" IN ('person','agency','other')),
	CONSTRAINT "contacts_duration_valid" CHECK ("contacts"."duration_minutes" BETWEEN 5 AND 720),
	CONSTRAINT "contacts_missed_has_follow_up" CHECK ("contacts"."status" <> 'missed' OR ("contacts"."follow_up" IS NOT NULL AND "contacts"."follow_up_on" IS NOT NULL)),
	CONSTRAINT "contacts_cancelled_has_reason" CHECK ("contacts"."status" <> 'cancelled' OR ("contacts"."cancelled_by" IS NOT NULL AND "contacts"."cancel_reason" IS NOT NULL)),
	CONSTRAINT "contacts_recorded_when" CHECK ("contacts"."status" = 'planned' OR ("contacts"."recorded_at" IS NOT NULL AND "contacts"."recorded_by" IS NOT NULL))
);
--> statement-breakpoint
ALTER TABLE "journal_entries" ADD COLUMN "contact_id" uuid;--> statement-breakpoint
ALTER TABLE "calendar_feeds" ADD CONSTRAINT "calendar_feeds_staff_id_staff_id_fk" FOREIGN KEY ("staff_id") REFERENCES "public"."staff"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contacts" ADD CONSTRAINT "contacts_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contacts" ADD CONSTRAINT "contacts_recorded_by_staff_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contacts" ADD CONSTRAINT "contacts_journal_entry_id_journal_entries_id_fk" FOREIGN KEY ("journal_entry_id") REFERENCES "public"."journal_entries"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contacts" ADD CONSTRAINT "contacts_follow_up_by_staff_id_fk" FOREIGN KEY ("follow_up_by") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contacts" ADD CONSTRAINT "contacts_created_by_staff_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "contacts_case_time_idx" ON "contacts" USING btree ("case_id","starts_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "contacts_participants_idx" ON "contacts" USING gin ("participants" jsonb_path_ops);--> statement-breakpoint
CREATE INDEX "contacts_follow_ups_idx" ON "contacts" USING btree ("follow_up_on") WHERE status = 'missed' AND follow_up_done_at IS NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "contacts_one_per_plan_meeting" ON "contacts" USING btree ("case_id","plan_meeting_id") WHERE plan_meeting_id IS NOT NULL;--> statement-breakpoint
ALTER TABLE "journal_entries" ADD CONSTRAINT "journal_entries_contact_id_contacts_id_fk" FOREIGN KEY ("contact_id") REFERENCES "public"."contacts"("id");--> statement-breakpoint
CREATE INDEX "journal_entries_contact_idx" ON "journal_entries" USING btree ("contact_id") WHERE contact_id IS NOT NULL;--> statement-breakpoint
ALTER TABLE "contacts" ADD CONSTRAINT "contacts_agency_id_agency_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agency"("id");--> statement-breakpoint
ALTER TABLE "contacts" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY "agency_isolation" ON "contacts" TO tillit_tenant USING ("agency_id" = NULLIF(current_setting('tillit.agency_id', true), '')::integer);--> statement-breakpoint
ALTER TABLE "calendar_feeds" ADD CONSTRAINT "calendar_feeds_agency_id_agency_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agency"("id");--> statement-breakpoint
ALTER TABLE "calendar_feeds" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY "agency_isolation" ON "calendar_feeds" TO tillit_tenant USING ("agency_id" = NULLIF(current_setting('tillit.agency_id', true), '')::integer);--> statement-breakpoint
-- A recorded contact (held, missed, cancelled) is the visit log: settled but for the link to its
-- journal entry (null again when that draft is thrown away) and its no-show follow-up being done.
CREATE TRIGGER contacts_recorded_are_settled BEFORE UPDATE ON contacts
  FOR EACH ROW WHEN (
    OLD.status <> 'planned'
    AND (to_jsonb(NEW) - ARRAY['journal_entry_id', 'follow_up_done_at', 'version', 'updated_at'])
      IS DISTINCT FROM (to_jsonb(OLD) - ARRAY['journal_entry_id', 'follow_up_done_at', 'version', 'updated_at'])
  ) EXECUTE FUNCTION refuse_change_to_settled_record();--> statement-breakpoint
CREATE TRIGGER contacts_recorded_are_kept BEFORE DELETE ON contacts
  FOR EACH ROW WHEN (OLD.status <> 'planned') EXECUTE FUNCTION refuse_change_to_settled_record();
