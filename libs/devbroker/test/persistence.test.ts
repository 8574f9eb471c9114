import { ChildProcess, spawn } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { CompressionTypes, Kafka } from 'kafkajs';
import { startDevBroker } from '../src';
import { kafkaFor, waitFor } from './support';

const CLI = path.join(__dirname, '../src/cli.ts');
const RUN_TS = path.join(__dirname, 'fixtures/run-ts.js');

async function readAll(kafka: Kafka, topic: string, expected: number): Promise<string[]> {
  const consumer = kafka.consumer({ groupId: `reader-${Math.random()}`, maxWaitTimeInMs: 200 });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  const seen: string[] = [];
  await consumer.run({ eachMessage: async ({ partition, message }) => void seen.push(`${partition}/${message.offset}/${message.key}/${message.value}`) });
  await waitFor(`${expected} messages`, () => seen.length >= expected);
  await consumer.disconnect();
  return seen.sort();
}

/** Starts the broker CLI in its own process and resolves its address once it prints that it listens. */
function startCliBroker(dataDir: string): Promise<{ child: ChildProcess; brokers: string[]; output: () => string }> {
  const child = spawn(process.execPath, [RUN_TS, CLI, '--port', '0', '--data-dir', dataDir], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  return waitFor('the broker to listen', () => /devbroker listening on (\S+)/.exec(out)?.[1], 30000).then((address) => ({
    child,
    brokers: [address],
    output: () => out,
  }));
}

describe('devbroker: a data directory survives restarts', () => {
  const dirs: string[] = [];
  const tmp = () => {
    const d = fs.mkdtempSync(path.join(os.tmpdir(), 'devbroker-data-'));
    dirs.push(d);
    return d;
  };
  afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

  it('keeps topics, messages and committed offsets across a clean stop and start', async () => {
    const dataDir = tmp();
    let broker = await startDevBroker({ port: 0, dataDir });
    let kafka = kafkaFor(broker.brokers);
    const producer = kafka.producer({ idempotent: true });
    await producer.connect();
    await producer.send({ topic: 'kept', messages: Array.from({ length: 40 }, (_, i) => ({ key: `k${i}`, value: `v${i}` })) });
    await producer.send({
      topic: 'kept',
      compression: CompressionTypes.GZIP,
      messages: Array.from({ length: 20 }, (_, i) => ({ key: `z${i}`, value: `gz${i}` })),
    });
    await producer.disconnect();
    const before = await readAll(kafka, 'kept', 60);
    const admin = kafka.admin();
    await admin.connect();
    await admin.setOffsets({ groupId: 'registry-office-44', topic: 'kept', partitions: [0, 1, 2].map((p) => ({ partition: p, offset: String(p + 1) })) });
    const endsBefore = await admin.fetchTopicOffsets('kept');
    await admin.disconnect();
    await broker.stop();

    broker = await startDevBroker({ port: 0, dataDir });
    kafka = kafkaFor(broker.brokers);
    const again = kafka.admin();
    await again.connect();
    expect(await again.fetchTopicOffsets('kept')).toEqual(endsBefore);
    const [committed] = await again.fetchOffsets({ groupId: 'registry-office-44', topics: ['kept'] });
    expect(committed.partitions.sort((a, b) => a.partition - b.partition).map((p) => p.offset)).toEqual(['1', '2', '3']);
    expect(await readAll(kafka, 'kept', 60)).toEqual(before);
    // New messages continue the offsets instead of reusing them.
    const producer2 = kafka.producer();
    await producer2.connect();
    await producer2.send({ topic: 'kept', messages: [{ key: 'after', value: 'restart', partition: 0 }] });
    const ends = await again.fetchTopicOffsets('kept');
    expect(Number(ends.find((e) => e.partition === 0)!.high)).toBe(Number(endsBefore.find((e) => e.partition === 0)!.high) + 1);
    await producer2.disconnect();
    await again.deleteTopics({ topics: ['kept'] });
    await again.disconnect();
    await broker.stop();

    broker = await startDevBroker({ port: 0, dataDir, autoCreateTopics: false });
    const last = kafkaFor(broker.brokers).admin();
    await last.connect();
    expect(await last.listTopics()).toEqual([]);
    await last.disconnect();
    await broker.stop();
  });

  it('refuses a second broker on a data directory in use, naming the owner, and takes it once the first has stopped', async () => {
    const dataDir = tmp();
    const first = await startDevBroker({ port: 0, dataDir });
    try {
      await expect(startDevBroker({ port: 0, dataDir, inUseWaitMs: 0 })).rejects.toThrow(
        `${dataDir} is in use by the development broker of this process (${path.join(dataDir, 'owner.lock')})`,
      );
    } finally {
      await first.stop();
    }
    const second = await startDevBroker({ port: 0, dataDir, inUseWaitMs: 0 });
    await second.stop();
    expect(fs.existsSync(path.join(dataDir, 'owner.lock'))).toBe(false);
  });

  it('loses nothing acknowledged when the broker process is killed, even with a torn write at the end of a log', async () => {
    const dataDir = tmp();
    let cli = await startCliBroker(dataDir);
    try {
      const kafka = kafkaFor(cli.brokers);
      const producer = kafka.producer(); // acks = all by default
      await producer.connect();
      for (let i = 0; i < 5; i++) {
        await producer.send({ topic: 'killed', messages: Array.from({ length: 10 }, (_, j) => ({ key: `k${i}-${j}`, value: `v${i}-${j}` })) });
      }
      await producer.disconnect();
      const before = await readAll(kafka, 'killed', 50);
      const admin = kafka.admin();
      await admin.connect();
      await admin.setOffsets({ groupId: 'survivor', topic: 'killed', partitions: [{ partition: 0, offset: '2' }] });
      await admin.disconnect();

      cli.child.kill('SIGKILL');
      await new Promise((r) => cli.child.once('exit', r));
      // What a kill in the middle of a write leaves behind: half a batch at the end of a partition's file.
      fs.appendFileSync(path.join(dataDir, 'topics/killed/0.log'), Buffer.from([0, 0, 0, 0, 0, 0, 0, 9, 0, 0, 1, 0, 0, 0]));

      cli = await startCliBroker(dataDir);
      // The killed broker's lock is taken over, not refused.
      expect(fs.readFileSync(path.join(dataDir, 'owner.lock'), 'utf8')).toContain(`"pid":${cli.child.pid}`);
      const kafka2 = kafkaFor(cli.brokers);
      expect(await readAll(kafka2, 'killed', 50)).toEqual(before);
      const admin2 = kafka2.admin();
      await admin2.connect();
      const [committed] = await admin2.fetchOffsets({ groupId: 'survivor', topics: ['killed'] });
      expect(committed.partitions.find((p) => p.partition === 0)!.offset).toBe('2');
      const p2 = kafka2.producer();
      await p2.connect();
      const [written] = await p2.send({ topic: 'killed', messages: [{ value: 'after the kill', partition: 0 }] });
      expect(Number(written.baseOffset)).toBe(before.filter((m) => m.startsWith('0/')).length);
      await p2.disconnect();
      await admin2.disconnect();

      cli.child.kill('SIGTERM');
      const [code] = await new Promise<[number | null]>((r) => cli.child.once('exit', (c) => r([c])));
      expect(code).toBe(0);
      expect(cli.output()).toContain('devbroker stopping (SIGTERM)');
    } finally {
      if (cli.child.exitCode === null) cli.child.kill('SIGKILL');
    }
  });
});
