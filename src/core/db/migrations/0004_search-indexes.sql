CREATE INDEX IF NOT EXISTS cases_case_number_trgm ON cases USING gin (case_number gin_trgm_ops);
