import { Inject, Injectable, Optional } from '@nestjs/common';
import { BiometricsKeyring, openBytes, sealBytes } from '@idcard/biometrics';
import { ChainRow, chainHash, ChainWalker, GENESIS_HASH, LogDirection, LogEntry } from '@idcard/trust';
import type { EntityManager } from 'typeorm';
import { MESSAGING_OPTIONS, MessagingOptions } from './options';

/**
 * The tamper-evident message log (issue 10, point 5): every message this service sends, applies or dead-letters, as
 * a hash chain in the service's own database. The hashing is libs/trust's (hash-chain.ts); this file stores and reads.
 *
 * Tables (migration CreateMessageLog1796100000001):
 *
 *   message_log
 *     id            bigserial PRIMARY KEY   the chain's order: ids are taken while the head is locked, so ORDER BY id
 *                                           is the order the rows were chained in (a rolled-back append leaves a gap,
 *                                           which is harmless: only the order matters)
 *     direction     text NOT NULL           'sent' | 'applied' | 'dead-lettered'
 *     topic         text NOT NULL           the topic sent to or received from (not the dead-letter topic)
 *     partition     int NULL                as Kafka reported it; null for a sent message whose offset is not known
 *     kafka_offset  bigint NULL             likewise (pg hands it over as a decimal string, as chainHash takes it)
 *     message_key   text NULL               the Kafka key as UTF-8 text (a citizen's ID number: never print it)
 *     value         bytea NULL              the value, exactly the bytes sent or received
 *     signature     text NULL               x-signature (base64 Ed25519), null when the message carried none
 *     key_id        text NULL               x-key-id
 *     logged_at     timestamptz NOT NULL    the service's clock at the append, hashed to the millisecond
 *     prev_hash     char(64) NOT NULL       the previous row's hash (GENESIS_HASH, 64 zeros, for the first row)
 *     hash          char(64) NOT NULL UNIQUE  chainHash(prev_hash, { direction, topic, partition, offset: kafka_offset,
 *                                           key: message_key, value, signature, keyId: key_id, time: logged_at })
 *
 *   message_log_head (one row, id = 1)
 *     id smallint PRIMARY KEY CHECK (id = 1), hash char(64) NOT NULL, count bigint NOT NULL
 *     the last row's hash and the number of rows; seeded with GENESIS_HASH and 0. Every append locks it FOR UPDATE,
 *     so appends are serialised and the head always matches the last committed row.
 *
 * A verifier (the ops CLI's verify-log) reads
 *   SELECT id, direction, topic, partition, kafka_offset, message_key, value, signature, key_id, logged_at, prev_hash, hash
 *     FROM message_log ORDER BY id
 * and `SELECT hash, count FROM message_log_head WHERE id = 1`, walks the rows with ChainWalker and checks that it
 * ends at the head: verifyMessageLog() below does exactly that over any client with a `query` method (a plain pg
 * Client or Pool, or a TypeORM DataSource or EntityManager).
 *
 * Text columns cannot hold a NUL character in PostgreSQL, and a Kafka key or header may be any bytes; what is stored
 * (and hashed) is the UTF-8 reading of them with NUL replaced by U+FFFD, so that a hostile message can always be
 * logged. The value, in bytea, is kept byte for byte.
 */

/** Anything that runs SQL: a pg Client or Pool (resolves { rows }) or a TypeORM DataSource or EntityManager (resolves rows). */
export interface Queryable {
  query(sql: string, params?: unknown[]): Promise<unknown>;
}

function rowsOf<T>(result: unknown): T[] {
  if (Array.isArray(result)) return result as T[];
  return ((result as { rows?: T[] } | null)?.rows ?? []) as T[];
}

/** A row of message_log as read back: what chainHash hashed, its hash, the previous hash and the row's id. */
export interface MessageLogRow extends ChainRow {
  id: string;
  direction: LogDirection;
  partition: number | null;
  offset: string | null;
  key: string | null;
  value: Buffer | null;
  signature: string | null;
  keyId: string | null;
  time: Date;
  previousHash: string;
  hash: string;
}

export interface MessageLogHeadState {
  hash: string;
  count: number;
}

/** A text field as stored: UTF-8, NUL replaced (PostgreSQL text refuses it). */
function storedText(field: string | Uint8Array | null): string | null {
  if (field === null) return null;
  const text = typeof field === 'string' ? field : Buffer.from(field.buffer, field.byteOffset, field.byteLength).toString('utf8');
  return text.replace(/\0/g, '\uFFFD');
}

function storedBytes(field: string | Uint8Array | null): Buffer | null {
  if (field === null) return null;
  return typeof field === 'string' ? Buffer.from(field, 'utf8') : Buffer.from(field.buffer, field.byteOffset, field.byteLength);
}

interface StoredEntry {
  direction: LogDirection;
  topic: string;
  partition: number | null;
  offset: string | null;
  key: string | null;
  value: Buffer | null;
  signature: string | null;
  keyId: string | null;
  time: Date;
}

/** The entry exactly as it will read back from the table: what is hashed is what is stored. */
function stored(e: LogEntry): StoredEntry {
  const time = new Date(typeof e.time === 'string' ? e.time : e.time.getTime());
  return {
    direction: e.direction,
    topic: storedText(e.topic) ?? '',
    partition: e.partition,
    offset: e.offset === null ? null : String(e.offset),
    key: storedText(e.key),
    value: storedBytes(e.value),
    signature: storedText(e.signature),
    keyId: storedText(e.keyId),
    time,
  };
}

const COLUMNS = ['id', 'direction', 'topic', 'partition', 'kafka_offset', 'message_key', 'value', 'signature', 'key_id', 'logged_at', 'prev_hash', 'hash'];
/** Rows per INSERT: 12 parameters each, well under PostgreSQL's 65,535. */
const INSERT_CHUNK = 1000;

/**
 * Appends to the message log inside the caller's transaction: the row commits with the send or the apply it records,
 * or not at all. Stateless; one per service (MessagingModule provides it).
 */
@Injectable()
export class MessageLog {
  /** Values are sealed at rest with the service's biometrics keyring when it has one (MessagingOptions.biometrics). */
  constructor(@Optional() @Inject(MESSAGING_OPTIONS) private readonly options?: MessagingOptions) {}

  /**
   * Chains `entries` in order after the current head and stores them. Locks the head row FOR UPDATE until the caller's
   * transaction ends, so call it as the transaction's last statement: every other append of the service waits on it.
   * Resolves the new head.
   */
  async append(em: EntityManager, entries: readonly LogEntry[]): Promise<MessageLogHeadState> {
    if (em.queryRunner && !em.queryRunner.isTransactionActive)
      throw new Error('MessageLog.append must run inside the transaction of the send or apply it records');
    // One round trip: the head locked, then (LATERAL: for the locked row, so after the lock) the ids of the new rows,
    // handed out in ascending order while the head is held, so ORDER BY id is the chain's order whatever order
    // PostgreSQL evaluates a multi-row INSERT's defaults in. With no entries, no id is taken.
    const [head] = rowsOf<{ hash: string; count: string; ids: string[] | null }>(
      await em.query(
        `WITH head AS MATERIALIZED (SELECT hash, count FROM message_log_head WHERE id = 1 FOR UPDATE)
         SELECT head.hash, head.count, taken.ids FROM head,
           LATERAL (SELECT array_agg(nextval(pg_get_serial_sequence('message_log', 'id'))::text ORDER BY n) AS ids
                      FROM generate_series(1, $1) AS n WHERE head.count IS NOT NULL) AS taken`,
        [entries.length],
      ),
    );
    if (!head) throw new Error('message_log_head has no row: the messaging migrations have not run');
    if (entries.length === 0) return { hash: head.hash, count: Number(head.count) };
    const ids = (head.ids ?? []).map((id) => BigInt(id)).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    let previous = head.hash;
    const rows: unknown[][] = entries.map((entry, i) => {
      const e = stored(entry);
      const hash = chainHash(previous, e);
      // Hashed plain, stored sealed: the chain proves the bytes that travelled, the table shows no photo.
      const keyring = this.options?.biometrics;
      const value = keyring && e.value ? sealBytes(keyring, e.value) : e.value;
      const row = [String(ids[i]), e.direction, e.topic, e.partition, e.offset, e.key, value, e.signature, e.keyId, e.time, previous, hash];
      previous = hash;
      return row;
    });
    for (let start = 0; start < rows.length; start += INSERT_CHUNK) {
      const chunk = rows.slice(start, start + INSERT_CHUNK);
      const values = chunk.map((_, r) => `(${COLUMNS.map((__, c) => `$${r * COLUMNS.length + c + 1}`).join(', ')})`).join(', ');
      const insert = `INSERT INTO message_log (${COLUMNS.join(', ')}) VALUES ${values}`;
      if (start + INSERT_CHUNK < rows.length) {
        await em.query(insert, chunk.flat());
        continue;
      }
      // The last rows and the new head in one statement (one round trip).
      const n = chunk.length * COLUMNS.length;
      await em.query(`WITH appended AS (${insert}) UPDATE message_log_head SET hash = $${n + 1}, count = count + $${n + 2} WHERE id = 1`, [
        ...chunk.flat(),
        previous,
        entries.length,
      ]);
    }
    return { hash: previous, count: Number(head.count) + entries.length };
  }
}

interface RawLogRow {
  id: string;
  direction: LogDirection;
  topic: string;
  partition: number | null;
  kafka_offset: string | null;
  message_key: string | null;
  value: Buffer | null;
  signature: string | null;
  key_id: string | null;
  logged_at: Date | string;
  prev_hash: string;
  hash: string;
}

function logRowOf(r: RawLogRow, keyring?: BiometricsKeyring): MessageLogRow {
  return {
    id: String(r.id),
    direction: r.direction,
    topic: r.topic,
    partition: r.partition === null ? null : Number(r.partition),
    offset: r.kafka_offset === null ? null : String(r.kafka_offset),
    key: r.message_key,
    value: r.value && keyring ? openBytes(keyring, r.value) : r.value,
    signature: r.signature,
    keyId: r.key_id,
    time: r.logged_at instanceof Date ? r.logged_at : new Date(r.logged_at),
    previousHash: r.prev_hash,
    hash: r.hash,
  };
}

/** One page of the log in chain order: rows with an id above `afterId` (default: from the start), at most `limit`. */
export async function readMessageLog(
  db: Queryable,
  page: { afterId?: string | number | bigint; limit?: number; biometrics?: BiometricsKeyring } = {},
): Promise<MessageLogRow[]> {
  const result = await db.query(`SELECT ${COLUMNS.join(', ')} FROM message_log WHERE id > $1 ORDER BY id LIMIT $2`, [
    String(page.afterId ?? 0),
    page.limit ?? 1000,
  ]);
  return rowsOf<RawLogRow>(result).map((r) => logRowOf(r, page.biometrics));
}

/** The head row: the last hash and the row count. */
export async function readMessageLogHead(db: Queryable): Promise<MessageLogHeadState> {
  const [head] = rowsOf<{ hash: string; count: string }>(await db.query(`SELECT hash, count FROM message_log_head WHERE id = 1`));
  if (!head) throw new Error('message_log_head has no row: the messaging migrations have not run');
  return { hash: head.hash, count: Number(head.count) };
}

export type MessageLogVerification =
  | { ok: true; count: number; head: string }
  /**
   * The first row that does not follow (`brokenAt`: its index from the start, `id`: its id), or, with `id` null, a
   * chain that is intact but does not end at the head row (rows cut off the end, or the head edited).
   */
  | { ok: false; brokenAt: number; id: string | null; expected: string; found: string };

/**
 * Walks the log in pages from the first row and checks that it ends at the head row: the count and head hash, or
 * where it breaks. Needs no lock: the head is read first and the walk stops after the head's count of rows, so rows
 * the service appends meanwhile are neither missed nor taken for tampering (which also means rows written after
 * the head by someone bypassing append are not looked at: the head is the authority, anchor it elsewhere).
 */
export async function verifyMessageLog(db: Queryable, options: { pageSize?: number; biometrics?: BiometricsKeyring } = {}): Promise<MessageLogVerification> {
  const head = await readMessageLogHead(db);
  const walker = new ChainWalker({ head: GENESIS_HASH, count: 0 });
  let afterId: string = '0';
  while (walker.count < head.count) {
    const rows = await readMessageLog(db, { afterId, limit: Math.min(options.pageSize ?? 1000, head.count - walker.count), biometrics: options.biometrics });
    if (rows.length === 0) break;
    for (const row of rows) {
      const broken = walker.add(row);
      if (broken) return { ok: false, brokenAt: broken.brokenAt, id: row.id, expected: broken.expected, found: broken.found };
      afterId = row.id;
    }
  }
  if (walker.count !== head.count || walker.head !== head.hash) {
    return {
      ok: false,
      brokenAt: walker.count,
      id: null,
      expected: `${head.count} rows ending in ${head.hash} (the head row)`,
      found: `${walker.count} rows ending in ${walker.head}`,
    };
  }
  return { ok: true, count: walker.count, head: walker.head };
}
