import { BiometricsKeyring, openBytes } from '@idcard/biometrics';
import type { Client } from 'pg';
import { ChainRow, ChainWalker, GENESIS_HASH, LogDirection } from '@idcard/trust';

/**
 * Walks a service's tamper-evident message log (libs/messaging writes it) through libs/trust's ChainWalker:
 *
 *   message_log(id bigserial, direction, topic, partition, kafka_offset, message_key, value, signature, key_id,
 *               logged_at, prev_hash, hash)       one row per message sent, applied or dead-lettered
 *   message_log_head(id = 1, hash, count)         the head the writer last recorded
 *
 * Read in pages by id inside one REPEATABLE READ READ ONLY transaction, so the rows and the head are one snapshot
 * even while the service appends. Only hashes and ids come out of here: never a message's key or value.
 */

export interface LogBreak {
  ok: false;
  /** The id of the first row that does not follow, or 'message_log_head' when the rows are intact but the head is not theirs. */
  brokenAt: string | number;
  expected: string;
  found: string;
  /** What is wrong, in words (no message content). */
  reason: string;
  /** Rows that did verify before the break. */
  verifiedRows: number;
}

export interface IntactLog {
  ok: true;
  count: number;
  head: string;
  /** With a checkpoint: the head after checkpoint.count rows; null when the log is shorter than that. */
  headAtCheckpoint?: string | null;
}

export type LogWalk = IntactLog | LogBreak;

export interface WalkOptions {
  pageSize: number;
  /** Also check that the chain passes through this (count, head): the log still extends a recorded checkpoint. */
  checkpoint?: { count: number; head: string };
  /** Values are sealed at rest with the service's biometrics key: they are hashed as they travelled, so opened first. */
  biometrics?: BiometricsKeyring;
}

interface LogRow {
  id: string;
  direction: LogDirection;
  topic: string;
  partition: number | null;
  kafka_offset: string | null;
  message_key: string | null;
  value: Buffer | null;
  signature: string | null;
  key_id: string | null;
  logged_at: Date;
  prev_hash: string | null;
  hash: string;
}

function idOf(id: string): string | number {
  const n = Number(id);
  return Number.isSafeInteger(n) ? n : id;
}

function chainRow(r: LogRow, keyring?: BiometricsKeyring): ChainRow {
  return {
    direction: r.direction,
    topic: r.topic,
    partition: r.partition,
    offset: r.kafka_offset,
    key: r.message_key,
    value: r.value && keyring ? openBytes(keyring, r.value) : r.value,
    signature: r.signature,
    keyId: r.key_id,
    time: r.logged_at,
    hash: r.hash?.trim(),
    previousHash: r.prev_hash === null ? undefined : r.prev_hash.trim(),
  };
}

export async function walkMessageLog(client: Client, options: WalkOptions): Promise<LogWalk> {
  await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
  try {
    const head = await client.query<{ hash: string; count: string }>('SELECT hash, count::text AS count FROM message_log_head WHERE id = 1');
    const walker = new ChainWalker();
    const checkpoint = options.checkpoint;
    let atCheckpoint: string | null = checkpoint?.count === 0 ? GENESIS_HASH : null;
    let after = '0';
    for (;;) {
      const page = await client.query<LogRow>(
        `SELECT id::text AS id, direction, topic, partition, kafka_offset::text AS kafka_offset, message_key, value, signature, key_id,
                logged_at, prev_hash, hash
           FROM message_log WHERE message_log.id > $1::bigint ORDER BY message_log.id LIMIT $2`,
        [after, options.pageSize],
      );
      for (const r of page.rows) {
        const row = chainRow(r, options.biometrics);
        const linkBroken = row.previousHash !== undefined && row.previousHash !== walker.head;
        const broken = walker.add(row);
        if (broken) {
          const reason = linkBroken
            ? `its prev_hash is not the hash of the row before it: a row was deleted or inserted before it, or its prev_hash altered`
            : broken.found.startsWith('unreadable:')
              ? `its fields cannot be hashed (${broken.found.slice('unreadable: '.length)})`
              : `its hash does not match its fields: the row was altered`;
          return { ok: false, brokenAt: idOf(r.id), expected: broken.expected, found: broken.found, reason, verifiedRows: broken.brokenAt };
        }
        if (checkpoint && walker.count === checkpoint.count) atCheckpoint = walker.head;
      }
      if (page.rows.length < options.pageSize) break;
      after = page.rows[page.rows.length - 1].id;
    }
    const walked = walker.result() as IntactLog;
    const recorded = head.rows[0] ? { hash: head.rows[0].hash.trim(), count: Number(head.rows[0].count) } : { hash: GENESIS_HASH, count: 0 };
    if (recorded.hash !== walked.head || recorded.count !== walked.count) {
      return {
        ok: false,
        brokenAt: 'message_log_head',
        expected: recorded.hash,
        found: walked.head,
        reason: head.rows[0]
          ? `message_log_head records ${recorded.count} rows ending in ${recorded.hash}, but the log walks to ${walked.count} rows ending in ${walked.head}: rows were deleted from the end, or the head was altered`
          : `message_log_head has no row, but the log has ${walked.count} rows: the head was deleted`,
        verifiedRows: walked.count,
      };
    }
    if (!checkpoint) return walked;
    return { ...walked, headAtCheckpoint: atCheckpoint };
  } finally {
    await client.query('ROLLBACK').catch(() => undefined);
  }
}
