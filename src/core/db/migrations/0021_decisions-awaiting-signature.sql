ALTER TABLE "decisions" DROP CONSTRAINT "decisions_status_valid";--> statement-breakpoint
ALTER TABLE "alerts" DROP CONSTRAINT "alerts_kind_valid";--> statement-breakpoint
ALTER TABLE "decisions" ADD CONSTRAINT "decisions_status_valid" CHECK ("decisions"."status" IN ('draft','awaiting_signature','signed'));--> statement-breakpoint
ALTER TABLE "alerts" ADD CONSTRAINT "alerts_kind_valid" CHECK ("alerts"."kind" IN ('urgent_request','crisis_flag','password_reset','mfa_reset','mfa_reset_requested','link_requested','link_accepted','link_declined','record_revealed','decision_to_sign'));