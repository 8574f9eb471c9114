import { spawn, spawnSync } from 'child_process';
import * as path from 'path';
import { crc32 } from 'zlib';
import { Admin, Kafka, logLevel } from 'kafkajs';
import { Broker } from '../src/broker';
import { readBatchHeader } from '../src/protocol/record-batch';

/**
 * The broker against Kafka clients nobody here wrote: kcat (librdkafka) and kafka-python, run as child
 * processes. kafkajs only creates topics and reads committed offsets, as an operator's admin tool would.
 */

const KCAT = 'kcat';
const PYTHON = '/usr/bin/python3';
const PYTHON_CLIENT = path.join(__dirname, 'fixtures/kafka_python_client.py');
const GZIP = 1;
const CLIENT_TIMEOUT_MS = 20_000;
/** FOREIGN_CLIENTS_DEBUG=1 puts the clients' protocol logs into a failure's stderr (kcat -d, kafka-python DEBUG). */
const DEBUG = process.env.FOREIGN_CLIENTS_DEBUG === '1';

/** What is missing of the two clients, or null; CI installs both, so a missing one fails the suite. */
function missingForeignClients(): string | null {
  const missing: string[] = [];
  const kcat = spawnSync(KCAT, ['-V'], { encoding: 'utf8', timeout: 10_000 });
  if (kcat.error || kcat.status !== 0) missing.push(`kcat (${kcat.error?.message ?? kcat.stderr.trim()})`);
  const python = spawnSync(PYTHON, ['-c', 'import kafka'], { encoding: 'utf8', timeout: 10_000 });
  if (python.error || python.status !== 0) missing.push(`python3-kafka (${python.error?.message ?? python.stderr.trim().split('\n').pop()})`);
  if (missing.length === 0) return null;
  return `foreign Kafka clients missing: ${missing.join('; ')}. Run \`apt-get install kcat python3-kafka\` (CI installs them; this suite fails rather than skips without them)`;
}

/** Runs a client to completion; its own exit (or our timeout) ends it, never a fixed sleep. */
function run(command: string, args: string[], input = '', timeoutMs = CLIENT_TIMEOUT_MS): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const transcript = () => `${command} ${args.join(' ')}\n--- stderr (end) ---\n${stderr.slice(-3000)}\n--- stdout (end) ---\n${stdout.slice(-1500)}`;
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`did not finish within ${timeoutMs} ms: ${transcript()}`));
    }, timeoutMs);
    child.on('error', (err) => {
      clearTimeout(timer);
      reject(new Error(`could not start ${command}: ${err.message}`));
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolve(stdout);
      else reject(new Error(`exited with ${code ?? signal}: ${transcript()}`));
    });
    child.stdin.on('error', () => undefined); // a client that exits without reading its input
    child.stdin.end(input);
  });
}

function jsonLines<T>(stdout: string): T[] {
  return stdout
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as T);
}

/** A consumed message as both clients report it; headers as [name, value] pairs. */
interface Received {
  partition: number;
  offset: number;
  key: string | null;
  value: string | null;
  headers: [string, string][];
}

interface KcatMessage {
  partition: number;
  offset: number;
  key: string | null;
  payload: string | null;
  headers?: string[];
}

interface PythonDone {
  event: 'done';
  assignment: number[];
  positions: Record<string, number>;
  endOffsets: Record<string, number>;
}

interface Sent {
  key: string;
  value: string;
}

function kcatArgs(bootstrap: string, ...args: string[]): string[] {
  // Short fetch waits so that -e sees the end of each partition quickly.
  return ['-b', bootstrap, '-X', 'fetch.wait.max.ms=100', '-X', 'message.timeout.ms=15000', ...(DEBUG ? ['-d', 'broker,protocol,cgrp,msg'] : []), ...args];
}

function fromKcat(m: KcatMessage): Received {
  const flat = m.headers ?? [];
  const headers: [string, string][] = [];
  for (let i = 0; i < flat.length; i += 2) headers.push([flat[i], flat[i + 1]]);
  return { partition: m.partition, offset: m.offset, key: m.key, value: m.payload, headers };
}

async function kcatProduce(bootstrap: string, topic: string, messages: Sent[], ...extra: string[]): Promise<void> {
  const lines = messages.map((m) => `${m.key}:${m.value}\n`).join('');
  // librdkafka's consistent_random partitioner: CRC-32 of the key modulo the partition count.
  await run(KCAT, kcatArgs(bootstrap, '-P', '-t', topic, '-K:', '-X', 'acks=all', '-X', 'partitioner=consistent_random', ...extra), lines);
}

async function kcatConsume(bootstrap: string, ...args: string[]): Promise<Received[]> {
  const out = await run(KCAT, kcatArgs(bootstrap, '-C', '-e', '-J', '-q', ...args));
  return jsonLines<KcatMessage>(out).map(fromKcat);
}

async function kcatGroupConsume(bootstrap: string, group: string, topic: string): Promise<Received[]> {
  const out = await run(KCAT, kcatArgs(bootstrap, '-G', group, '-X', 'auto.offset.reset=earliest', '-e', '-J', '-q', topic));
  return jsonLines<KcatMessage>(out).map(fromKcat);
}

type ProduceOutcome = { event: 'delivered'; key: string; partition: number; offset: number } | { event: 'failed'; key: string; error: string };

async function pythonProduceOutcomes(
  bootstrap: string,
  topic: string,
  messages: (Sent & { headers?: [string, string][] })[],
  ...extra: string[]
): Promise<ProduceOutcome[]> {
  const input = messages.map((m) => JSON.stringify({ key: m.key, value: m.value, headers: m.headers ?? [] }) + '\n').join('');
  return jsonLines(await run(PYTHON, [PYTHON_CLIENT, 'produce', bootstrap, topic, ...extra, ...(DEBUG ? ['--debug'] : [])], input));
}

/** Produces through kafka-python; every message must be acknowledged. */
async function pythonProduce(...args: Parameters<typeof pythonProduceOutcomes>): Promise<{ key: string; partition: number; offset: number }[]> {
  const outcomes = await pythonProduceOutcomes(...args);
  const failed = outcomes.filter((o) => o.event === 'failed');
  if (failed.length > 0) throw new Error(`kafka-python could not produce: ${JSON.stringify(failed)}`);
  expect(outcomes).toHaveLength(args[2].length);
  return outcomes.filter((o): o is Extract<ProduceOutcome, { event: 'delivered' }> => o.event === 'delivered');
}

async function pythonConsume(bootstrap: string, topic: string, expected: number, ...extra: string[]): Promise<{ records: Received[]; done: PythonDone }> {
  const lines = jsonLines<(Received & { event: 'record' }) | PythonDone>(
    await run(PYTHON, [PYTHON_CLIENT, 'consume', bootstrap, topic, '--expect', String(expected), ...extra, ...(DEBUG ? ['--debug'] : [])]),
  );
  const records = lines.filter((l): l is Received & { event: 'record' } => l.event === 'record').map(({ event: _, ...r }) => r);
  const done = lines.find((l): l is PythonDone => l.event === 'done');
  if (!done) throw new Error(`kafka-python consumer ended without its summary line: ${JSON.stringify(lines)}`);
  return { records, done };
}

function byPartition(records: Received[]): Map<number, Received[]> {
  const out = new Map<number, Received[]>();
  for (const r of [...records].sort((a, b) => a.partition - b.partition || a.offset - b.offset)) out.set(r.partition, [...(out.get(r.partition) ?? []), r]);
  return out;
}

function keyedMessages(prefix: string, count: number, valueSuffix = ''): Sent[] {
  return Array.from({ length: count }, (_, i) => ({ key: `${prefix}-${i}`, value: `${prefix} message ${i}${valueSuffix}` }));
}

/** Compressible on purpose: both clients send a batch uncompressed when gzip would not make it smaller. */
const COMPRESSIBLE = ' ' + 'resident-id-card-application '.repeat(12);

describe('devbroker with clients nobody here wrote: kcat (librdkafka 2.0) and kafka-python 2.0', () => {
  let broker: Broker;
  let bootstrap: string;
  let kafka: Kafka;
  let admin: Admin;

  beforeAll(async () => {
    const missing = missingForeignClients();
    if (missing) throw new Error(missing);
    // The Broker itself rather than startDevBroker: the tests look at the batches it stored.
    broker = new Broker({ port: 0 });
    await broker.listen();
    bootstrap = `${broker.advertisedHost}:${broker.port}`;
    kafka = new Kafka({ clientId: 'foreign-clients-admin', brokers: [bootstrap], logLevel: logLevel.NOTHING });
    admin = kafka.admin();
    await admin.connect();
  });

  afterAll(async () => {
    await admin?.disconnect();
    await broker?.stop();
  });

  async function createTopic(topic: string, numPartitions: number): Promise<void> {
    await admin.createTopics({ topics: [{ topic, numPartitions }], waitForLeaders: true });
  }

  async function endOffsets(topic: string): Promise<Record<number, number>> {
    const offsets = await admin.fetchTopicOffsets(topic);
    return Object.fromEntries(offsets.map((o) => [o.partition, Number(o.high)]));
  }

  /** The group's committed offsets are the log end offsets: nothing left to consume, lag 0. */
  async function expectCommittedAtEnd(groupId: string, topic: string): Promise<void> {
    const [t] = await admin.fetchOffsets({ groupId, topics: [topic] });
    const committed = Object.fromEntries(t.partitions.map((p) => [p.partition, Number(p.offset)]));
    expect(committed).toEqual(await endOffsets(topic));
  }

  /** Every batch the broker holds for the topic is gzip: it went over the wire compressed and stayed so. */
  function expectStoredAsGzip(topic: string): void {
    const codecs = broker.topics.get(topic)!.partitions.flatMap((log) => log.read(0, Number.MAX_SAFE_INTEGER).map((b) => readBatchHeader(b).compression));
    expect(codecs.length).toBeGreaterThan(0);
    expect(codecs).toEqual(codecs.map(() => GZIP));
  }

  /** Each partition holds offsets 0..n-1, and the keys in the order they were sent. */
  function expectContiguousInSendOrder(records: Received[], sent: Sent[]): void {
    const order = new Map(sent.map((m, i) => [m.key, i]));
    for (const [, inPartition] of byPartition(records)) {
      expect(inPartition.map((r) => r.offset)).toEqual(inPartition.map((_, i) => i));
      const sentIndexes = inPartition.map((r) => order.get(r.key!)!);
      expect(sentIndexes).toEqual([...sentIndexes].sort((a, b) => a - b));
    }
  }

  describe('kcat (librdkafka)', () => {
    it('lists the broker as controller and every partition led by node 0 (kcat -L)', async () => {
      await createTopic('kcat-metadata', 4);
      const listing = JSON.parse(await run(KCAT, ['-b', bootstrap, '-L', '-J']));
      expect(listing.controllerid).toBe(0);
      expect(listing.brokers).toEqual([{ id: 0, name: bootstrap }]);
      const topic = listing.topics.find((t: { topic: string }) => t.topic === 'kcat-metadata');
      expect(topic.error).toBeUndefined();
      expect(topic.partitions).toEqual([0, 1, 2, 3].map((p) => ({ partition: p, leader: 0, replicas: [{ id: 0 }], isrs: [{ id: 0 }] })));

      const text = await run(KCAT, ['-b', bootstrap, '-L', '-t', 'kcat-metadata']);
      expect(text).toContain(`broker 0 at ${bootstrap} (controller)`);
      expect(text).toContain('topic "kcat-metadata" with 4 partitions:');
      expect(text).toContain('partition 3, leader 0, replicas: 0, isrs: 0');
    });

    it('stores keyed messages (-P -K:) in the partition librdkafka chose, and returns them from the beginning (-C -o beginning -e)', async () => {
      await createTopic('kcat-keyed', 3);
      const sent = keyedMessages('citizen', 15);
      await kcatProduce(bootstrap, 'kcat-keyed', sent);

      const received = await kcatConsume(bootstrap, '-t', 'kcat-keyed', '-o', 'beginning');
      expect(received).toHaveLength(sent.length);
      for (const m of sent) {
        const r = received.find((x) => x.key === m.key)!;
        expect(r.value).toBe(m.value);
        expect(r.partition).toBe(crc32(m.key) % 3);
      }
      expect(byPartition(received).size).toBeGreaterThan(1);
      expectContiguousInSendOrder(received, sent);
      const ends = await endOffsets('kcat-keyed');
      for (const [partition, inPartition] of byPartition(received)) expect(ends[partition]).toBe(inPartition.length);
    });

    it('commits what a group consumed (-G), so the next run of the group gets only what is new', async () => {
      await createTopic('kcat-group', 3);
      const first = keyedMessages('first', 9);
      await kcatProduce(bootstrap, 'kcat-group', first);

      const run1 = await kcatGroupConsume(bootstrap, 'kcat-readers', 'kcat-group');
      expect(run1.map((r) => r.key).sort()).toEqual(first.map((m) => m.key).sort());
      // These keys fill all 3 partitions: librdkafka commits only partitions it consumed from.
      expect(byPartition(run1).size).toBe(3);
      // librdkafka commits the consumed positions when it leaves: they must be the log end offsets.
      await expectCommittedAtEnd('kcat-readers', 'kcat-group');

      const second = keyedMessages('second', 4);
      await kcatProduce(bootstrap, 'kcat-group', second);
      const run2 = await kcatGroupConsume(bootstrap, 'kcat-readers', 'kcat-group');
      expect(run2.map((r) => r.key).sort()).toEqual(second.map((m) => m.key).sort());
      await expectCommittedAtEnd('kcat-readers', 'kcat-group');

      const described = await admin.describeGroups(['kcat-readers']);
      expect(described.groups[0]).toMatchObject({ state: 'Empty', members: [] });
    });
  });

  describe('kafka-python', () => {
    it("round-trips keyed messages: KafkaProducer(acks='all') offsets are the ones KafkaConsumer(auto_offset_reset='earliest') reads", async () => {
      await createTopic('python-keyed', 3);
      const sent = keyedMessages('application', 15);
      const delivered = await pythonProduce(bootstrap, 'python-keyed', sent);
      expect(delivered).toHaveLength(sent.length);

      const { records, done } = await pythonConsume(bootstrap, 'python-keyed', sent.length);
      expect(records).toHaveLength(sent.length);
      for (const d of delivered) {
        const r = records.find((x) => x.key === d.key)!;
        expect({ partition: r.partition, offset: r.offset, value: r.value }).toEqual({
          partition: d.partition,
          offset: d.offset,
          value: sent.find((m) => m.key === d.key)!.value,
        });
      }
      expect(byPartition(records).size).toBeGreaterThan(1);
      expectContiguousInSendOrder(records, sent);
      expect(done.assignment).toEqual([0, 1, 2]);
      expect(done.positions).toEqual(done.endOffsets);
    });

    it('commits what a group consumed (KafkaConsumer(group_id=...)), so the next run of the group gets only what is new', async () => {
      await createTopic('python-group', 3);
      const first = keyedMessages('first', 9);
      await pythonProduce(bootstrap, 'python-group', first);

      const run1 = await pythonConsume(bootstrap, 'python-group', first.length, '--group', 'python-readers');
      expect(run1.records.map((r) => r.key).sort()).toEqual(first.map((m) => m.key).sort());
      expect(byPartition(run1.records).size).toBe(3);
      // kafka-python commits the consumed positions on close: they must be the log end offsets.
      await expectCommittedAtEnd('python-readers', 'python-group');

      const second = keyedMessages('second', 4);
      await pythonProduce(bootstrap, 'python-group', second);
      // The linger is a bounded look for old messages that a wrong committed offset would replay.
      const run2 = await pythonConsume(bootstrap, 'python-group', second.length, '--group', 'python-readers', '--linger-ms', '300');
      expect(run2.records.map((r) => r.key).sort()).toEqual(second.map((m) => m.key).sort());
      expect(run2.done.positions).toEqual(run2.done.endOffsets);
      await expectCommittedAtEnd('python-readers', 'python-group');
    });

    it('refuses the message sets of older releases (Produce v0-2, magic 0/1) per partition with UNSUPPORTED_FOR_MESSAGE_FORMAT', async () => {
      await createTopic('python-legacy', 1);
      // kafka-python pinned to a release speaks that release's Produce version: 0.8.2 → v0, 0.9 → v1, 0.10.1 → v2.
      for (const release of ['0.8.2', '0.9', '0.10.1']) {
        const outcomes = await pythonProduceOutcomes(bootstrap, 'python-legacy', keyedMessages(`legacy-${release}`, 2), '--api-version', release);
        expect(outcomes.map((o) => (o.event === 'failed' ? o.error : o.event))).toEqual([
          'UnsupportedForMessageFormatError',
          'UnsupportedForMessageFormatError',
        ]);
      }
      expect(await endOffsets('python-legacy')).toEqual({ 0: 0 });
    });
  });

  describe('across the two', () => {
    it('kcat -z gzip -H … → kafka-python: keys, values and headers arrive, and the broker keeps the batches gzip', async () => {
      await createTopic('kcat-to-python', 2);
      const sent = keyedMessages('from-kcat', 10, COMPRESSIBLE);
      await kcatProduce(bootstrap, 'kcat-to-python', sent, '-z', 'gzip', '-H', 'source=kcat', '-H', 'trace-id=4bf92f35');
      expectStoredAsGzip('kcat-to-python');

      const { records } = await pythonConsume(bootstrap, 'kcat-to-python', sent.length);
      expect(records).toHaveLength(sent.length);
      for (const m of sent) {
        const r = records.find((x) => x.key === m.key)!;
        expect(r.value).toBe(m.value);
        expect(r.headers).toEqual([
          ['source', 'kcat'],
          ['trace-id', '4bf92f35'],
        ]);
      }
      expectContiguousInSendOrder(records, sent);
    });

    it("kafka-python compression_type='gzip' with headers → kcat: the same messages, offsets and headers, and gzip batches in the broker", async () => {
      await createTopic('python-to-kcat', 2);
      const sent = keyedMessages('from-python', 10, COMPRESSIBLE).map((m, i) => ({
        ...m,
        headers: [
          ['source', 'kafka-python'],
          ['sequence', String(i)],
        ] as [string, string][],
      }));
      const delivered = await pythonProduce(bootstrap, 'python-to-kcat', sent, '--compression', 'gzip');
      expectStoredAsGzip('python-to-kcat');

      const received = await kcatConsume(bootstrap, '-t', 'python-to-kcat', '-o', 'beginning');
      expect(received).toHaveLength(sent.length);
      for (const m of sent) {
        const r = received.find((x) => x.key === m.key)!;
        const d = delivered.find((x) => x.key === m.key)!;
        expect({ partition: r.partition, offset: r.offset }).toEqual({ partition: d.partition, offset: d.offset });
        expect(r.value).toBe(m.value);
        expect(r.headers).toEqual(m.headers);
      }
    });
  });
});
