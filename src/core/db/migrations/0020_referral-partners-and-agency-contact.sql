ALTER TABLE "referrals_out" ADD COLUMN "partner_organisation_id" uuid;--> statement-breakpoint
ALTER TABLE "agency" ADD COLUMN "address" text;--> statement-breakpoint
ALTER TABLE "agency" ADD COLUMN "phone" text;--> statement-breakpoint
ALTER TABLE "agency" ADD COLUMN "email" text;--> statement-breakpoint
ALTER TABLE "referrals_out" ADD CONSTRAINT "referrals_out_partner_organisation_id_partner_organisations_id_fk" FOREIGN KEY ("partner_organisation_id") REFERENCES "public"."partner_organisations"("id") ON DELETE no action ON UPDATE no action;