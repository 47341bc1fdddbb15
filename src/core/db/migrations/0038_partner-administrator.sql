ALTER TABLE "staff" DROP CONSTRAINT "staff_roles_valid";--> statement-breakpoint
ALTER TABLE "staff" DROP CONSTRAINT "staff_partner_has_organisation";--> statement-breakpoint
ALTER TABLE "agency" ALTER COLUMN "mfa_required_roles" SET DEFAULT '{administrator,agency_head,supervisor,case_worker,intake_worker,partner_provider,partner_administrator,auditor}';--> statement-breakpoint
ALTER TABLE "staff" ADD CONSTRAINT "staff_roles_valid" CHECK ("staff"."roles" <@ ARRAY['administrator','agency_head','supervisor','case_worker','intake_worker','partner_provider','partner_administrator','auditor','platform_administrator']::text[] AND cardinality("staff"."roles") > 0);--> statement-breakpoint
ALTER TABLE "staff" ADD CONSTRAINT "staff_partner_has_organisation" CHECK (NOT ("staff"."roles" && '{partner_provider,partner_administrator}'::text[]) OR "staff"."partner_organisation_id" IS NOT NULL);--> statement-breakpoint
-- Agencies that ask partner providers for two-step verification ask their organisations' administrators too.
UPDATE "agency" SET "mfa_required_roles" = array_append("mfa_required_roles", 'partner_administrator') WHERE 'partner_provider' = ANY("mfa_required_roles") AND NOT 'partner_administrator' = ANY("mfa_required_roles");
