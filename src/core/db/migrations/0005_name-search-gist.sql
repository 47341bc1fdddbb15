-- Nearest-first name search that stops after one page (ORDER BY keys <<-> name_search LIMIT n).
CREATE INDEX IF NOT EXISTS persons_name_search_gist ON persons USING gist (name_search gist_trgm_ops);
