-- The agency head's name search walks the trigram GiST index nearest-first and stops after a page
-- (src/areas/person/person.store.ts searchPage), filtered to the head's agency. With one index on
-- name_search alone that walk passes every agency's nearest names and throws most away; with the
-- agency as the index's first column (btree_gist) it stays inside the agency.
CREATE EXTENSION IF NOT EXISTS btree_gist;--> statement-breakpoint
CREATE INDEX IF NOT EXISTS persons_agency_name_search_gist ON persons USING gist (agency_id, name_search gist_trgm_ops);--> statement-breakpoint
DROP INDEX IF EXISTS persons_name_search_gist;
