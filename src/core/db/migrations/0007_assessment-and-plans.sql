CREATE TABLE "assessments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"kind" text DEFAULT 'initial' NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"assessed_on" date NOT NULL,
	"sources" text[] DEFAULT '{}' NOT NULL,
	"other_sources" text DEFAULT '' NOT NULL,
	"domains" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"analysis_causes" text DEFAULT '' NOT NULL,
	"analysis_nature" text DEFAULT '' NOT NULL,
	"analysis_degree" text DEFAULT '' NOT NULL,
	"person_view" text DEFAULT '' NOT NULL,
	"person_response" text,
	"person_corrections" text DEFAULT '' NOT NULL,
	"person_responded_at" timestamp with time zone,
	"created_by" uuid NOT NULL,
	"completed_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "assessments_kind_valid" CHECK ("assessments"."kind" IN ('initial','reassessment')),
	CONSTRAINT "assessments_status_valid" CHECK ("assessments"."status" IN ('draft','completed')),
	CONSTRAINT "assessments_person_response_valid" CHECK ("assessments"."person_response" IS NULL OR "assessments"."person_response" IN ('confirmed','corrected'))
);
--> statement-breakpoint
CREATE TABLE "decisions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"supersedes_id" uuid,
	"language" text NOT NULL,
	"appeal_instructions" text NOT NULL,
	"items" jsonb NOT NULL,
	"created_by" uuid NOT NULL,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "decisions_status_valid" CHECK ("decisions"."status" IN ('draft','signed'))
);
--> statement-breakpoint
CREATE TABLE "needs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"assessment_id" uuid,
	"domain" text NOT NULL,
	"description" text NOT NULL,
	"severity" text NOT NULL,
	"identified_on" date NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"created_by" uuid NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "needs_severity_valid" CHECK ("needs"."severity" IN ('low','moderate','high','critical')),
	CONSTRAINT "needs_status_valid" CHECK ("needs"."status" IN ('open','met','no_longer_relevant'))
);
--> statement-breakpoint
CREATE TABLE "plan_signatures" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"plan_id" uuid NOT NULL,
	"signer" text NOT NULL,
	"method" text NOT NULL,
	"signature_image" text,
	"witness_name" text,
	"recorded_by" uuid NOT NULL,
	"signed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "plan_signatures_signer_valid" CHECK ("plan_signatures"."signer" IN ('person','guardian','worker')),
	CONSTRAINT "plan_signatures_method_valid" CHECK ("plan_signatures"."method" IN ('drawn','scan','paper'))
);
--> statement-breakpoint
CREATE TABLE "plan_steps" (
	"case_id" uuid NOT NULL,
	"step_id" uuid NOT NULL,
	"plan_id" uuid NOT NULL,
	"what" text NOT NULL,
	"responsible_kind" text NOT NULL,
	"responsible_staff_id" uuid,
	"due_date" date,
	"status" text DEFAULT 'planned' NOT NULL,
	"result" text DEFAULT '' NOT NULL,
	"completed_at" timestamp with time zone,
	"completed_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "plan_steps_case_id_step_id_pk" PRIMARY KEY("case_id","step_id"),
	CONSTRAINT "plan_steps_status_valid" CHECK ("plan_steps"."status" IN ('planned','in_progress','done','cancelled','removed')),
	CONSTRAINT "plan_steps_responsible_valid" CHECK ("plan_steps"."responsible_kind" IN ('person','worker','partner','relative'))
);
--> statement-breakpoint
CREATE TABLE "questionnaire_responses" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"template_id" uuid NOT NULL,
	"assessment_id" uuid,
	"status" text DEFAULT 'in_progress' NOT NULL,
	"answers" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"scores" jsonb,
	"flags" text[] DEFAULT '{}' NOT NULL,
	"created_by" uuid NOT NULL,
	"completed_by" uuid,
	"completed_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "questionnaire_responses_status_valid" CHECK ("questionnaire_responses"."status" IN ('in_progress','completed'))
);
--> statement-breakpoint
CREATE TABLE "questionnaire_templates" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"key" text NOT NULL,
	"template_version" integer NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"title" text NOT NULL,
	"definition" jsonb NOT NULL,
	"shipped" boolean DEFAULT false NOT NULL,
	"created_by" uuid,
	"published_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "questionnaire_templates_status_valid" CHECK ("questionnaire_templates"."status" IN ('draft','published','retired'))
);
--> statement-breakpoint
CREATE TABLE "service_plans" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"plan_version" integer NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"previous_id" uuid,
	"change_reason" text DEFAULT '' NOT NULL,
	"content" jsonb NOT NULL,
	"guardian_required" boolean DEFAULT false NOT NULL,
	"guardian_person_id" uuid,
	"created_by" uuid NOT NULL,
	"activated_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "service_plans_status_valid" CHECK ("service_plans"."status" IN ('draft','awaiting_signature','active','superseded'))
);
--> statement-breakpoint
ALTER TABLE "agency" ADD COLUMN "decision_roles" text[] DEFAULT '{supervisor,agency_head}' NOT NULL;--> statement-breakpoint
ALTER TABLE "agency" ADD COLUMN "plan_review_reminder_days" integer DEFAULT 14 NOT NULL;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "crisis_raised_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "assessments" ADD CONSTRAINT "assessments_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessments" ADD CONSTRAINT "assessments_created_by_staff_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "decisions" ADD CONSTRAINT "decisions_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "decisions" ADD CONSTRAINT "decisions_created_by_staff_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "decisions" ADD CONSTRAINT "decisions_decided_by_staff_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "needs" ADD CONSTRAINT "needs_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "needs" ADD CONSTRAINT "needs_assessment_id_assessments_id_fk" FOREIGN KEY ("assessment_id") REFERENCES "public"."assessments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "needs" ADD CONSTRAINT "needs_created_by_staff_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_signatures" ADD CONSTRAINT "plan_signatures_plan_id_service_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."service_plans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_signatures" ADD CONSTRAINT "plan_signatures_recorded_by_staff_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_steps" ADD CONSTRAINT "plan_steps_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_steps" ADD CONSTRAINT "plan_steps_plan_id_service_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."service_plans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_steps" ADD CONSTRAINT "plan_steps_responsible_staff_id_staff_id_fk" FOREIGN KEY ("responsible_staff_id") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_steps" ADD CONSTRAINT "plan_steps_completed_by_staff_id_fk" FOREIGN KEY ("completed_by") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "questionnaire_responses" ADD CONSTRAINT "questionnaire_responses_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "questionnaire_responses" ADD CONSTRAINT "questionnaire_responses_template_id_questionnaire_templates_id_fk" FOREIGN KEY ("template_id") REFERENCES "public"."questionnaire_templates"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "questionnaire_responses" ADD CONSTRAINT "questionnaire_responses_created_by_staff_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "questionnaire_responses" ADD CONSTRAINT "questionnaire_responses_completed_by_staff_id_fk" FOREIGN KEY ("completed_by") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "questionnaire_templates" ADD CONSTRAINT "questionnaire_templates_created_by_staff_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_plans" ADD CONSTRAINT "service_plans_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_plans" ADD CONSTRAINT "service_plans_guardian_person_id_persons_id_fk" FOREIGN KEY ("guardian_person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_plans" ADD CONSTRAINT "service_plans_created_by_staff_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "assessments_case_idx" ON "assessments" USING btree ("case_id","assessed_on");--> statement-breakpoint
CREATE INDEX "decisions_case_idx" ON "decisions" USING btree ("case_id","created_at");--> statement-breakpoint
CREATE INDEX "needs_case_idx" ON "needs" USING btree ("case_id");--> statement-breakpoint
CREATE UNIQUE INDEX "plan_signatures_signer_unique" ON "plan_signatures" USING btree ("plan_id","signer");--> statement-breakpoint
CREATE INDEX "plan_steps_due_idx" ON "plan_steps" USING btree ("due_date") WHERE status IN ('planned','in_progress');--> statement-breakpoint
CREATE INDEX "questionnaire_responses_case_idx" ON "questionnaire_responses" USING btree ("case_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "questionnaire_templates_key_version_unique" ON "questionnaire_templates" USING btree ("key","template_version");--> statement-breakpoint
CREATE UNIQUE INDEX "service_plans_case_version_unique" ON "service_plans" USING btree ("case_id","plan_version");--> statement-breakpoint
CREATE UNIQUE INDEX "service_plans_one_active" ON "service_plans" USING btree ("case_id") WHERE status = 'active';--> statement-breakpoint
CREATE UNIQUE INDEX "service_plans_one_open_draft" ON "service_plans" USING btree ("case_id") WHERE status IN ('draft','awaiting_signature');--> statement-breakpoint
-- A signed decision, a published questionnaire version and a superseded plan version are records
-- people rely on: the database itself refuses to change or remove them.
CREATE FUNCTION refuse_change_to_settled_record() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% of a settled % refused', TG_OP, TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER decisions_signed_are_final BEFORE UPDATE OR DELETE ON decisions
  FOR EACH ROW WHEN (OLD.status = 'signed') EXECUTE FUNCTION refuse_change_to_settled_record();
--> statement-breakpoint
CREATE TRIGGER questionnaire_templates_published_are_final BEFORE UPDATE OF definition, key, template_version OR DELETE ON questionnaire_templates
  FOR EACH ROW WHEN (OLD.status <> 'draft') EXECUTE FUNCTION refuse_change_to_settled_record();
--> statement-breakpoint
CREATE TRIGGER service_plans_superseded_are_final BEFORE UPDATE OR DELETE ON service_plans
  FOR EACH ROW WHEN (OLD.status = 'superseded') EXECUTE FUNCTION refuse_change_to_settled_record();
