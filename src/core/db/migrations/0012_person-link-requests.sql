CREATE TABLE "person_link_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"person_id" uuid NOT NULL,
	"other_person_id" uuid NOT NULL,
	"reason" text NOT NULL,
	"requested_by" uuid NOT NULL,
	"requested_at" timestamp with time zone DEFAULT now() NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"decision_note" text,
	CONSTRAINT "person_link_requests_status_valid" CHECK ("person_link_requests"."status" IN ('open','accepted','declined')),
	CONSTRAINT "person_link_requests_two_records" CHECK ("person_link_requests"."person_id" <> "person_link_requests"."other_person_id")
);
--> statement-breakpoint
ALTER TABLE "sessions" DROP CONSTRAINT "sessions_state_valid";--> statement-breakpoint
ALTER TABLE "mfa_reset_requests" DROP CONSTRAINT "mfa_reset_requests_outcome_valid";--> statement-breakpoint
ALTER TABLE "staff" DROP CONSTRAINT "staff_status_valid";--> statement-breakpoint
ALTER TABLE "person_link_requests" ADD CONSTRAINT "person_link_requests_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "person_link_requests" ADD CONSTRAINT "person_link_requests_other_person_id_persons_id_fk" FOREIGN KEY ("other_person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "person_link_requests" ADD CONSTRAINT "person_link_requests_requested_by_staff_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "person_link_requests" ADD CONSTRAINT "person_link_requests_decided_by_staff_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "person_link_requests_other_idx" ON "person_link_requests" USING btree ("other_person_id") WHERE status = 'open';--> statement-breakpoint
CREATE UNIQUE INDEX "person_link_requests_one_open" ON "person_link_requests" USING btree ("person_id","other_person_id") WHERE status = 'open';--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_state_valid" CHECK ("sessions"."state" IN ('complete','mfa_required','password_change_required','mfa_enrolment_required'));--> statement-breakpoint
ALTER TABLE "mfa_reset_requests" ADD CONSTRAINT "mfa_reset_requests_outcome_valid" CHECK ("mfa_reset_requests"."outcome" IS NULL OR "mfa_reset_requests"."outcome" IN ('approved','declined'));--> statement-breakpoint
ALTER TABLE "staff" ADD CONSTRAINT "staff_status_valid" CHECK ("staff"."status" IN ('active','disabled'));