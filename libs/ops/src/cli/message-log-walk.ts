import type { BiometricsKeyring } from '@idcard/biometrics';
import { readMessageLog } from '@idcard/messaging';
import type { Client } from 'pg';
import { ChainWalker, GENESIS_HASH } from '@idcard/trust';

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

function idOf(id: string): string | number {
  const n = Number(id);
  return Number.isSafeInteger(n) ? n : id;
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
      // The rows as libs/messaging, which writes them, reads them back (sealed values opened with the key).
      const page = await readMessageLog(client, { afterId: after, limit: options.pageSize, biometrics: options.biometrics });
      for (const row of page) {
        const linkBroken = row.previousHash !== undefined && row.previousHash !== walker.head;
        const broken = walker.add(row);
        if (broken) {
          const reason = linkBroken
            ? `its prev_hash is not the hash of the row before it: a row was deleted or inserted before it, or its prev_hash altered`
            : broken.found.startsWith('unreadable:')
              ? `its fields cannot be hashed (${broken.found.slice('unreadable: '.length)})`
              : `its hash does not match its fields: the row was altered`;
          return { ok: false, brokenAt: idOf(row.id), expected: broken.expected, found: broken.found, reason, verifiedRows: broken.brokenAt };
        }
        if (checkpoint && walker.count === checkpoint.count) atCheckpoint = walker.head;
      }
      if (page.length < options.pageSize) break;
      after = page[page.length - 1].id;
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
