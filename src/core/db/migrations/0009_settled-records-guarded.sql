ALTER TABLE "decisions" ADD CONSTRAINT "decisions_supersedes_id_decisions_id_fk" FOREIGN KEY ("supersedes_id") REFERENCES "public"."decisions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "decisions_one_signed_successor" ON "decisions" USING btree ("supersedes_id") WHERE status = 'signed' AND supersedes_id IS NOT NULL;--> statement-breakpoint
-- What the person signs, and what they signed, does not change underneath them: a plan awaiting
-- signature or active keeps its content; an active plan may only become superseded.
CREATE FUNCTION service_plans_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    IF OLD.status IN ('active', 'superseded') THEN
      RAISE EXCEPTION 'DELETE of a settled service_plans row refused' USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN OLD;
  END IF;
  IF OLD.status IN ('awaiting_signature', 'active') AND NEW.content IS DISTINCT FROM OLD.content THEN
    RAISE EXCEPTION 'UPDATE of the content of a signed or signing service_plans row refused' USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF OLD.status = 'active' AND NEW.status NOT IN ('active', 'superseded') THEN
    RAISE EXCEPTION 'UPDATE of an active service_plans row to % refused', NEW.status USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER service_plans_guard BEFORE UPDATE OR DELETE ON service_plans FOR EACH ROW EXECUTE FUNCTION service_plans_guard();
--> statement-breakpoint
-- Signatures are never edited; they are removed only while the plan is still being signed (taken back, or discarded).
CREATE FUNCTION plan_signatures_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' OR EXISTS (SELECT 1 FROM service_plans p WHERE p.id = OLD.plan_id AND p.status IN ('active', 'superseded')) THEN
    RAISE EXCEPTION '% of a plan signature refused', TG_OP USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN OLD;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER plan_signatures_guard BEFORE UPDATE OR DELETE ON plan_signatures FOR EACH ROW EXECUTE FUNCTION plan_signatures_guard();
--> statement-breakpoint
-- A questionnaire version moves only forward: draft → published → retired.
CREATE FUNCTION questionnaire_templates_status_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.status IS DISTINCT FROM OLD.status AND NOT ((OLD.status = 'draft' AND NEW.status = 'published') OR (OLD.status = 'published' AND NEW.status = 'retired')) THEN
    RAISE EXCEPTION 'questionnaire_templates status % → % refused', OLD.status, NEW.status USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER questionnaire_templates_status_guard BEFORE UPDATE ON questionnaire_templates FOR EACH ROW EXECUTE FUNCTION questionnaire_templates_status_guard();
