import { describe, expect, it } from 'vitest';
import { AuditChainVerifier, type ChainedAuditFields, canonicalJson, chainHash, GENESIS_HASH, type StoredAuditRow } from './audit-chain.ts';

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

  it('the verifier names the first row that breaks', () => {
    const rows: StoredAuditRow[] = [];
    let prev = GENESIS_HASH;
    for (let i = 1; i <= 4; i++) {
      const f = fields(i);
      const hash = chainHash(prev, f);
      rows.push({ ...f, prevHash: prev, hash });
      prev = hash;
    }
    const good = new AuditChainVerifier();
    rows.forEach((r) => good.push(r));
    expect(good.result()).toMatchObject({ ok: true, checked: 4, lastHash: prev });

    const edited = new AuditChainVerifier();
    rows.map((r, i) => (i === 2 ? { ...r, action: 'person.update' } : r)).forEach((r) => edited.push(r));
    expect(edited.result()).toMatchObject({ ok: false, firstBrokenSeq: '3' });

    const gap = new AuditChainVerifier();
    rows.filter((_, i) => i !== 1).forEach((r) => gap.push(r));
    expect(gap.result()).toMatchObject({ ok: false, firstBrokenSeq: '3' });
  });
});
