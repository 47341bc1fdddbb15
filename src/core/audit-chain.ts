import { createHash } from 'node:crypto';

/** h_0: the fixed genesis value every chain starts from. */
export const GENESIS_HASH = createHash('sha256').update('tillit-audit-genesis-v1').digest('hex');

export interface ChainedAuditFields {
  seq: string;
  occurredAt: string; // ISO 8601 UTC with milliseconds
  actorId: string | null;
  actorRole: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  personId: string | null;
  /** Present only on events about several people; absent (not null) otherwise, so older events hash as they always did. */
  personIds?: string[];
  outcome: string;
  requestId: string | null;
  clientIp: string | null;
  details: unknown;
}

/** JSON with object keys sorted at every depth, so the same event always gives the same bytes. */
export function canonicalJson(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** h_n = SHA-256(h_{n-1} ‖ canonical(event_n)). The sequence number is part of the event, so reordering breaks the chain. */
export function chainHash(previousHash: string, event: ChainedAuditFields): string {
  return createHash('sha256').update(previousHash).update(canonicalJson(event)).digest('hex');
}

export interface StoredAuditRow extends ChainedAuditFields {
  prevHash: string;
  hash: string;
}

export type ChainCheck =
  | { ok: true; checked: number; lastHash: string }
  | { ok: false; checked: number; firstBrokenSeq: string; reason: string };

/** Walks rows in seq order; names the first row whose link or content does not match. */
export class AuditChainVerifier {
  private previous = GENESIS_HASH;
  private checked = 0;
  private broken: { seq: string; reason: string } | null = null;

  push(row: StoredAuditRow): boolean {
    if (this.broken) return false;
    this.checked++;
    if (row.prevHash !== this.previous) {
      this.broken = {
        seq: row.seq,
        reason: 'link to the previous event does not match (an event before it was removed, inserted or reordered)',
      };
      return false;
    }
    const { prevHash: _p, hash: _h, ...fields } = row;
    if (chainHash(this.previous, fields) !== row.hash) {
      this.broken = { seq: row.seq, reason: 'content does not match its hash (the event was changed)' };
      return false;
    }
    this.previous = row.hash;
    return true;
  }

  result(): ChainCheck {
    return this.broken
      ? { ok: false, checked: this.checked, firstBrokenSeq: this.broken.seq, reason: this.broken.reason }
      : { ok: true, checked: this.checked, lastHash: this.previous };
  }
}
