import { describe, expect, it } from 'vitest';
import {
  AuditChainVerifier,
  type ChainedAuditFields,
  canonicalJson,
  chainHash,
  GENESIS_HASH,
  type StoredAuditRow,
  storedJson,
  storedText,
  storedTimestamp,
  storedUuid,
} from './audit-chain.ts';

const fields = (seq: number): ChainedAuditFields => ({
  seq: String(seq),
  occurredAt: '2026-11-23T10:00:00.000Z',
  actorId: null,
  actorRole: null,
  action: 'person.read',
  entityType: 'person',
  entityId: 'e',
  personId: null,
  outcome: 'success',
  requestId: 'r',
  clientIp: null,
  details: { b: 1, a: [2, { d: 1, c: 2 }] },
});

describe('canonical JSON', () => {
  it('sorts keys at every depth and drops undefined', () => {
    expect(canonicalJson({ b: 1, a: { d: undefined, c: 'ж' } })).toBe('{"a":{"c":"ж"},"b":1}');
    expect(canonicalJson([{ z: 1, y: 2 }])).toBe('[{"y":2,"z":1}]');
  });
});

describe('the chain', () => {
  it('is h_n = SHA-256(h_{n-1} ‖ canonical(event_n)) from a fixed genesis', () => {
    expect(GENESIS_HASH).toMatch(/^[0-9a-f]{64}$/);
    const h1 = chainHash(GENESIS_HASH, fields(1));
    expect(h1).toBe(chainHash(GENESIS_HASH, { ...fields(1), details: { a: [2, { c: 2, d: 1 }], b: 1 } }));
    expect(h1).not.toBe(chainHash(GENESIS_HASH, fields(2)));
  });

  it("hashes a sealed event's agency and chain position with it, so moving it to another place or chain changes it", () => {
    const sealed = { ...fields(7), agencyId: 1, chainSeq: '3' };
    const h = chainHash(GENESIS_HASH, sealed);
    expect(h).not.toBe(chainHash(GENESIS_HASH, { ...sealed, chainSeq: '4' }));
    expect(h).not.toBe(chainHash(GENESIS_HASH, { ...sealed, agencyId: 2 }));
    expect(h).not.toBe(chainHash(GENESIS_HASH, fields(7)));
  });
});

function chainOf(count: number): StoredAuditRow[] {
  const rows: StoredAuditRow[] = [];
  let prev = GENESIS_HASH;
  for (let i = 1; i <= count; i++) {
    const f = fields(i);
    const hash = chainHash(prev, f);
    rows.push({ ...f, at: { agencyId: 1, chainSeq: String(i) }, prevHash: prev, hash });
    prev = hash;
  }
  return rows;
}

function verify(rows: StoredAuditRow[], maxListed?: number) {
  const verifier = new AuditChainVerifier(maxListed);
  for (const row of rows) verifier.push(row);
  return verifier.result();
}

describe('the verifier', () => {
  it('passes an untouched chain and reports its head', () => {
    const rows = chainOf(4);
    expect(verify(rows)).toEqual({ ok: true, checked: 4, breakCount: 0, breaks: [], lastHash: rows[3]!.hash });
  });

  it('names an edited row as changed, and only that row', () => {
    const rows = chainOf(4).map((r, i) => (i === 2 ? { ...r, action: 'person.update' } : r));
    expect(verify(rows)).toMatchObject({ ok: false, checked: 4, breakCount: 1, breaks: [{ seq: '3', code: 'event_changed' }] });
  });

  it('names the row after a removed one as unlinked', () => {
    const rows = chainOf(4).filter((_, i) => i !== 1);
    expect(verify(rows)).toMatchObject({ ok: false, checked: 3, breakCount: 1, breaks: [{ seq: '3', code: 'link_broken' }] });
  });

  it('goes on after a break, so a later tampering is reported too', () => {
    const rows = chainOf(10)
      .map((r, i) => (i === 1 ? { ...r, outcome: 'denied' } : r))
      .filter((_, i) => i !== 7);
    const result = verify(rows);
    expect(result.breaks.map((b) => [b.seq, b.code])).toEqual([
      ['2', 'event_changed'],
      ['9', 'link_broken'],
    ]);
    expect(result.checked).toBe(9);
  });

  it('names a row that is both changed and out of place', () => {
    const rows = chainOf(3);
    const moved = [rows[0]!, { ...rows[2]!, seq: '2' }, { ...rows[1]!, seq: '3' }];
    expect(verify(moved).breaks.map((b) => b.code)).toEqual(['event_changed_and_link_broken', 'event_changed_and_link_broken']);
  });

  it('lists at most the cap of breaks but counts them all', () => {
    const rows = chainOf(12).map((r) => ({ ...r, actorRole: 'auditor' }));
    const result = verify(rows, 5);
    expect(result.breakCount).toBe(12);
    expect(result.breaks.map((b) => b.seq)).toEqual(['1', '2', '3', '4', '5']);
  });
});

describe('the stored form', () => {
  it('writes a uuid as PostgreSQL prints it, whatever case or spelling it came in', () => {
    expect(storedUuid('3F6C1E0A-1111-4A4A-8A8A-00000000000A')).toBe('3f6c1e0a-1111-4a4a-8a8a-00000000000a');
    expect(storedUuid('{3f6c1e0a11114a4a8a8a00000000000a}')).toBe('3f6c1e0a-1111-4a4a-8a8a-00000000000a');
    expect(() => storedUuid('not-a-uuid')).toThrow(TypeError);
  });

  it('replaces what UTF-8 text cannot hold (a lone surrogate, NUL) and keeps everything else', () => {
    expect(storedText('a\uD800b\u0000c')).toBe('a\uFFFDb\uFFFDc');
    expect(storedText('Пётр 王曉明 😀')).toBe('Пётр 王曉明 😀');
  });

  it('writes a time with milliseconds in UTC and refuses one the column cannot hold', () => {
    expect(storedTimestamp(new Date(Date.UTC(2026, 0, 2, 3, 4, 5, 6)))).toBe('2026-01-02T03:04:05.006Z');
    expect(() => storedTimestamp(new Date(Number.NaN))).toThrow(RangeError);
  });

  it('gives details as jsonb gives them back: plain JSON values, dates as text, bigints as text', () => {
    expect(
      storedJson({
        at: new Date(Date.UTC(2026, 0, 1)),
        n: -0,
        big: 12n,
        gone: undefined,
        list: [undefined, 1.5],
        nested: { s: 'x\u0000' },
      }),
    ).toEqual({ at: '2026-01-01T00:00:00.000Z', n: 0, big: '12', list: [null, 1.5], nested: { s: 'x\uFFFD' } });
    expect(storedJson(undefined)).toBeNull();
  });

  it('keeps a "__proto__" key as an ordinary key', () => {
    const stored = storedJson(JSON.parse('{"__proto__": {"a": 1}}')) as Record<string, unknown>;
    expect(canonicalJson(stored)).toBe('{"__proto__":{"a":1}}');
  });
});
