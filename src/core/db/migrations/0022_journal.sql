CREATE TABLE "journal_entries" (
	"agency_id" integer DEFAULT (current_setting('tillit.agency_id'))::integer NOT NULL,
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"kind" text NOT NULL,
	"occurred_on" date NOT NULL,
	"occurred_time" text,
	"occurred_at" timestamp with time zone NOT NULL,
	"information_from" text DEFAULT '' NOT NULL,
	"participants" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"text" jsonb NOT NULL,
	"plain_text" text DEFAULT '' NOT NULL,
	"search" "tsvector" NOT NULL,
	"goal_ids" uuid[] DEFAULT '{}' NOT NULL,
	"step_ids" uuid[] DEFAULT '{}' NOT NULL,
	"need_ids" uuid[] DEFAULT '{}' NOT NULL,
	"completes_steps" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"confidentiality" text DEFAULT 'normal' NOT NULL,
	"sensitive_category" text,
	"author_id" uuid NOT NULL,
	"signed_at" timestamp with time zone,
	"signed_late" boolean DEFAULT false NOT NULL,
	"corrects_id" uuid,
	"correction_reason" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "journal_entries_status_valid" CHECK ("journal_entries"."status" IN ('draft','signed')),
	CONSTRAINT "journal_entries_confidentiality_valid" CHECK ("journal_entries"."confidentiality" IN ('normal','restricted','sensitive')),
	CONSTRAINT "journal_entries_sensitive_category_valid" CHECK ("journal_entries"."sensitive_category" IS NULL OR "journal_entries"."sensitive_category" IN ('health','substance_use','criminal_history'))
);
--> statement-breakpoint
ALTER TABLE "agency" ADD COLUMN "journal_entry_kinds" jsonb;--> statement-breakpoint
ALTER TABLE "agency" ADD COLUMN "journal_late_after_days" integer DEFAULT 3 NOT NULL;--> statement-breakpoint
ALTER TABLE "agency" ADD COLUMN "journal_draft_reminder_days" integer DEFAULT 3 NOT NULL;--> statement-breakpoint
ALTER TABLE "journal_entries" ADD CONSTRAINT "journal_entries_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "journal_entries" ADD CONSTRAINT "journal_entries_author_id_staff_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "journal_entries" ADD CONSTRAINT "journal_entries_corrects_id_journal_entries_id_fk" FOREIGN KEY ("corrects_id") REFERENCES "public"."journal_entries"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "journal_entries_case_time_idx" ON "journal_entries" USING btree ("case_id","occurred_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "journal_entries_search_idx" ON "journal_entries" USING gin ("search");--> statement-breakpoint
CREATE INDEX "journal_entries_goals_idx" ON "journal_entries" USING gin ("goal_ids");--> statement-breakpoint
CREATE INDEX "journal_entries_drafts_idx" ON "journal_entries" USING btree ("author_id","updated_at") WHERE status = 'draft';--> statement-breakpoint
CREATE UNIQUE INDEX "journal_entries_one_signed_correction" ON "journal_entries" USING btree ("corrects_id") WHERE status = 'signed' AND corrects_id IS NOT NULL;--> statement-breakpoint
ALTER TABLE "journal_entries" ADD CONSTRAINT "journal_entries_agency_id_agency_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agency"("id");--> statement-breakpoint
ALTER TABLE "journal_entries" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY "agency_isolation" ON "journal_entries" TO tillit_tenant USING ("agency_id" = NULLIF(current_setting('tillit.agency_id', true), '')::integer);--> statement-breakpoint
-- A signed journal entry is final (seed 001: never silently changed): a correction is a new entry.
CREATE TRIGGER journal_entries_signed_are_final BEFORE UPDATE OR DELETE ON journal_entries
  FOR EACH ROW WHEN (OLD.status = 'signed') EXECUTE FUNCTION refuse_change_to_settled_record();
