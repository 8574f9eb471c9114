import { gunzipSync } from 'zlib';
import { crc32c } from './crc32c';

/**
 * Record batch (magic 2) layout: the broker keeps batches as the producer sent them and only rewrites
 * baseOffset and partitionLeaderEpoch, which the CRC does not cover.
 */
export const BATCH = {
  BASE_OFFSET: 0,
  LENGTH: 8,
  LEADER_EPOCH: 12,
  MAGIC: 16,
  CRC: 17,
  ATTRIBUTES: 21,
  LAST_OFFSET_DELTA: 23,
  BASE_TIMESTAMP: 27,
  MAX_TIMESTAMP: 35,
  PRODUCER_ID: 43,
  PRODUCER_EPOCH: 51,
  BASE_SEQUENCE: 53,
  RECORD_COUNT: 57,
  HEADER_SIZE: 61,
  /** baseOffset + batchLength: the bytes before the length-counted part. */
  LOG_OVERHEAD: 12,
} as const;

export interface BatchHeader {
  /** Total size in bytes, including baseOffset and batchLength. */
  size: number;
  baseOffset: number;
  lastOffsetDelta: number;
  recordCount: number;
  maxTimestamp: number;
  producerId: bigint;
  producerEpoch: number;
  baseSequence: number;
  compression: number;
  isTransactional: boolean;
  isControl: boolean;
}

export class InvalidBatch extends Error {
  constructor(
    readonly errorCode: number,
    message: string,
  ) {
    super(message);
  }
}

const CORRUPT_MESSAGE = 2;
const UNSUPPORTED_FOR_MESSAGE_FORMAT = 43;

/** Reads the header of the batch at `at`; with `verify`, checks magic, length and CRC as a broker must. */
export function readBatchHeader(buf: Buffer, at = 0, verify = false): BatchHeader {
  if (buf.length - at < BATCH.HEADER_SIZE) throw new InvalidBatch(CORRUPT_MESSAGE, 'record batch shorter than its header');
  const batchLength = buf.readInt32BE(at + BATCH.LENGTH);
  const size = batchLength + BATCH.LOG_OVERHEAD;
  if (batchLength < BATCH.HEADER_SIZE - BATCH.LOG_OVERHEAD || at + size > buf.length) {
    throw new InvalidBatch(CORRUPT_MESSAGE, `record batch length ${batchLength} does not fit the ${buf.length - at} bytes sent`);
  }
  const magic = buf.readInt8(at + BATCH.MAGIC);
  if (magic !== 2) throw new InvalidBatch(UNSUPPORTED_FOR_MESSAGE_FORMAT, `message format magic ${magic} is not supported (only 2)`);
  if (verify) {
    const expected = buf.readUInt32BE(at + BATCH.CRC);
    const actual = crc32c(buf, at + BATCH.ATTRIBUTES, at + size);
    if (expected !== actual) throw new InvalidBatch(CORRUPT_MESSAGE, `record batch CRC mismatch (${expected} != ${actual})`);
  }
  const attributes = buf.readInt16BE(at + BATCH.ATTRIBUTES);
  return {
    size,
    baseOffset: Number(buf.readBigInt64BE(at + BATCH.BASE_OFFSET)),
    lastOffsetDelta: buf.readInt32BE(at + BATCH.LAST_OFFSET_DELTA),
    recordCount: buf.readInt32BE(at + BATCH.RECORD_COUNT),
    maxTimestamp: Number(buf.readBigInt64BE(at + BATCH.MAX_TIMESTAMP)),
    producerId: buf.readBigInt64BE(at + BATCH.PRODUCER_ID),
    producerEpoch: buf.readInt16BE(at + BATCH.PRODUCER_EPOCH),
    baseSequence: buf.readInt32BE(at + BATCH.BASE_SEQUENCE),
    compression: attributes & 0x07,
    isTransactional: (attributes & 0x10) !== 0,
    isControl: (attributes & 0x20) !== 0,
  };
}

/** Splits a produced record set into its batches, verified; throws InvalidBatch on the first bad one. */
export function splitRecordSet(recordSet: Buffer): { header: BatchHeader; bytes: Buffer }[] {
  const out: { header: BatchHeader; bytes: Buffer }[] = [];
  let at = 0;
  while (at < recordSet.length) {
    const header = readBatchHeader(recordSet, at, true);
    if (header.recordCount <= 0 || header.lastOffsetDelta !== header.recordCount - 1) {
      throw new InvalidBatch(CORRUPT_MESSAGE, `record batch claims ${header.recordCount} records with last offset delta ${header.lastOffsetDelta}`);
    }
    out.push({ header, bytes: recordSet.subarray(at, at + header.size) });
    at += header.size;
  }
  if (out.length === 0) throw new InvalidBatch(CORRUPT_MESSAGE, 'empty record set');
  return out;
}

function readVarint(buf: Buffer, pos: { at: number }): number {
  let value = 0;
  let shift = 0;
  for (;;) {
    if (pos.at >= buf.length) throw new InvalidBatch(CORRUPT_MESSAGE, 'varint runs past the end of the batch');
    const b = buf[pos.at++];
    value += (b & 0x7f) * 2 ** shift;
    if ((b & 0x80) === 0) break;
    shift += 7;
    if (shift > 63) throw new InvalidBatch(CORRUPT_MESSAGE, 'varint too long');
  }
  // zig-zag decode without 32-bit overflow
  return value % 2 === 0 ? value / 2 : -(value + 1) / 2;
}

/**
 * Offsets and timestamps of each record in a batch, for ListOffsets by timestamp.
 * Uncompressed and gzip batches are read record by record; other codecs answer at batch granularity.
 */
export function recordTimestamps(batch: Buffer): { offset: number; timestamp: number }[] | null {
  const h = readBatchHeader(batch);
  let records: Buffer;
  if (h.compression === 0) records = batch.subarray(BATCH.HEADER_SIZE, h.size);
  else if (h.compression === 1) records = gunzipSync(batch.subarray(BATCH.HEADER_SIZE, h.size));
  else return null;
  const baseTimestamp = Number(batch.readBigInt64BE(BATCH.BASE_TIMESTAMP));
  const out: { offset: number; timestamp: number }[] = [];
  const pos = { at: 0 };
  for (let i = 0; i < h.recordCount; i++) {
    const length = readVarint(records, pos);
    const end = pos.at + length;
    pos.at += 1; // attributes
    const timestampDelta = readVarint(records, pos);
    const offsetDelta = readVarint(records, pos);
    out.push({ offset: h.baseOffset + offsetDelta, timestamp: baseTimestamp + timestampDelta });
    pos.at = end;
  }
  return out;
}
