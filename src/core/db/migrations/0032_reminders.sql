ALTER TABLE "alerts" DROP CONSTRAINT "alerts_kind_valid";--> statement-breakpoint
ALTER TABLE "staff" ADD COLUMN "notify_by_email" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "alerts" ADD COLUMN "subject_id" uuid;--> statement-breakpoint
ALTER TABLE "alerts" ADD COLUMN "due_on" date;--> statement-breakpoint
CREATE UNIQUE INDEX "alerts_reminder_once" ON "alerts" USING btree ("recipient_id","kind","subject_id","due_on") WHERE due_on IS NOT NULL;--> statement-breakpoint
ALTER TABLE "alerts" ADD CONSTRAINT "alerts_kind_valid" CHECK ("alerts"."kind" IN ('urgent_request','crisis_flag','password_reset','mfa_reset','mfa_reset_requested','link_requested','link_accepted','link_declined','record_revealed','decision_to_sign','crisis_opened','legal_disclosure','emergency_access','contact_due','draft_unsigned','follow_up_due','crisis_follow_up_due'));