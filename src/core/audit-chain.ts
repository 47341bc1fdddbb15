import { createHash } from 'node:crypto';

export type { AuditOutcome } from './common.contract.ts';

/** h_0: the fixed genesis value every chain starts from. */
export const GENESIS_HASH = createHash('sha256').update('tillit-audit-genesis-v1').digest('hex');

export interface ChainedAuditFields {
  /** The event's id (audit_events.seq): unique, increasing in insertion order, with gaps. */
  seq: string;
  /**
   * The agency whose chain holds the event and its position there (from 1), set at sealing.
   * Absent (not null) on events chained before migration 0014, whose position was seq, so
   * those hash as they always did.
   */
  agencyId?: number;
  chainSeq?: string;
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

// ---- the stored form ------------------------------------------------------------------------
// An event is hashed in exactly the form PostgreSQL stores and gives back, so the verifier,
// reading it back, recomputes the same bytes. Each function below mirrors one column type.

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * A text value as a UTF-8 database keeps it: a lone surrogate cannot be encoded (node-postgres
 * would send U+FFFD in its place) and NUL is refused by text and jsonb alike, so both become U+FFFD.
 */
export function storedText(value: string): string {
  return value.replace(LONE_SURROGATE, '\uFFFD').replaceAll('\u0000', '\uFFFD');
}

/** A uuid as PostgreSQL prints it: lower case, 8-4-4-4-12; it also accepts upper case, braces and other hyphenation. */
export function storedUuid(value: string): string {
  const hex = value
    .trim()
    .replace(/^\{(.*)\}$/, '$1')
    .replaceAll('-', '')
    .toLowerCase();
  if (!/^[0-9a-f]{32}$/.test(hex)) throw new TypeError('An audit event names something that is not a uuid');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** A timestamp(3) with time zone, as the verifier reads it back: ISO 8601 UTC with milliseconds. */
export function storedTimestamp(value: Date): string {
  const year = value.getUTCFullYear();
  if (Number.isNaN(value.getTime()) || year < 1 || year > 9999) throw new RangeError('An audit event has an impossible time');
  return value.toISOString();
}

function storedJsonValue(value: unknown): unknown {
  if (typeof value === 'string') return storedText(value);
  if (Array.isArray(value)) return value.map(storedJsonValue);
  if (value !== null && typeof value === 'object') {
    const result: Record<string, unknown> = {};
    for (const [key, inner] of Object.entries(value)) {
      // Defined, not assigned, so a "__proto__" key stays an ordinary key, as it is in jsonb.
      Object.defineProperty(result, storedText(key), {
        value: storedJsonValue(inner),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    return result;
  }
  return value;
}

/**
 * A value as jsonb gives it back through node-postgres: what JSON keeps (toJSON applied, so a Date
 * becomes its ISO string; undefined and functions dropped; -0 and whole floats as plain numbers;
 * bigints as decimal strings, because a JSON number would come back rounded), with text as stored.
 * Key order and duplicate keys do not matter: canonicalJson sorts, and an object has each key once.
 */
export function storedJson(value: unknown): unknown {
  const text = JSON.stringify(value ?? null, (_key, inner: unknown) => (typeof inner === 'bigint' ? inner.toString() : inner));
  return text === undefined ? null : storedJsonValue(JSON.parse(text));
}

/** h_n = SHA-256(h_{n-1} ‖ canonical(event_n)). The sequence number is part of the event, so reordering breaks the chain. */
export function chainHash(previousHash: string, event: ChainedAuditFields): string {
  return createHash('sha256').update(previousHash).update(canonicalJson(event)).digest('hex');
}

export interface StoredAuditRow extends ChainedAuditFields {
  /** Where the verifier found it (for an event chained before migration 0014, chainSeq is not hashed). */
  at: { agencyId: number; chainSeq: string };
  prevHash: string;
  hash: string;
}

/**
 * Why a row breaks the chain. `link_broken`: its previous-hash is not the hash of the row before it
 * (a row before it was removed, inserted or moved); `event_changed`: its content no longer gives its
 * hash (it was edited, or written by something other than Tillit).
 */
export type ChainBreakCode = 'event_changed' | 'link_broken' | 'event_changed_and_link_broken';
export interface ChainBreak {
  /** The event's id. */
  seq: string;
  agencyId: number;
  /** Its position in the agency's chain. */
  chainSeq: string;
  code: ChainBreakCode;
  reason: string;
}

export const chainBreakReasons: Record<ChainBreakCode, string> = {
  event_changed: 'content does not match its hash (the event was changed)',
  link_broken: 'link to the previous event does not match (an event before it was removed, inserted or reordered)',
  event_changed_and_link_broken:
    'content does not match its hash and its link to the previous event does not match (the event was changed, moved or inserted)',
};

/** The verifier lists at most this many breaks; it counts them all. */
export const MAX_LISTED_BREAKS = 100;

/** One agency's chain, checked. */
export interface ChainCheck {
  ok: boolean;
  /** Sealed events checked. */
  checked: number;
  /** Every broken row, listed or not. */
  breakCount: number;
  /** The first MAX_LISTED_BREAKS broken rows, in seq order. */
  breaks: ChainBreak[];
  /** The hash of the last row checked (the genesis value for an empty chain). */
  lastHash: string;
}

/**
 * Walks one agency's chain in chain order and names every row whose link or content does not match. After a
 * break it goes on from the row's own stored hash, so a later, separate tampering is reported
 * too instead of being hidden behind the first.
 */
export class AuditChainVerifier {
  private previous = GENESIS_HASH;
  private checked = 0;
  private breakCount = 0;
  private readonly breaks: ChainBreak[] = [];

  constructor(private readonly maxListed = MAX_LISTED_BREAKS) {}

  /** Checks one row; false when it breaks the chain. */
  push(row: StoredAuditRow): boolean {
    this.checked++;
    const { prevHash, hash, at, ...fields } = row;
    const linked = prevHash === this.previous;
    // Content is checked against the row's own link, so an edit and a removal are told apart.
    const intact = chainHash(prevHash, fields) === hash;
    this.previous = hash;
    if (linked && intact) return true;
    const code: ChainBreakCode = !intact && !linked ? 'event_changed_and_link_broken' : !intact ? 'event_changed' : 'link_broken';
    this.breakCount++;
    if (this.breaks.length < this.maxListed) this.breaks.push({ seq: row.seq, ...at, code, reason: chainBreakReasons[code] });
    return false;
  }

  result(): ChainCheck {
    return {
      ok: this.breakCount === 0,
      checked: this.checked,
      breakCount: this.breakCount,
      breaks: [...this.breaks],
      lastHash: this.previous,
    };
  }
}
