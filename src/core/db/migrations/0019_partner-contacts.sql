ALTER TABLE "partner_organisations" ADD COLUMN "contact_person" text;--> statement-breakpoint
ALTER TABLE "partner_organisations" ADD COLUMN "phone" text;--> statement-breakpoint
ALTER TABLE "partner_organisations" ADD COLUMN "email" text;--> statement-breakpoint
ALTER TABLE "partner_organisations" ADD COLUMN "address" text;--> statement-breakpoint
ALTER TABLE "partner_organisations" ADD COLUMN "services" text[] DEFAULT '{}' NOT NULL;--> statement-breakpoint
ALTER TABLE "partner_organisations" ADD COLUMN "regions" text[] DEFAULT '{}' NOT NULL;