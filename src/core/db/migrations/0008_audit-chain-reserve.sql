-- One round trip instead of three while the audit chain lock is held: take the lock, read the
-- chain head, reserve the sequence numbers for the events about to be appended. The lock is
-- transaction-scoped; it is released by the commit (docs/adr/0003).
CREATE FUNCTION audit_chain_reserve(lock_key bigint, event_count integer)
RETURNS TABLE (seq bigint, head_hash text) LANGUAGE plpgsql AS $$
DECLARE
  head text;
BEGIN
  PERFORM pg_advisory_xact_lock(lock_key);
  SELECT a.hash INTO head FROM audit_events a ORDER BY a.seq DESC LIMIT 1;
  RETURN QUERY SELECT nextval(pg_get_serial_sequence('audit_events', 'seq')), head FROM generate_series(1, event_count);
END;
$$;
