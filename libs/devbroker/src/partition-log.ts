import * as fs from 'fs';
import { ErrorCode } from './protocol/error-codes';
import { BATCH, BatchHeader, readBatchHeader, recordTimestamps } from './protocol/record-batch';

export interface StoredBatch {
  baseOffset: number;
  lastOffset: number;
  maxTimestamp: number;
  bytes: Buffer;
}

/** Sequence state of one idempotent producer on one partition: the last five batches, as Kafka keeps. */
interface ProducerState {
  epoch: number;
  recent: { firstSeq: number; lastSeq: number; baseOffset: number }[];
}

const RECENT_BATCHES_KEPT = 5;

export type AppendResult = { errorCode: 0; baseOffset: number } | { errorCode: number; baseOffset: -1 };

/**
 * One partition's log: batches kept as received, offsets assigned on append, optionally mirrored to an
 * append-only file in Kafka's own segment layout so that a restart (or a kill) loses nothing acknowledged.
 */
export class PartitionLog {
  private readonly batches: StoredBatch[] = [];
  private readonly producers = new Map<bigint, ProducerState>();
  private readonly appendListeners = new Set<() => void>();
  readonly logStartOffset = 0;
  private nextOffset = 0;

  private constructor(private fd: number | null) {}

  static inMemory(): PartitionLog {
    return new PartitionLog(null);
  }

  /** Opens (or creates) a log file, replaying its batches; a torn batch at the end from a killed broker is cut off. */
  static open(file: string): PartitionLog {
    const existing = fs.existsSync(file) ? fs.readFileSync(file) : Buffer.alloc(0);
    const fd = fs.openSync(file, 'a');
    const log = new PartitionLog(fd);
    let at = 0;
    while (at < existing.length) {
      let header: BatchHeader;
      try {
        header = readBatchHeader(existing, at, true);
      } catch {
        break;
      }
      log.remember(existing.subarray(at, at + header.size), header);
      at += header.size;
    }
    if (at < existing.length) fs.ftruncateSync(fd, at);
    return log;
  }

  get highWatermark(): number {
    return this.nextOffset;
  }

  /** Appends a producer's batch (already verified), enforcing idempotent-producer sequences. */
  append(bytes: Buffer, header: BatchHeader): AppendResult {
    const sequenceCheck = this.checkSequence(header);
    if (sequenceCheck) return sequenceCheck;
    const stored = Buffer.from(bytes); // own copy: the request frame's buffer is not ours to keep
    stored.writeBigInt64BE(BigInt(this.nextOffset), BATCH.BASE_OFFSET);
    stored.writeInt32BE(0, BATCH.LEADER_EPOCH);
    if (this.fd !== null) fs.writeSync(this.fd, stored);
    const baseOffset = this.nextOffset;
    this.remember(stored, { ...header, baseOffset });
    for (const listener of [...this.appendListeners]) listener();
    return { errorCode: 0, baseOffset };
  }

  private remember(bytes: Buffer, header: BatchHeader): void {
    const lastOffset = header.baseOffset + header.lastOffsetDelta;
    this.batches.push({ baseOffset: header.baseOffset, lastOffset, maxTimestamp: header.maxTimestamp, bytes });
    this.nextOffset = lastOffset + 1;
    if (header.producerId >= 0n) this.trackProducer(header, header.baseOffset);
  }

  private checkSequence(h: BatchHeader): AppendResult | null {
    if (h.producerId < 0n) return null;
    const state = this.producers.get(h.producerId);
    // A producer we have no state for (new, or from before a memory-only restart) starts where it says.
    if (!state || h.producerEpoch > state.epoch) return null;
    if (h.producerEpoch < state.epoch) return { errorCode: ErrorCode.INVALID_PRODUCER_EPOCH, baseOffset: -1 };
    const lastSeq = h.baseSequence + h.lastOffsetDelta;
    const duplicate = state.recent.find((b) => b.firstSeq === h.baseSequence && b.lastSeq === lastSeq);
    // A retried batch that was already written: answer with its offset and write nothing, as Kafka does.
    if (duplicate) return { errorCode: 0, baseOffset: duplicate.baseOffset };
    const expected = (state.recent[state.recent.length - 1].lastSeq + 1) | 0;
    if (h.baseSequence !== expected) return { errorCode: ErrorCode.OUT_OF_ORDER_SEQUENCE_NUMBER, baseOffset: -1 };
    return null;
  }

  private trackProducer(h: BatchHeader, baseOffset: number): void {
    let state = this.producers.get(h.producerId);
    if (!state || h.producerEpoch !== state.epoch) {
      state = { epoch: h.producerEpoch, recent: [] };
      this.producers.set(h.producerId, state);
    }
    state.recent.push({ firstSeq: h.baseSequence, lastSeq: h.baseSequence + h.lastOffsetDelta, baseOffset });
    if (state.recent.length > RECENT_BATCHES_KEPT) state.recent.shift();
  }

  /** Whole batches from the one holding `fetchOffset`, up to maxBytes but always at least one (KIP-74). */
  read(fetchOffset: number, maxBytes: number): Buffer[] {
    const out: Buffer[] = [];
    let size = 0;
    for (let i = this.indexOf(fetchOffset); i < this.batches.length; i++) {
      const b = this.batches[i].bytes;
      if (out.length > 0 && size + b.length > maxBytes) break;
      out.push(b);
      size += b.length;
    }
    return out;
  }

  /** Bytes available from `fetchOffset`, counted up to `limit`: enough to decide a fetch's minBytes. */
  bytesAvailable(fetchOffset: number, limit: number): number {
    let size = 0;
    for (let i = this.indexOf(fetchOffset); i < this.batches.length && size < limit; i++) size += this.batches[i].bytes.length;
    return size;
  }

  /** Index of the first batch whose last offset is at or past `offset`. */
  private indexOf(offset: number): number {
    let lo = 0;
    let hi = this.batches.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.batches[mid].lastOffset < offset) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** The earliest offset whose record timestamp is at or after `timestamp`, or null if none is. */
  offsetForTimestamp(timestamp: number): { offset: number; timestamp: number } | null {
    for (const batch of this.batches) {
      if (batch.maxTimestamp < timestamp) continue;
      const records = recordTimestamps(batch.bytes);
      if (records === null) return { offset: batch.baseOffset, timestamp: batch.maxTimestamp };
      const hit = records.find((r) => r.timestamp >= timestamp);
      if (hit) return hit;
    }
    return null;
  }

  onAppend(listener: () => void): () => void {
    this.appendListeners.add(listener);
    return () => this.appendListeners.delete(listener);
  }

  close(): void {
    if (this.fd !== null) fs.closeSync(this.fd);
    this.fd = null;
  }
}
