ALTER TABLE "persons" ADD COLUMN "processing_restricted_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "persons" ADD COLUMN "processing_restriction_reason" text;