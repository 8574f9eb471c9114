import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical-json';
import { lengthPrefixed, PrivateKeyInput, PublicKeyInput, signBytes, verifyBytes } from './signing';

/**
 * The arithmetic of the tamper-evident message log (issue 10, point 5). Each service appends a row for every message
 * it sends, applies or dead-letters, in the same transaction; each row's hash covers the previous row's hash and the
 * row's own fields, so changing, inserting or deleting any row breaks every hash after it. Storage is the caller's:
 * this module only computes and checks.
 *
 * Cutting off the tail, or rewriting the whole chain, leaves a consistent chain; what catches that is the head hash
 * kept somewhere else. signCheckpoint() makes that cheap: the service signs (count, head, time) with its own key and
 * publishes it (a topic the national centre keeps, another province, a printed ledger); a verifier later checks that
 * the chain still passes through every checkpoint it is shown (ChainWalker starts from one, or meets one on the way).
 */

/** Prefix of every row hash: a log hash can never be mistaken for any other sha256 the system computes. */
export const MESSAGE_LOG_DOMAIN = 'idcard-message-log-v1';

/** The "previous hash" of the first row. */
export const GENESIS_HASH = '0'.repeat(64);

export const LOG_DIRECTIONS = ['sent', 'applied', 'dead-lettered'] as const;
export type LogDirection = (typeof LOG_DIRECTIONS)[number];

/** One message as the log keeps it: the exact bytes, their signature and where they travelled. */
export interface LogEntry {
  direction: LogDirection;
  topic: string;
  /** null for a row written with the send, before Kafka has said where it went. */
  partition: number | null;
  /** Kafka's int64 offset: a decimal string as kafkajs gives it, or a number or bigint. */
  offset: string | number | bigint | null;
  key: string | Uint8Array | null;
  value: string | Uint8Array | null;
  signature: string | null;
  keyId: string | null;
  /** A Date, or ISO text: hashed as the UTC instant to the millisecond, so a database round trip changes nothing. */
  time: Date | string;
}

function offsetText(offset: LogEntry['offset']): string | null {
  if (offset === null) return null;
  const text = typeof offset === 'string' ? offset : String(offset);
  if (!/^(0|[1-9]\d{0,18})$/.test(text)) throw new RangeError(`offset ${JSON.stringify(text)} is not a Kafka offset`);
  return text;
}

function partitionText(partition: number | null): string | null {
  if (partition === null) return null;
  if (!Number.isSafeInteger(partition) || partition < 0) throw new RangeError(`partition ${partition} is not a Kafka partition`);
  return String(partition);
}

function timeText(time: Date | string): string {
  const t = typeof time === 'string' ? new Date(time) : time;
  if (Number.isNaN(t.getTime())) throw new RangeError(`log time ${JSON.stringify(time)} is not a time`);
  return t.toISOString();
}

function isHash(v: unknown): v is string {
  return typeof v === 'string' && /^[0-9a-f]{64}$/.test(v);
}

/** sha256 (hex) of the previous hash and the entry, every field length-prefixed and null distinct from empty. */
export function chainHash(previousHash: string, entry: LogEntry): string {
  if (!isHash(previousHash)) throw new RangeError(`previous hash ${JSON.stringify(previousHash)} is not 64 lower-case hex digits`);
  if (!(LOG_DIRECTIONS as readonly string[]).includes(entry.direction))
    throw new RangeError(`direction ${JSON.stringify(entry.direction)} is not one of ${LOG_DIRECTIONS}`);
  const encoded = lengthPrefixed([
    MESSAGE_LOG_DOMAIN,
    previousHash,
    entry.direction,
    entry.topic,
    partitionText(entry.partition),
    offsetText(entry.offset),
    entry.key,
    entry.value,
    entry.signature,
    entry.keyId,
    timeText(entry.time),
  ]);
  return createHash('sha256').update(encoded).digest('hex');
}

/** A stored row: the entry, its hash, and (if the table keeps it) the previous row's hash. */
export interface ChainRow extends LogEntry {
  hash: string;
  previousHash?: string;
}

/** Where the chain first fails: the row's index (from the start of the walk), what its hash should be, what it is. */
export interface ChainBreak {
  ok: false;
  brokenAt: number;
  expected: string;
  found: string;
}

export type ChainVerification = { ok: true; count: number; head: string } | ChainBreak;

/**
 * Walks a chain row by row, for logs read in pages from a database; verifyChain is this over an array. A row whose
 * fields cannot even be hashed (a bad offset, an unreadable time) is a break: expected "hashable fields", found
 * "unreadable: <why>".
 */
export class ChainWalker {
  private current: string;
  private seen: number;

  /** From the genesis, or from a checkpoint already verified (its head and how many rows came before). */
  constructor(start: { head: string; count: number } = { head: GENESIS_HASH, count: 0 }) {
    this.current = start.head;
    this.seen = start.count;
  }

  get head(): string {
    return this.current;
  }

  get count(): number {
    return this.seen;
  }

  /** Takes the next row; returns the break if the row does not follow, and then stays at the row before it. */
  add(row: ChainRow): ChainBreak | null {
    const index = this.seen;
    if (row.previousHash !== undefined && row.previousHash !== this.current) {
      return { ok: false, brokenAt: index, expected: this.current, found: row.previousHash };
    }
    let expected: string;
    try {
      expected = chainHash(this.current, row);
    } catch (err) {
      return { ok: false, brokenAt: index, expected: 'hashable fields', found: `unreadable: ${(err as Error).message}` };
    }
    if (row.hash !== expected) return { ok: false, brokenAt: index, expected, found: row.hash };
    this.current = expected;
    this.seen++;
    return null;
  }

  result(): ChainVerification {
    return { ok: true, count: this.seen, head: this.current };
  }
}

/** The count and head hash of an intact chain, or its first broken row. */
export function verifyChain(rows: Iterable<ChainRow>, start?: { head: string; count: number }): ChainVerification {
  const walker = new ChainWalker(start);
  for (const row of rows) {
    const broken = walker.add(row);
    if (broken) return broken;
  }
  return walker.result();
}

/** Separates checkpoint signatures from message and trust-list signatures made with the same service key. */
export const CHECKPOINT_SIGNATURE_DOMAIN = 'idcard-log-checkpoint-v1';

/** "This service's log had `count` rows ending in `head` at `at`", to be kept by someone else. */
export interface LogCheckpoint {
  service: string;
  province: string;
  count: number;
  head: string;
  at: string;
}

export interface SignedCheckpoint {
  checkpoint: LogCheckpoint;
  keyId: string;
  signature: string;
}

function checkpointBytes(c: LogCheckpoint, keyId: string): Buffer {
  return lengthPrefixed([CHECKPOINT_SIGNATURE_DOMAIN, keyId, canonicalJson(c)]);
}

export function signCheckpoint(checkpoint: LogCheckpoint, privateKey: PrivateKeyInput, keyId: string): SignedCheckpoint {
  if (!isHash(checkpoint.head) || !Number.isSafeInteger(checkpoint.count) || checkpoint.count < 0)
    throw new RangeError('a checkpoint needs a count and a head hash');
  return { checkpoint, keyId, signature: signBytes(checkpointBytes(checkpoint, keyId), privateKey) };
}

/** True if the checkpoint is `publicKey`'s (the trust list's key for `keyId`, valid at checkpoint.at). */
export function verifyCheckpoint(signed: SignedCheckpoint, publicKey: PublicKeyInput): boolean {
  try {
    return verifyBytes(checkpointBytes(signed.checkpoint, signed.keyId), signed.signature, publicKey);
  } catch {
    return false;
  }
}
