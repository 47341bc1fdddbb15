-- The audit trail is append-only: no UPDATE, DELETE or TRUNCATE, whoever asks.
CREATE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_events is append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER audit_events_no_update_delete BEFORE UPDATE OR DELETE ON audit_events
  FOR EACH ROW EXECUTE FUNCTION audit_events_append_only();
--> statement-breakpoint
CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events
  FOR EACH STATEMENT EXECUTE FUNCTION audit_events_append_only();
--> statement-breakpoint
INSERT INTO agency (id, name) VALUES (1, 'Tillit') ON CONFLICT DO NOTHING;
--> statement-breakpoint
-- The five units of a typical agency (seed 004); administrators rename or add to them.
INSERT INTO units (name, description) VALUES
  ('Consultation phone line', 'First contact by phone: information, advice and routing of requests'),
  ('Intake service', 'First reception: registers requests, screens and opens cases'),
  ('Medical-psychological service', 'Psychological counselling and medical coordination'),
  ('Social assistance service', 'Employment, training and social assistance'),
  ('Legal aid service', 'Legal counselling and help with documents');
