import { ChainRow, chainHash, ChainWalker, GENESIS_HASH, LogEntry, signCheckpoint, verifyChain, verifyCheckpoint } from './hash-chain';
import { generateSigningKeyPair } from './signing';

describe('the tamper-evident message log', () => {
  function entry(i: number): LogEntry {
    return {
      direction: (['sent', 'applied', 'dead-lettered'] as const)[i % 3],
      topic: 'idcard.registry.44.applications',
      partition: i % 3 === 0 ? null : 2,
      offset: i % 3 === 0 ? null : String(1000 + i),
      key: Buffer.from(`key-${i}`),
      value: Buffer.from(JSON.stringify({ n: i })),
      signature: `sig-${i}`,
      keyId: 'receiving-office-44-a',
      time: new Date(Date.UTC(2026, 10, 22, 8, 0, i)),
    };
  }

  /** Rows as a table would hold them: each with its hash and the previous one's. */
  function chain(n: number): ChainRow[] {
    const rows: ChainRow[] = [];
    let previous = GENESIS_HASH;
    for (let i = 0; i < n; i++) {
      const hash = chainHash(previous, entry(i));
      rows.push({ ...entry(i), previousHash: previous, hash });
      previous = hash;
    }
    return rows;
  }

  it('walks an intact chain to its count and head', () => {
    const rows = chain(10);
    expect(verifyChain(rows)).toEqual({ ok: true, count: 10, head: rows[9].hash });
    expect(verifyChain([])).toEqual({ ok: true, count: 0, head: GENESIS_HASH });
    expect(rows[0].hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('finds one row edited in the middle', () => {
    const rows = chain(10);
    const value = Buffer.from(rows[5].value as Buffer);
    value[3] ^= 1;
    rows[5] = { ...rows[5], value };
    const result = verifyChain(rows);
    expect(result).toEqual({ ok: false, brokenAt: 5, expected: chainHash(rows[4].hash, rows[5]), found: rows[5].hash });
  });

  it('finds a row deleted, and a row whose hash was recomputed but not the next ones', () => {
    const deleted = chain(10);
    deleted.splice(4, 1);
    expect(verifyChain(deleted)).toMatchObject({ ok: false, brokenAt: 4 });
    const recomputed = chain(10);
    recomputed[6] = { ...recomputed[6], keyId: 'forged', hash: chainHash(recomputed[5].hash, { ...recomputed[6], keyId: 'forged' }) };
    expect(verifyChain(recomputed)).toMatchObject({ ok: false, brokenAt: 7, expected: recomputed[6].hash });
  });

  it('hashes every field: direction, topic, partition, offset, key, value, signature, key id, time', () => {
    const base = entry(1);
    const variants: Partial<LogEntry>[] = [
      { direction: 'sent' },
      { topic: 'idcard.registry.45.applications' },
      { partition: 3 },
      { partition: null },
      { offset: '1002' },
      { key: null },
      { key: '' },
      { value: Buffer.from('{}') },
      { signature: null },
      { keyId: 'other' },
      { time: new Date((base.time as Date).getTime() + 1) },
    ];
    const hashes = new Set([chainHash(GENESIS_HASH, base), ...variants.map((v) => chainHash(GENESIS_HASH, { ...base, ...v }))]);
    expect(hashes.size).toBe(variants.length + 1);
  });

  it('hashes a time the same whether it comes back from the database as a Date or as text with an offset', () => {
    const e = entry(1);
    expect(chainHash(GENESIS_HASH, { ...e, time: '2026-11-22T16:00:01+08:00' })).toBe(chainHash(GENESIS_HASH, e));
    expect(chainHash(GENESIS_HASH, { ...e, offset: 1001n })).toBe(chainHash(GENESIS_HASH, e));
  });

  it('reports a row it cannot even hash as the break, and walks on from a checkpoint', () => {
    const rows = chain(6);
    expect(verifyChain([rows[0], { ...rows[1], offset: '-1' }])).toMatchObject({ ok: false, brokenAt: 1, found: expect.stringMatching(/^unreadable: offset/) });
    const walker = new ChainWalker({ head: rows[2].hash, count: 3 });
    for (const row of rows.slice(3)) expect(walker.add(row)).toBeNull();
    expect(walker.result()).toEqual({ ok: true, count: 6, head: rows[5].hash });
  });

  it('signs checkpoints of the head, so a cut-off tail shows against one kept elsewhere', () => {
    const { privateKey, publicKey } = generateSigningKeyPair();
    const rows = chain(8);
    const checkpoint = { service: 'registry-office', province: '44', count: 8, head: rows[7].hash, at: '2026-11-22T09:00:00.000Z' };
    const signed = signCheckpoint(checkpoint, privateKey, 'registry-office-44-a');
    expect(verifyCheckpoint(signed, publicKey)).toBe(true);
    expect(verifyCheckpoint({ ...signed, checkpoint: { ...checkpoint, count: 7, head: rows[6].hash } }, publicKey)).toBe(false);
    const truncated = verifyChain(rows.slice(0, 7));
    expect(truncated.ok && truncated.count < signed.checkpoint.count).toBe(true);
  });
});
