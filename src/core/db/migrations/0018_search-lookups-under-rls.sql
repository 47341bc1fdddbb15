DROP INDEX "persons_birth_date_idx";--> statement-breakpoint
CREATE INDEX "persons_agency_birth_date_idx" ON "persons" USING btree ("agency_id","birth_date");--> statement-breakpoint
-- Under row-level security a condition whose operator is not leakproof (array overlap, ILIKE,
-- trigram similarity) is checked only after the policy's own, so the planner cannot take its
-- index and reads every row of the agency instead (50 000 rows for one phone number at a million
-- people). These lookups run as the tables' owner, apply the agency the transaction is bound to
-- themselves (the policies' own expression: nothing when none is bound), and return ids only;
-- the rows are then read through the policies as usual (docs/adr/0010).
CREATE FUNCTION agency_person_ids_with_phone_keys(keys text[]) RETURNS SETOF uuid
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp ROWS 10
  AS $$ SELECT p.id FROM persons p WHERE p.phone_keys && keys AND p.agency_id = NULLIF(current_setting('tillit.agency_id', true), '')::integer $$;--> statement-breakpoint
CREATE FUNCTION agency_person_ids_with_similar_name(names text) RETURNS SETOF uuid
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp ROWS 50
  AS $$ SELECT p.id FROM persons p WHERE (names <% p.name_search OR p.name_search % names) AND p.agency_id = NULLIF(current_setting('tillit.agency_id', true), '')::integer $$;--> statement-breakpoint
CREATE FUNCTION agency_case_ids_with_number_like(pattern text) RETURNS SETOF uuid
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp ROWS 10
  AS $$ SELECT c.id FROM cases c WHERE c.case_number ILIKE pattern AND c.agency_id = NULLIF(current_setting('tillit.agency_id', true), '')::integer $$;--> statement-breakpoint
REVOKE ALL ON FUNCTION agency_person_ids_with_phone_keys(text[]), agency_person_ids_with_similar_name(text), agency_case_ids_with_number_like(text) FROM PUBLIC;--> statement-breakpoint
GRANT EXECUTE ON FUNCTION agency_person_ids_with_phone_keys(text[]), agency_person_ids_with_similar_name(text), agency_case_ids_with_number_like(text) TO tillit_tenant;
