-- Crisis records on cases (seed 002 §4.4), their support contacts, the case's safety plan, and the
-- mail outbox. Every reference within an agency is (agency_id, column), as migration 0014 made them.
CREATE TABLE "mail_outbox" (
	"agency_id" integer DEFAULT (current_setting('tillit.agency_id'))::integer NOT NULL,
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"recipient_staff_id" uuid,
	"to_address" text NOT NULL,
	"subject" text NOT NULL,
	"body" text NOT NULL,
	"kind" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone DEFAULT now() NOT NULL,
	"claimed_until" timestamp with time zone,
	"last_error" text,
	"sent_at" timestamp with time zone,
	"failed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "crises" (
	"agency_id" integer DEFAULT (current_setting('tillit.agency_id'))::integer NOT NULL,
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"source" text NOT NULL,
	"source_id" uuid,
	"occurred_at" timestamp with time zone NOT NULL,
	"what_happened" text DEFAULT '' NOT NULL,
	"immediate_actions" text DEFAULT '' NOT NULL,
	"informed" text DEFAULT '' NOT NULL,
	"opened_by" uuid NOT NULL,
	"opened_at" timestamp with time zone DEFAULT now() NOT NULL,
	"agency_heads_notified" integer DEFAULT 0 NOT NULL,
	"agency_heads_mailed" integer DEFAULT 0 NOT NULL,
	"closed_by" uuid,
	"closed_at" timestamp with time zone,
	"outcome" text,
	"follow_up_on" date,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "crises_status_valid" CHECK ("crises"."status" IN ('open','closed')),
	CONSTRAINT "crises_source_valid" CHECK ("crises"."source" IN ('questionnaire','journal_entry','manual')),
	CONSTRAINT "crises_closed_whole" CHECK (("crises"."status" = 'open' AND "crises"."closed_at" IS NULL) OR ("crises"."status" = 'closed' AND "crises"."closed_at" IS NOT NULL AND "crises"."closed_by" IS NOT NULL AND "crises"."outcome" IS NOT NULL AND "crises"."follow_up_on" IS NOT NULL))
);
--> statement-breakpoint
CREATE TABLE "crisis_support_contacts" (
	"agency_id" integer DEFAULT (current_setting('tillit.agency_id'))::integer NOT NULL,
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"crisis_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"contacted_at" timestamp with time zone NOT NULL,
	"contact" text DEFAULT '' NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"recorded_by" uuid NOT NULL,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "crisis_support_contacts_kind_valid" CHECK ("crisis_support_contacts"."kind" IN ('emergency_services','psychiatric','police','child_protection','other'))
);
--> statement-breakpoint
CREATE TABLE "safety_plans" (
	"agency_id" integer DEFAULT (current_setting('tillit.agency_id'))::integer NOT NULL,
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"crisis_id" uuid,
	"plan_version" integer NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"language" text NOT NULL,
	"content" jsonb NOT NULL,
	"signed_on" date,
	"signature_method" text,
	"signed_recorded_by" uuid,
	"created_by" uuid NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "safety_plans_status_valid" CHECK ("safety_plans"."status" IN ('draft','signed','superseded')),
	CONSTRAINT "safety_plans_signature_method_valid" CHECK ("safety_plans"."signature_method" IS NULL OR "safety_plans"."signature_method" IN ('on_screen','on_paper')),
	CONSTRAINT "safety_plans_signed_whole" CHECK (("safety_plans"."status" = 'draft' AND "safety_plans"."signed_on" IS NULL) OR ("safety_plans"."status" <> 'draft' AND "safety_plans"."signed_on" IS NOT NULL AND "safety_plans"."signature_method" IS NOT NULL AND "safety_plans"."signed_recorded_by" IS NOT NULL))
);
--> statement-breakpoint
ALTER TABLE "alerts" DROP CONSTRAINT "alerts_kind_valid";--> statement-breakpoint
CREATE UNIQUE INDEX "crises_agency_id_key" ON "crises" USING btree ("agency_id","id");--> statement-breakpoint
ALTER TABLE "crises" ADD CONSTRAINT "crises_case_id_cases_id_fk" FOREIGN KEY ("agency_id","case_id") REFERENCES "public"."cases"("agency_id","id");--> statement-breakpoint
ALTER TABLE "crises" ADD CONSTRAINT "crises_opened_by_staff_id_fk" FOREIGN KEY ("agency_id","opened_by") REFERENCES "public"."staff"("agency_id","id");--> statement-breakpoint
ALTER TABLE "crises" ADD CONSTRAINT "crises_closed_by_staff_id_fk" FOREIGN KEY ("agency_id","closed_by") REFERENCES "public"."staff"("agency_id","id");--> statement-breakpoint
ALTER TABLE "crisis_support_contacts" ADD CONSTRAINT "crisis_support_contacts_crisis_id_crises_id_fk" FOREIGN KEY ("agency_id","crisis_id") REFERENCES "public"."crises"("agency_id","id");--> statement-breakpoint
ALTER TABLE "crisis_support_contacts" ADD CONSTRAINT "crisis_support_contacts_recorded_by_staff_id_fk" FOREIGN KEY ("agency_id","recorded_by") REFERENCES "public"."staff"("agency_id","id");--> statement-breakpoint
ALTER TABLE "safety_plans" ADD CONSTRAINT "safety_plans_case_id_cases_id_fk" FOREIGN KEY ("agency_id","case_id") REFERENCES "public"."cases"("agency_id","id");--> statement-breakpoint
ALTER TABLE "safety_plans" ADD CONSTRAINT "safety_plans_crisis_id_crises_id_fk" FOREIGN KEY ("agency_id","crisis_id") REFERENCES "public"."crises"("agency_id","id");--> statement-breakpoint
ALTER TABLE "safety_plans" ADD CONSTRAINT "safety_plans_signed_recorded_by_staff_id_fk" FOREIGN KEY ("agency_id","signed_recorded_by") REFERENCES "public"."staff"("agency_id","id");--> statement-breakpoint
ALTER TABLE "safety_plans" ADD CONSTRAINT "safety_plans_created_by_staff_id_fk" FOREIGN KEY ("agency_id","created_by") REFERENCES "public"."staff"("agency_id","id");--> statement-breakpoint
CREATE INDEX "mail_outbox_due_idx" ON "mail_outbox" USING btree ("next_attempt_at") WHERE sent_at IS NULL AND failed_at IS NULL;--> statement-breakpoint
CREATE INDEX "crises_case_idx" ON "crises" USING btree ("case_id","opened_at");--> statement-breakpoint
CREATE UNIQUE INDEX "crises_one_open_per_case" ON "crises" USING btree ("case_id") WHERE status = 'open';--> statement-breakpoint
CREATE INDEX "crisis_support_contacts_crisis_idx" ON "crisis_support_contacts" USING btree ("crisis_id","contacted_at");--> statement-breakpoint
CREATE UNIQUE INDEX "safety_plans_case_version_unique" ON "safety_plans" USING btree ("case_id","plan_version");--> statement-breakpoint
CREATE UNIQUE INDEX "safety_plans_one_draft_per_case" ON "safety_plans" USING btree ("case_id") WHERE status = 'draft';--> statement-breakpoint
CREATE UNIQUE INDEX "safety_plans_one_in_force_per_case" ON "safety_plans" USING btree ("case_id") WHERE status = 'signed';--> statement-breakpoint
ALTER TABLE "alerts" ADD CONSTRAINT "alerts_kind_valid" CHECK ("alerts"."kind" IN ('urgent_request','crisis_flag','password_reset','mfa_reset','mfa_reset_requested','link_requested','link_accepted','link_declined','record_revealed','decision_to_sign','crisis_opened'));--> statement-breakpoint
ALTER TABLE "mail_outbox" ADD CONSTRAINT "mail_outbox_agency_id_agency_id_fk" FOREIGN KEY ("agency_id") REFERENCES "agency"("id");--> statement-breakpoint
ALTER TABLE "crises" ADD CONSTRAINT "crises_agency_id_agency_id_fk" FOREIGN KEY ("agency_id") REFERENCES "agency"("id");--> statement-breakpoint
ALTER TABLE "crisis_support_contacts" ADD CONSTRAINT "crisis_support_contacts_agency_id_agency_id_fk" FOREIGN KEY ("agency_id") REFERENCES "agency"("id");--> statement-breakpoint
ALTER TABLE "safety_plans" ADD CONSTRAINT "safety_plans_agency_id_agency_id_fk" FOREIGN KEY ("agency_id") REFERENCES "agency"("id");--> statement-breakpoint
-- The second wall (migration 0014): row-level security on the agency.
ALTER TABLE "mail_outbox" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY "agency_isolation" ON "mail_outbox" TO tillit_tenant USING ("agency_id" = NULLIF(current_setting('tillit.agency_id', true), '')::integer);--> statement-breakpoint
ALTER TABLE "crises" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY "agency_isolation" ON "crises" TO tillit_tenant USING ("agency_id" = NULLIF(current_setting('tillit.agency_id', true), '')::integer);--> statement-breakpoint
ALTER TABLE "crisis_support_contacts" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY "agency_isolation" ON "crisis_support_contacts" TO tillit_tenant USING ("agency_id" = NULLIF(current_setting('tillit.agency_id', true), '')::integer);--> statement-breakpoint
ALTER TABLE "safety_plans" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY "agency_isolation" ON "safety_plans" TO tillit_tenant USING ("agency_id" = NULLIF(current_setting('tillit.agency_id', true), '')::integer);--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON "mail_outbox", "crises", "crisis_support_contacts", "safety_plans" TO tillit_tenant;--> statement-breakpoint
-- Settled records: a closed crisis, a recorded support contact and a signed safety plan's words
-- do not change underneath the people who relied on them.
CREATE FUNCTION crises_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' OR OLD.status = 'closed' THEN
    RAISE EXCEPTION '% of a closed or recorded crises row refused', TG_OP USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER crises_guard BEFORE UPDATE OR DELETE ON crises FOR EACH ROW EXECUTE FUNCTION crises_guard();
--> statement-breakpoint
CREATE FUNCTION crisis_support_contacts_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% of a crisis support contact refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER crisis_support_contacts_guard BEFORE UPDATE OR DELETE ON crisis_support_contacts FOR EACH ROW EXECUTE FUNCTION crisis_support_contacts_guard();
--> statement-breakpoint
CREATE FUNCTION safety_plans_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    IF OLD.status <> 'draft' THEN
      RAISE EXCEPTION 'DELETE of a signed safety_plans row refused' USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN OLD;
  END IF;
  IF OLD.status <> 'draft' AND (NEW.content IS DISTINCT FROM OLD.content OR NEW.language IS DISTINCT FROM OLD.language
      OR NEW.signed_on IS DISTINCT FROM OLD.signed_on OR NEW.signature_method IS DISTINCT FROM OLD.signature_method) THEN
    RAISE EXCEPTION 'UPDATE of a signed safety_plans row refused' USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF NEW.status IS DISTINCT FROM OLD.status AND NOT ((OLD.status = 'draft' AND NEW.status = 'signed') OR (OLD.status = 'signed' AND NEW.status = 'superseded')) THEN
    RAISE EXCEPTION 'safety_plans status % → % refused', OLD.status, NEW.status USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER safety_plans_guard BEFORE UPDATE OR DELETE ON safety_plans FOR EACH ROW EXECUTE FUNCTION safety_plans_guard();
--> statement-breakpoint
-- A case flagged before crises were recorded gets its open crisis, so the flag follows an open
-- crisis from now on: opened by whoever completed the answers that raised it (the case's history
-- says), or else by its responsible worker, at the moment the flag was raised.
INSERT INTO "crises" ("agency_id", "case_id", "source", "occurred_at", "opened_by", "opened_at")
SELECT c.agency_id, c.id, 'questionnaire', c.crisis_raised_at,
       coalesce((SELECT e.actor_id FROM case_events e WHERE e.case_id = c.id AND e.kind = 'crisis_raised' ORDER BY e.at DESC LIMIT 1), c.responsible_staff_id),
       c.crisis_raised_at
FROM "cases" c WHERE c.crisis_raised_at IS NOT NULL;
