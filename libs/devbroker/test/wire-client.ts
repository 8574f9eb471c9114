import * as net from 'net';
import { Reader } from '../src/protocol/reader';
import { Writer } from '../src/protocol/writer';

/**
 * A bare Kafka-protocol connection for tests that need what no client library sends on purpose:
 * stale generations, corrupt batches, oversized or truncated frames, versions the broker does not offer.
 */
export class WireClient {
  private buffered = Buffer.alloc(0);
  private readonly waiting = new Map<number, (r: Reader) => void>();
  private nextCorrelationId = 1;
  readonly closed: Promise<void>;

  private constructor(private readonly socket: net.Socket) {
    this.closed = new Promise((resolve) => socket.once('close', () => resolve()));
    socket.on('error', () => undefined);
    socket.on('data', (chunk) => {
      this.buffered = Buffer.concat([this.buffered, chunk]);
      while (this.buffered.length >= 4 && this.buffered.length >= 4 + this.buffered.readInt32BE(0)) {
        const size = this.buffered.readInt32BE(0);
        const frame = this.buffered.subarray(4, 4 + size);
        this.buffered = this.buffered.subarray(4 + size);
        const reader = new Reader(frame);
        const correlationId = reader.int32();
        this.waiting.get(correlationId)?.(reader);
        this.waiting.delete(correlationId);
      }
    });
  }

  static connect(port: number): Promise<WireClient> {
    return new Promise((resolve, reject) => {
      const socket = net.connect(port, '127.0.0.1', () => resolve(new WireClient(socket)));
      socket.once('error', reject);
    });
  }

  /** Sends a request (header v1) and resolves with a reader positioned after the response's correlation id. */
  request(apiKey: number, apiVersion: number, body: (w: Writer) => void): Promise<Reader> {
    const correlationId = this.nextCorrelationId++;
    const w = new Writer().int16(apiKey).int16(apiVersion).int32(correlationId).nullableString('wire-test');
    body(w);
    const payload = w.toBuffer();
    const frame = Buffer.alloc(4 + payload.length);
    frame.writeInt32BE(payload.length, 0);
    payload.copy(frame, 4);
    const answer = new Promise<Reader>((resolve, reject) => {
      this.waiting.set(correlationId, resolve);
      void this.closed.then(() => reject(new Error('connection closed by the broker')));
    });
    this.socket.write(frame);
    return answer;
  }

  /** Writes raw bytes, for frames a well-behaved client would never send. */
  writeRaw(bytes: Buffer): void {
    this.socket.write(bytes);
  }

  close(): void {
    this.socket.destroy();
  }
}

/** A magic-2 record batch encoded by kafkajs' own encoder, so tests can produce it by hand. */
export async function encodeRecordBatch(options: {
  records: { key?: string; value: string | null; timestamp?: number }[];
  producerId?: number;
  firstSequence?: number;
}): Promise<Buffer> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { RecordBatch } = require('kafkajs/src/protocol/recordBatch/v0');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const Record = require('kafkajs/src/protocol/recordBatch/record/v0');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const Long = require('kafkajs/src/utils/long');
  const first = options.records[0].timestamp ?? Date.now();
  const records = options.records.map((r, i) =>
    Record({ offsetDelta: i, timestampDelta: (r.timestamp ?? first) - first, key: r.key ?? null, value: r.value === null ? null : Buffer.from(r.value) }),
  );
  const encoder = await RecordBatch({
    firstTimestamp: first,
    maxTimestamp: Math.max(...options.records.map((r) => r.timestamp ?? first)),
    lastOffsetDelta: records.length - 1,
    producerId: Long.fromValue(options.producerId ?? -1),
    firstSequence: options.firstSequence ?? 0,
    records,
  });
  return encoder.buffer as Buffer;
}

/** Produce v3 of one batch to one partition; resolves the partition's error code and base offset. */
export async function produceBatch(
  client: WireClient,
  topic: string,
  partition: number,
  batch: Buffer,
  acks = -1,
): Promise<{ errorCode: number; baseOffset: number }> {
  const r = await client.request(0, 3, (w) =>
    w
      .nullableString(null)
      .int16(acks)
      .int32(5000)
      .array([topic], (tw, t) => tw.string(t).array([partition], (pw, p) => pw.int32(p).bytes(batch))),
  );
  r.int32(); // topics
  r.string();
  r.int32(); // partitions
  r.int32();
  const errorCode = r.int16();
  return { errorCode, baseOffset: r.int64n() };
}
