CREATE TABLE "agreement_signatures" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"agreement_id" uuid NOT NULL,
	"signer" text NOT NULL,
	"method" text NOT NULL,
	"signature_image" text,
	"witness_name" text,
	"signed_by_staff_id" uuid,
	"recorded_by" uuid NOT NULL,
	"signed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "agreement_signatures_signer_valid" CHECK ("agreement_signatures"."signer" IN ('person','guardian','agency_head')),
	CONSTRAINT "agreement_signatures_method_valid" CHECK ("agreement_signatures"."method" IN ('drawn','scan','paper','electronic'))
);
--> statement-breakpoint
CREATE TABLE "agreement_templates" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"language" text NOT NULL,
	"title" text NOT NULL,
	"sections" jsonb NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "alerts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"recipient_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"request_id" uuid,
	"case_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"read_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "case_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"from_value" text,
	"to_value" text,
	"reason" text DEFAULT '' NOT NULL,
	"actor_id" uuid NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "distinct_person_confirmations" (
	"person_id" uuid NOT NULL,
	"existing_person_id" uuid NOT NULL,
	"score" integer NOT NULL,
	"confirmed_by" uuid NOT NULL,
	"confirmed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "distinct_person_confirmations_person_id_existing_person_id_pk" PRIMARY KEY("person_id","existing_person_id")
);
--> statement-breakpoint
CREATE TABLE "drafts" (
	"staff_id" uuid NOT NULL,
	"form_key" text NOT NULL,
	"data" jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "drafts_staff_id_form_key_pk" PRIMARY KEY("staff_id","form_key")
);
--> statement-breakpoint
CREATE TABLE "intake_decisions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"request_id" uuid NOT NULL,
	"decision" text NOT NULL,
	"reason" text DEFAULT '' NOT NULL,
	"information_given" text,
	"decided_by" uuid NOT NULL,
	"decided_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "intake_decisions_valid" CHECK ("intake_decisions"."decision" IN ('accept','information_only','refer_out','decline','reopen'))
);
--> statement-breakpoint
CREATE TABLE "intake_interviews" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"request_id" uuid NOT NULL,
	"held_at" timestamp with time zone DEFAULT now() NOT NULL,
	"purpose" text DEFAULT '' NOT NULL,
	"course" text DEFAULT '' NOT NULL,
	"evaluation" text DEFAULT '' NOT NULL,
	"suggestions" text DEFAULT '' NOT NULL,
	"willingness" text,
	"willingness_note" text DEFAULT '' NOT NULL,
	"problem_and_expectation" text DEFAULT '' NOT NULL,
	"earlier_help" text DEFAULT '' NOT NULL,
	"resources_fit" text DEFAULT '' NOT NULL,
	"requirements_fit" text DEFAULT '' NOT NULL,
	"author_id" uuid NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "intake_interviews_willingness_valid" CHECK ("intake_interviews"."willingness" IS NULL OR "intake_interviews"."willingness" IN ('active','passive'))
);
--> statement-breakpoint
CREATE TABLE "person_links" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"person_id" uuid NOT NULL,
	"other_person_id" uuid NOT NULL,
	"reason" text NOT NULL,
	"linked_by" uuid NOT NULL,
	"linked_at" timestamp with time zone DEFAULT now() NOT NULL,
	"unlinked_by" uuid,
	"unlinked_at" timestamp with time zone,
	"unlink_reason" text,
	CONSTRAINT "person_links_ordered" CHECK ("person_links"."person_id" < "person_links"."other_person_id")
);
--> statement-breakpoint
CREATE TABLE "person_relations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"person_id" uuid NOT NULL,
	"related_person_id" uuid NOT NULL,
	"relationship" text NOT NULL,
	"household" boolean DEFAULT false NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "person_versions" (
	"person_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"snapshot" jsonb NOT NULL,
	"changed_by" uuid,
	"changed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "person_versions_person_id_version_pk" PRIMARY KEY("person_id","version")
);
--> statement-breakpoint
CREATE TABLE "referral_directory" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"services" text[] DEFAULT '{}' NOT NULL,
	"regions" text[] DEFAULT '{}' NOT NULL,
	"phone" text,
	"email" text,
	"address" text,
	"active" boolean DEFAULT true NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "referrals_out" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"request_id" uuid NOT NULL,
	"directory_id" uuid,
	"organisation_name" text NOT NULL,
	"organisation_contact" text,
	"reason" text NOT NULL,
	"reason_text" text DEFAULT '' NOT NULL,
	"letter_language" text NOT NULL,
	"follow_up_due_at" timestamp with time zone NOT NULL,
	"arrival_confirmed_at" timestamp with time zone,
	"arrival_note" text,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "referrals_out_reason_valid" CHECK ("referrals_out"."reason" IN ('out_of_scope','out_of_region','other'))
);
--> statement-breakpoint
CREATE TABLE "requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"receipt_number" text NOT NULL,
	"channel" text NOT NULL,
	"came_via" text DEFAULT 'self' NOT NULL,
	"referring_agency" text,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	"received_by" uuid,
	"person_id" uuid,
	"anonymous_label" text,
	"contact_name" text,
	"contact_phone" text,
	"contact_email" text,
	"language" text DEFAULT 'en' NOT NULL,
	"own_words" text DEFAULT '' NOT NULL,
	"main_problem" text DEFAULT '' NOT NULL,
	"problem_origin" text DEFAULT '' NOT NULL,
	"previous_help" text DEFAULT '' NOT NULL,
	"after_failed_attempt" boolean DEFAULT false NOT NULL,
	"expected_result" text DEFAULT '' NOT NULL,
	"help_seeker_kind" text DEFAULT 'voluntary' NOT NULL,
	"mandating_body" text,
	"informed_at" timestamp with time zone,
	"service_category" text,
	"region" text,
	"danger_to_life" boolean DEFAULT false NOT NULL,
	"child_at_risk" boolean DEFAULT false NOT NULL,
	"self_harm" boolean DEFAULT false NOT NULL,
	"priority" text DEFAULT 'normal' NOT NULL,
	"first_response_due_at" timestamp with time zone NOT NULL,
	"first_responded_at" timestamp with time zone,
	"screening" jsonb,
	"status" text DEFAULT 'open' NOT NULL,
	"unit_id" uuid,
	"assigned_to" uuid,
	"case_id" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "requests_channel_valid" CHECK ("requests"."channel" IN ('phone','walk_in','online_form','letter_email','agency_referral','outreach')),
	CONSTRAINT "requests_came_via_valid" CHECK ("requests"."came_via" IN ('self','relative','other_person','agency','outreach')),
	CONSTRAINT "requests_seeker_valid" CHECK ("requests"."help_seeker_kind" IN ('information_only','voluntary','mandated','potential')),
	CONSTRAINT "requests_priority_valid" CHECK ("requests"."priority" IN ('urgent','high','normal','low')),
	CONSTRAINT "requests_status_valid" CHECK ("requests"."status" IN ('open','accepted','information_given','referred_out','declined'))
);
--> statement-breakpoint
CREATE TABLE "service_agreements" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"language" text NOT NULL,
	"title" text NOT NULL,
	"sections" jsonb NOT NULL,
	"guardian_required" boolean NOT NULL,
	"guardian_person_id" uuid,
	"status" text DEFAULT 'awaiting_signatures' NOT NULL,
	"terminated_at" timestamp with time zone,
	"termination_reason" text,
	"created_by" uuid NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "service_agreements_status_valid" CHECK ("service_agreements"."status" IN ('awaiting_signatures','signed','terminated'))
);
--> statement-breakpoint
ALTER TABLE "agency" ADD COLUMN "minimum_age" integer;--> statement-breakpoint
ALTER TABLE "agency" ADD COLUMN "maximum_age" integer;--> statement-breakpoint
ALTER TABLE "agency" ADD COLUMN "urgent_response_hours" integer DEFAULT 24 NOT NULL;--> statement-breakpoint
ALTER TABLE "agency" ADD COLUMN "guardian_required_under_age" integer DEFAULT 18 NOT NULL;--> statement-breakpoint
ALTER TABLE "agency" ADD COLUMN "national_id_countries" text[] DEFAULT '{}' NOT NULL;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "priority" text DEFAULT 'normal' NOT NULL;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "closed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "persons" ADD COLUMN "other_names" text[] DEFAULT '{}' NOT NULL;--> statement-breakpoint
ALTER TABLE "persons" ADD COLUMN "name_in_other_script" text;--> statement-breakpoint
ALTER TABLE "persons" ADD COLUMN "birth_date_precision" text DEFAULT 'day' NOT NULL;--> statement-breakpoint
ALTER TABLE "persons" ADD COLUMN "sex" text;--> statement-breakpoint
ALTER TABLE "persons" ADD COLUMN "gender_identity" text;--> statement-breakpoint
ALTER TABLE "persons" ADD COLUMN "national_id" text;--> statement-breakpoint
ALTER TABLE "persons" ADD COLUMN "national_id_country" text;--> statement-breakpoint
ALTER TABLE "persons" ADD COLUMN "languages" text[] DEFAULT '{}' NOT NULL;--> statement-breakpoint
ALTER TABLE "persons" ADD COLUMN "interpreter_needed" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "persons" ADD COLUMN "phones" text[] DEFAULT '{}' NOT NULL;--> statement-breakpoint
ALTER TABLE "persons" ADD COLUMN "phone_keys" text[] DEFAULT '{}' NOT NULL;--> statement-breakpoint
ALTER TABLE "persons" ADD COLUMN "email" text;--> statement-breakpoint
ALTER TABLE "persons" ADD COLUMN "preferred_contact" text;--> statement-breakpoint
ALTER TABLE "persons" ADD COLUMN "address_line" text;--> statement-breakpoint
ALTER TABLE "persons" ADD COLUMN "postcode" text;--> statement-breakpoint
ALTER TABLE "persons" ADD COLUMN "city" text;--> statement-breakpoint
ALTER TABLE "persons" ADD COLUMN "region" text;--> statement-breakpoint
ALTER TABLE "persons" ADD COLUMN "legal_capacity" text DEFAULT 'full' NOT NULL;--> statement-breakpoint
ALTER TABLE "persons" ADD COLUMN "guardian_person_id" uuid;--> statement-breakpoint
ALTER TABLE "persons" ADD COLUMN "guardian_relationship" text;--> statement-breakpoint
ALTER TABLE "persons" ADD COLUMN "known_to_other_services" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "persons" ADD COLUMN "name_search" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "staff" ADD COLUMN "on_duty" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "agreement_signatures" ADD CONSTRAINT "agreement_signatures_agreement_id_service_agreements_id_fk" FOREIGN KEY ("agreement_id") REFERENCES "public"."service_agreements"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreement_signatures" ADD CONSTRAINT "agreement_signatures_signed_by_staff_id_staff_id_fk" FOREIGN KEY ("signed_by_staff_id") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreement_signatures" ADD CONSTRAINT "agreement_signatures_recorded_by_staff_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alerts" ADD CONSTRAINT "alerts_recipient_id_staff_id_fk" FOREIGN KEY ("recipient_id") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alerts" ADD CONSTRAINT "alerts_request_id_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."requests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alerts" ADD CONSTRAINT "alerts_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_events" ADD CONSTRAINT "case_events_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_events" ADD CONSTRAINT "case_events_actor_id_staff_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "distinct_person_confirmations" ADD CONSTRAINT "distinct_person_confirmations_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "distinct_person_confirmations" ADD CONSTRAINT "distinct_person_confirmations_existing_person_id_persons_id_fk" FOREIGN KEY ("existing_person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "distinct_person_confirmations" ADD CONSTRAINT "distinct_person_confirmations_confirmed_by_staff_id_fk" FOREIGN KEY ("confirmed_by") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "drafts" ADD CONSTRAINT "drafts_staff_id_staff_id_fk" FOREIGN KEY ("staff_id") REFERENCES "public"."staff"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "intake_decisions" ADD CONSTRAINT "intake_decisions_request_id_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."requests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "intake_decisions" ADD CONSTRAINT "intake_decisions_decided_by_staff_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "intake_interviews" ADD CONSTRAINT "intake_interviews_request_id_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."requests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "intake_interviews" ADD CONSTRAINT "intake_interviews_author_id_staff_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "person_links" ADD CONSTRAINT "person_links_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "person_links" ADD CONSTRAINT "person_links_other_person_id_persons_id_fk" FOREIGN KEY ("other_person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "person_links" ADD CONSTRAINT "person_links_linked_by_staff_id_fk" FOREIGN KEY ("linked_by") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "person_links" ADD CONSTRAINT "person_links_unlinked_by_staff_id_fk" FOREIGN KEY ("unlinked_by") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "person_relations" ADD CONSTRAINT "person_relations_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "person_relations" ADD CONSTRAINT "person_relations_related_person_id_persons_id_fk" FOREIGN KEY ("related_person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "person_relations" ADD CONSTRAINT "person_relations_created_by_staff_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "person_versions" ADD CONSTRAINT "person_versions_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "person_versions" ADD CONSTRAINT "person_versions_changed_by_staff_id_fk" FOREIGN KEY ("changed_by") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals_out" ADD CONSTRAINT "referrals_out_request_id_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."requests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals_out" ADD CONSTRAINT "referrals_out_directory_id_referral_directory_id_fk" FOREIGN KEY ("directory_id") REFERENCES "public"."referral_directory"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals_out" ADD CONSTRAINT "referrals_out_created_by_staff_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "requests" ADD CONSTRAINT "requests_received_by_staff_id_fk" FOREIGN KEY ("received_by") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "requests" ADD CONSTRAINT "requests_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "requests" ADD CONSTRAINT "requests_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "requests" ADD CONSTRAINT "requests_assigned_to_staff_id_fk" FOREIGN KEY ("assigned_to") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "requests" ADD CONSTRAINT "requests_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_agreements" ADD CONSTRAINT "service_agreements_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_agreements" ADD CONSTRAINT "service_agreements_guardian_person_id_persons_id_fk" FOREIGN KEY ("guardian_person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_agreements" ADD CONSTRAINT "service_agreements_created_by_staff_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "agreement_signatures_signer_unique" ON "agreement_signatures" USING btree ("agreement_id","signer");--> statement-breakpoint
CREATE UNIQUE INDEX "agreement_templates_language_unique" ON "agreement_templates" USING btree ("language");--> statement-breakpoint
CREATE INDEX "alerts_recipient_idx" ON "alerts" USING btree ("recipient_id","read_at");--> statement-breakpoint
CREATE INDEX "case_events_case_idx" ON "case_events" USING btree ("case_id","at");--> statement-breakpoint
CREATE INDEX "intake_decisions_request_idx" ON "intake_decisions" USING btree ("request_id");--> statement-breakpoint
CREATE INDEX "intake_interviews_request_idx" ON "intake_interviews" USING btree ("request_id");--> statement-breakpoint
CREATE INDEX "person_links_person_idx" ON "person_links" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "person_links_other_idx" ON "person_links" USING btree ("other_person_id");--> statement-breakpoint
CREATE INDEX "person_relations_person_idx" ON "person_relations" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "person_relations_related_idx" ON "person_relations" USING btree ("related_person_id");--> statement-breakpoint
CREATE INDEX "referrals_out_request_idx" ON "referrals_out" USING btree ("request_id");--> statement-breakpoint
CREATE UNIQUE INDEX "requests_receipt_unique" ON "requests" USING btree ("receipt_number");--> statement-breakpoint
CREATE INDEX "requests_queue_idx" ON "requests" USING btree ("status","priority","received_at");--> statement-breakpoint
CREATE INDEX "requests_person_idx" ON "requests" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "service_agreements_case_idx" ON "service_agreements" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "persons_name_search_trgm" ON "persons" USING gin ("name_search" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "persons_phone_keys_idx" ON "persons" USING gin ("phone_keys");--> statement-breakpoint
CREATE INDEX "persons_national_id_idx" ON "persons" USING btree ("national_id");--> statement-breakpoint
CREATE INDEX "persons_birth_date_idx" ON "persons" USING btree ("birth_date");--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_priority_valid" CHECK ("cases"."priority" IN ('urgent','high','normal','low'));--> statement-breakpoint
ALTER TABLE "persons" ADD CONSTRAINT "persons_birth_precision_valid" CHECK ("persons"."birth_date_precision" IN ('day','month','year','approximate'));--> statement-breakpoint
ALTER TABLE "persons" ADD CONSTRAINT "persons_sex_valid" CHECK ("persons"."sex" IS NULL OR "persons"."sex" IN ('female','male','other','unknown'));--> statement-breakpoint
ALTER TABLE "persons" ADD CONSTRAINT "persons_legal_capacity_valid" CHECK ("persons"."legal_capacity" IN ('full','partial','none'));--> statement-breakpoint
ALTER TABLE "persons" ADD CONSTRAINT "persons_preferred_contact_valid" CHECK ("persons"."preferred_contact" IS NULL OR "persons"."preferred_contact" IN ('phone','sms','email','letter','in_person'));--> statement-breakpoint
ALTER TABLE "persons" ADD CONSTRAINT "persons_guardian_fk" FOREIGN KEY ("guardian_person_id") REFERENCES "persons"("id");
