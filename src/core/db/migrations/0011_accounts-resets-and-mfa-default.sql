CREATE TABLE "mfa_reset_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"staff_id" uuid NOT NULL,
	"requested_by" uuid NOT NULL,
	"reason" text NOT NULL,
	"requested_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"outcome" text,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	CONSTRAINT "mfa_reset_requests_outcome_valid" CHECK ("mfa_reset_requests"."outcome" IS NULL OR "mfa_reset_requests"."outcome" IN ('approved', 'declined')),
	CONSTRAINT "mfa_reset_requests_decided_together" CHECK (("mfa_reset_requests"."outcome" IS NULL) = ("mfa_reset_requests"."decided_by" IS NULL) AND ("mfa_reset_requests"."outcome" IS NULL) = ("mfa_reset_requests"."decided_at" IS NULL)),
	CONSTRAINT "mfa_reset_requests_not_for_oneself" CHECK ("mfa_reset_requests"."requested_by" <> "mfa_reset_requests"."staff_id"),
	CONSTRAINT "mfa_reset_requests_second_person_approves" CHECK ("mfa_reset_requests"."outcome" IS DISTINCT FROM 'approved' OR "mfa_reset_requests"."decided_by" <> "mfa_reset_requests"."requested_by"),
	CONSTRAINT "mfa_reset_requests_not_decided_by_subject" CHECK ("mfa_reset_requests"."decided_by" IS NULL OR "mfa_reset_requests"."decided_by" <> "mfa_reset_requests"."staff_id")
);
--> statement-breakpoint
ALTER TABLE "sessions" DROP CONSTRAINT "sessions_state_valid";--> statement-breakpoint
ALTER TABLE "agency" ALTER COLUMN "mfa_required_roles" SET DEFAULT '{administrator,agency_head,supervisor,case_worker,intake_worker,partner_provider,auditor}';--> statement-breakpoint
ALTER TABLE "staff" ADD COLUMN "temporary_password_expires_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "staff" ADD COLUMN "temporary_password_used_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "staff" ADD COLUMN "password_reset_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "staff" ADD COLUMN "password_reset_by" uuid;--> statement-breakpoint
ALTER TABLE "staff" ADD COLUMN "mfa_reset_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "staff" ADD COLUMN "mfa_reset_by" uuid;--> statement-breakpoint
ALTER TABLE "mfa_reset_requests" ADD CONSTRAINT "mfa_reset_requests_staff_id_staff_id_fk" FOREIGN KEY ("staff_id") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mfa_reset_requests" ADD CONSTRAINT "mfa_reset_requests_requested_by_staff_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mfa_reset_requests" ADD CONSTRAINT "mfa_reset_requests_decided_by_staff_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "mfa_reset_requests_open_idx" ON "mfa_reset_requests" USING btree ("staff_id") WHERE "mfa_reset_requests"."outcome" IS NULL;--> statement-breakpoint
ALTER TABLE "staff" ADD CONSTRAINT "staff_password_reset_by_staff_id_fk" FOREIGN KEY ("password_reset_by") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "staff" ADD CONSTRAINT "staff_mfa_reset_by_staff_id_fk" FOREIGN KEY ("mfa_reset_by") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_state_valid" CHECK ("sessions"."state" IN ('complete', 'mfa_required', 'mfa_enrolment_required', 'password_change_required'));--> statement-breakpoint
-- Existing installations are tightened as well: every role must use two-step verification from its
-- next sign-in (staff who have not set it up are asked to then). An agency may relax it again in
-- its settings, which then warns.
UPDATE "agency" SET "mfa_required_roles" = '{administrator,agency_head,supervisor,case_worker,intake_worker,partner_provider,auditor}', "version" = "version" + 1, "updated_at" = now();
