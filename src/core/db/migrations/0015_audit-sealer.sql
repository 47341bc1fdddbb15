-- The audit trail sealed off the request path (docs/adr/0003): a request inserts its events
-- unsealed, the sealer gives them their place in their agency's chain afterwards.
CREATE TABLE "audit_sealer_lease" (
	"id" smallint PRIMARY KEY DEFAULT 1 NOT NULL,
	"holder" text,
	"expires_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "audit_sealer_lease_one_row" CHECK ("audit_sealer_lease"."id" = 1)
);
--> statement-breakpoint
INSERT INTO "audit_sealer_lease" ("id", "holder", "expires_at") VALUES (1, NULL, now());--> statement-breakpoint
ALTER TABLE "audit_events" ALTER COLUMN "prev_hash" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "audit_events" ALTER COLUMN "hash" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "audit_events" ADD COLUMN "agency_id" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "audit_events" ADD COLUMN "tx_id" "xid8";--> statement-breakpoint
ALTER TABLE "audit_events" ADD COLUMN "chain_seq" bigint;--> statement-breakpoint
ALTER TABLE "audit_events" ADD COLUMN "sealed_at" timestamp(3) with time zone;--> statement-breakpoint
-- Events chained before this migration keep their hashes (made with seq as their position and no
-- agency) and take their place in agency 1's chain in seq order; tx_id stays NULL on them, which
-- tells the verifier to hash them the old way.
ALTER TABLE "audit_events" DISABLE TRIGGER "audit_events_no_update_delete";--> statement-breakpoint
UPDATE "audit_events" a SET "chain_seq" = o.position, "sealed_at" = a.occurred_at
  FROM (SELECT seq, row_number() OVER (ORDER BY seq) AS position FROM "audit_events") o
  WHERE o.seq = a.seq;--> statement-breakpoint
ALTER TABLE "audit_events" ENABLE TRIGGER "audit_events_no_update_delete";--> statement-breakpoint
CREATE UNIQUE INDEX "audit_chain_position_idx" ON "audit_events" USING btree ("agency_id","chain_seq");--> statement-breakpoint
CREATE INDEX "audit_unsealed_idx" ON "audit_events" USING btree ("tx_id","seq") WHERE chain_seq IS NULL;--> statement-breakpoint
ALTER TABLE "audit_events" ADD CONSTRAINT "audit_sealed_whole" CHECK (("audit_events"."chain_seq" IS NULL AND "audit_events"."prev_hash" IS NULL AND "audit_events"."hash" IS NULL AND "audit_events"."sealed_at" IS NULL AND "audit_events"."tx_id" IS NOT NULL)
        OR ("audit_events"."chain_seq" IS NOT NULL AND "audit_events"."prev_hash" IS NOT NULL AND "audit_events"."hash" IS NOT NULL AND "audit_events"."sealed_at" IS NOT NULL));--> statement-breakpoint
-- Every event names the transaction that inserted it, whatever the INSERT says, so the sealer's
-- horizon (transaction ids below the oldest running one) holds. A row arriving sealed – a restore
-- of a backup – keeps what it has; the verifier judges it like any other.
CREATE FUNCTION audit_events_stamp_transaction() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.chain_seq IS NULL THEN
    NEW.tx_id := pg_current_xact_id();
  END IF;
  RETURN NEW;
END;
$$;--> statement-breakpoint
CREATE TRIGGER audit_events_stamp_transaction BEFORE INSERT ON audit_events
  FOR EACH ROW EXECUTE FUNCTION audit_events_stamp_transaction();--> statement-breakpoint
-- Still append-only, with one exception: sealing, which sets the chain columns of an unsealed
-- event once and changes nothing else.
CREATE OR REPLACE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' THEN
    IF OLD.chain_seq IS NULL AND NEW.chain_seq IS NOT NULL
       AND to_jsonb(NEW) - '{chain_seq,prev_hash,hash,sealed_at}'::text[] = to_jsonb(OLD) - '{chain_seq,prev_hash,hash,sealed_at}'::text[] THEN
      RETURN NEW;
    END IF;
  END IF;
  RAISE EXCEPTION 'audit_events is append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;--> statement-breakpoint
-- Appends no longer take a lock (migration 0008's function is gone with it).
DROP FUNCTION IF EXISTS audit_chain_reserve(bigint, integer);
