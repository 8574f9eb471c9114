import { DevBroker, startDevBroker } from '../src';
import { KAFKA_APIS } from '../src/apis';
import { ErrorCode } from '../src/protocol/error-codes';
import { kafkaFor } from './support';
import { encodeRecordBatch, produceBatch, WireClient } from './wire-client';

/** The broker must answer bad input with Kafka's error codes or a closed connection, and keep serving. */
describe('devbroker: bad input', () => {
  let broker: DevBroker;
  beforeAll(async () => {
    broker = await startDevBroker({ port: 0, maxRequestBytes: 1024 * 1024, maxMessageBytes: 64 * 1024 });
    const admin = kafkaFor(broker.brokers).admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic: 'bad-input', numPartitions: 1 }] });
    await admin.disconnect();
  });
  afterAll(() => broker.stop());

  async function stillServes(): Promise<void> {
    const admin = kafkaFor(broker.brokers).admin();
    await admin.connect();
    expect(await admin.listTopics()).toContain('bad-input');
    await admin.disconnect();
  }

  it('advertises exactly the versions it implements, and answers an ApiVersions it does not know in the v0 layout with error 35', async () => {
    const wire = await WireClient.connect(broker.port);
    const readList = (r: Awaited<ReturnType<WireClient['request']>>) => {
      const errorCode = r.int16();
      const apis = r.array((x) => ({ key: x.int16(), min: x.int16(), max: x.int16() }));
      return { errorCode, apis };
    };
    const implemented = KAFKA_APIS.map((a) => ({ key: a.key, min: a.minVersion, max: a.maxVersion })).sort((a, b) => a.key - b.key);
    const v1 = readList(await wire.request(18, 1, () => undefined));
    expect(v1).toEqual({ errorCode: 0, apis: implemented });
    // librdkafka and Java clients open with v3 (flexible); the answer tells them to retry within the list.
    const v3 = readList(await wire.request(18, 3, (w) => w.int8(0)));
    expect(v3).toEqual({ errorCode: ErrorCode.UNSUPPORTED_VERSION, apis: implemented });
    wire.close();
  });

  it.each([
    ['an API version it does not offer', (w: WireClient) => w.request(3, 9, (x) => x.int32(-1))],
    ['an unknown API key', (w: WireClient) => w.request(999, 0, () => undefined)],
    ['a truncated request body', (w: WireClient) => w.request(3, 1, (x) => x.int32(5))],
    ['an array count larger than the request', (w: WireClient) => w.request(3, 1, (x) => x.int32(1_000_000_000))],
  ])('closes the connection on %s and keeps serving others', async (_what, send) => {
    const wire = await WireClient.connect(broker.port);
    await expect(send(wire)).rejects.toThrow('connection closed by the broker');
    await stillServes();
  });

  it('closes the connection on an oversized or negative frame size, and on garbage', async () => {
    for (const bytes of [Buffer.from([0x7f, 0xff, 0xff, 0xff]), Buffer.from([0xff, 0xff, 0xff, 0xfe]), Buffer.from([0, 0, 0, 3, 1, 2, 3])]) {
      const wire = await WireClient.connect(broker.port);
      wire.writeRaw(bytes);
      await wire.closed;
    }
    await stillServes();
  });

  it('rejects corrupt, wrong-format, oversized batches and bad acks with their error codes', async () => {
    const wire = await WireClient.connect(broker.port);
    const good = await encodeRecordBatch({ records: [{ key: 'k', value: 'v' }] });

    const corrupt = Buffer.from(good);
    corrupt[corrupt.length - 1] ^= 0xff; // inside the CRC-covered part
    expect(await produceBatch(wire, 'bad-input', 0, corrupt)).toMatchObject({ errorCode: ErrorCode.CORRUPT_MESSAGE });

    const oldMagic = Buffer.from(good);
    oldMagic[16] = 1;
    expect(await produceBatch(wire, 'bad-input', 0, oldMagic)).toMatchObject({ errorCode: ErrorCode.UNSUPPORTED_FOR_MESSAGE_FORMAT });

    const truncated = good.subarray(0, good.length - 3);
    expect(await produceBatch(wire, 'bad-input', 0, truncated)).toMatchObject({ errorCode: ErrorCode.CORRUPT_MESSAGE });

    const big = await encodeRecordBatch({ records: [{ value: 'x'.repeat(100 * 1024) }] });
    expect(await produceBatch(wire, 'bad-input', 0, big)).toMatchObject({ errorCode: ErrorCode.MESSAGE_TOO_LARGE });

    expect(await produceBatch(wire, 'bad-input', 0, good, 2)).toMatchObject({ errorCode: ErrorCode.INVALID_REQUIRED_ACKS });
    expect(await produceBatch(wire, 'bad-input', 7, good)).toMatchObject({ errorCode: ErrorCode.UNKNOWN_TOPIC_OR_PARTITION });

    // None of those reached the log; a good batch lands at offset 0.
    expect(await produceBatch(wire, 'bad-input', 0, good)).toEqual({ errorCode: 0, baseOffset: 0 });
    wire.close();
  });

  it('writes a retried idempotent batch once and refuses a sequence gap', async () => {
    const wire = await WireClient.connect(broker.port);
    const init = await wire.request(22, 0, (w) => w.nullableString(null).int32(60000));
    init.int32();
    expect(init.int16()).toBe(0);
    const producerId = init.int64n();
    const batch = (firstSequence: number, value: string) => encodeRecordBatch({ records: [{ value }, { value: value + '+' }], producerId, firstSequence });

    const first = await produceBatch(wire, 'bad-input', 0, await batch(0, 'once'));
    const retry = await produceBatch(wire, 'bad-input', 0, await batch(0, 'once'));
    expect(retry).toEqual(first);
    expect(await produceBatch(wire, 'bad-input', 0, await batch(5, 'gap'))).toMatchObject({ errorCode: ErrorCode.OUT_OF_ORDER_SEQUENCE_NUMBER });
    const next = await produceBatch(wire, 'bad-input', 0, await batch(2, 'next'));
    expect(next).toEqual({ errorCode: 0, baseOffset: first.baseOffset + 2 });
    wire.close();
  });

  it('answers a fetch past the log end with OFFSET_OUT_OF_RANGE', async () => {
    const wire = await WireClient.connect(broker.port);
    const r = await wire.request(1, 4, (w) =>
      w
        .int32(-1)
        .int32(0)
        .int32(1)
        .int32(1024 * 1024)
        .int8(0)
        .array(['bad-input'], (tw, t) =>
          tw.string(t).array([0], (pw, p) =>
            pw
              .int32(p)
              .int64(10_000)
              .int32(1024 * 1024),
          ),
        ),
    );
    r.int32(); // throttle
    r.int32();
    r.string();
    r.int32();
    expect(r.int32()).toBe(0);
    expect(r.int16()).toBe(ErrorCode.OFFSET_OUT_OF_RANGE);
    wire.close();
  });

  it('refuses unknown topics when auto-creation is off, and bad CreateTopics with the reason', async () => {
    const strict = await startDevBroker({ port: 0, autoCreateTopics: false });
    try {
      const kafka = kafkaFor(strict.brokers);
      const producer = kafka.producer({ retry: { retries: 1, initialRetryTime: 20 } });
      await producer.connect();
      await expect(producer.send({ topic: 'nobody-made-this', messages: [{ value: 'x' }] })).rejects.toThrow(
        /does not host this topic-partition|UNKNOWN_TOPIC/i,
      );
      await producer.disconnect();

      const admin = kafka.admin({ retry: { retries: 0 } });
      await admin.connect();
      await admin.createTopics({ topics: [{ topic: 'made', numPartitions: 2 }] });
      expect(await admin.createTopics({ topics: [{ topic: 'made' }] })).toBe(false); // already exists: kafkajs reports false
      const creationError = (topic: string, options: object) =>
        admin.createTopics({ topics: [{ topic, ...options }] }).then(
          () => null,
          (e: { errors?: { type: string }[] }) => e.errors?.map((x) => x.type),
        );
      expect(await creationError('three-copies', { replicationFactor: 3 })).toEqual(['INVALID_REPLICATION_FACTOR']);
      expect(await creationError('no partitions', { numPartitions: 1 })).toEqual(['INVALID_TOPIC_EXCEPTION']);
      expect(await creationError('too-few', { numPartitions: 0 })).toEqual(['INVALID_PARTITIONS']);
      expect(await admin.listTopics()).toEqual(['made']);
      await admin.disconnect();
    } finally {
      await strict.stop();
    }
  });
});
