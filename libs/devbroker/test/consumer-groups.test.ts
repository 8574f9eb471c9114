import { ChildProcess, spawn } from 'child_process';
import * as path from 'path';
import { Consumer } from 'kafkajs';
import { DevBroker, startDevBroker } from '../src';
import { ErrorCode } from '../src/protocol/error-codes';
import { kafkaFor, waitFor } from './support';
import { WireClient } from './wire-client';

const TOPIC = 'applications';

/** Assignment seen by an in-process kafkajs member, updated on every rebalance. */
function trackAssignments(consumer: Consumer): { partitions: number[]; joins: number } {
  const seen = { partitions: [] as number[], joins: 0 };
  consumer.on(consumer.events.GROUP_JOIN, (e) => {
    seen.partitions = [...(e.payload.memberAssignment[TOPIC] ?? [])].sort();
    seen.joins++;
  });
  return seen;
}

describe('devbroker: consumer groups through kafkajs', () => {
  let broker: DevBroker;
  beforeAll(async () => {
    broker = await startDevBroker({ port: 0, groupMinSessionTimeoutMs: 1000 });
    const admin = kafkaFor(broker.brokers).admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic: TOPIC, numPartitions: 4 }] });
    await admin.disconnect();
  });
  afterAll(() => broker.stop());

  it('splits the partitions between two members and gives them all to the survivor when one leaves', async () => {
    const kafka = kafkaFor(broker.brokers);
    const a = kafka.consumer({ groupId: 'split', maxWaitTimeInMs: 200, heartbeatInterval: 200 });
    const b = kafka.consumer({ groupId: 'split', maxWaitTimeInMs: 200, heartbeatInterval: 200 });
    const seenA = trackAssignments(a);
    const seenB = trackAssignments(b);
    for (const c of [a, b]) {
      await c.connect();
      await c.subscribe({ topic: TOPIC, fromBeginning: true });
      await c.run({ eachMessage: async () => undefined });
    }
    await waitFor('a split of the 4 partitions', () => seenA.partitions.length === 2 && seenB.partitions.length === 2);
    expect([...seenA.partitions, ...seenB.partitions].sort()).toEqual([0, 1, 2, 3]);
    const joinsBefore = seenA.joins;

    await b.disconnect(); // LeaveGroup: a rebalance at once, not after the session timeout
    await waitFor('the survivor to own every partition', () => seenA.partitions.length === 4);
    expect(seenA.joins).toBeGreaterThan(joinsBefore);
    const described = await kafka.admin().describeGroups(['split']);
    expect(described.groups[0].state).toBe('Stable');
    expect(described.groups[0].members).toHaveLength(1);
    await a.disconnect();
  });

  it('takes over the partitions of a member that dies without leaving, once its session times out', async () => {
    const kafka = kafkaFor(broker.brokers);
    const member = spawn(process.execPath, [path.join(__dirname, 'fixtures/group-member.js'), broker.brokers.join(','), 'takeover', TOPIC, '1500'], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const childAssignments: number[][] = [];
    member.stdout!.on('data', (d: Buffer) => {
      for (const line of d.toString().split('\n').filter(Boolean)) childAssignments.push(JSON.parse(line).partitions);
    });
    try {
      const survivor = kafka.consumer({ groupId: 'takeover', sessionTimeout: 1500, heartbeatInterval: 200, maxWaitTimeInMs: 200 });
      const seen = trackAssignments(survivor);
      await waitFor('the child member to own the topic', () => childAssignments.at(-1)?.length === 4);
      await survivor.connect();
      await survivor.subscribe({ topic: TOPIC, fromBeginning: true });
      await survivor.run({ eachMessage: async () => undefined });
      await waitFor('a split with the child', () => seen.partitions.length === 2 && childAssignments.at(-1)?.length === 2);

      kill(member);
      await waitFor('the survivor to take every partition', () => seen.partitions.length === 4, 15000);
      const group = (await kafka.admin().describeGroups(['takeover'])).groups[0];
      expect(group.members.map((m) => m.clientId)).toEqual(['devbroker-test']);
      await survivor.disconnect();
    } finally {
      kill(member);
    }
  });

  it('fences stale members with the proper error codes', async () => {
    const wire = await WireClient.connect(broker.port);
    const join = async (memberId: string) => {
      const r = await wire.request(11, 1, (w) =>
        w
          .string('fencing')
          .int32(10000)
          .int32(10000)
          .string(memberId)
          .string('consumer')
          .array(['range'], (pw, name) => pw.string(name).bytes(Buffer.from('meta'))),
      );
      return { errorCode: r.int16(), generation: r.int32(), protocol: r.string(), leader: r.string(), memberId: r.string() };
    };
    const heartbeat = async (generation: number, memberId: string) =>
      (await wire.request(12, 0, (w) => w.string('fencing').int32(generation).string(memberId))).int16();
    const commit = async (generation: number, memberId: string) => {
      const r = await wire.request(8, 2, (w) =>
        w
          .string('fencing')
          .int32(generation)
          .string(memberId)
          .int64(-1)
          .array([TOPIC], (tw, t) => tw.string(t).array([0], (pw, p) => pw.int32(p).int64(1).nullableString(null))),
      );
      r.int32();
      r.string();
      r.int32();
      r.int32();
      return r.int16();
    };

    const joined = await join('');
    expect(joined.errorCode).toBe(0);
    expect(joined.leader).toBe(joined.memberId);
    const sync = await wire.request(14, 0, (w) =>
      w
        .string('fencing')
        .int32(joined.generation)
        .string(joined.memberId)
        .array([joined.memberId], (aw, m) => aw.string(m).bytes(Buffer.from('assignment'))),
    );
    expect(sync.int16()).toBe(0);
    expect(sync.bytes().toString()).toBe('assignment');

    expect(await heartbeat(joined.generation, joined.memberId)).toBe(ErrorCode.NONE);
    expect(await heartbeat(joined.generation - 1, joined.memberId)).toBe(ErrorCode.ILLEGAL_GENERATION);
    expect(await heartbeat(joined.generation, 'nobody')).toBe(ErrorCode.UNKNOWN_MEMBER_ID);
    expect(await join('nobody')).toMatchObject({ errorCode: ErrorCode.UNKNOWN_MEMBER_ID });
    expect(await commit(joined.generation - 1, joined.memberId)).toBe(ErrorCode.ILLEGAL_GENERATION);
    expect(await commit(joined.generation, 'nobody')).toBe(ErrorCode.UNKNOWN_MEMBER_ID);
    expect(await commit(joined.generation, joined.memberId)).toBe(ErrorCode.NONE);

    // A second member joining puts the group into a rebalance: the first hears it on its heartbeat.
    const second = new Promise<Awaited<ReturnType<typeof join>>>((resolve) => {
      void WireClient.connect(broker.port).then(async (other) => {
        const r = await other.request(11, 1, (w) =>
          w
            .string('fencing')
            .int32(10000)
            .int32(10000)
            .string('')
            .string('consumer')
            .array(['range'], (pw, name) => pw.string(name).bytes(Buffer.from('meta'))),
        );
        resolve({ errorCode: r.int16(), generation: r.int32(), protocol: r.string(), leader: r.string(), memberId: r.string() });
        other.close();
      });
    });
    await waitFor('the rebalance to start', async () => (await heartbeat(joined.generation, joined.memberId)) === ErrorCode.REBALANCE_IN_PROGRESS);
    const rejoined = await join(joined.memberId);
    expect(rejoined.generation).toBe(joined.generation + 1);
    expect((await second).generation).toBe(joined.generation + 1);
    expect(await heartbeat(joined.generation, joined.memberId)).toBe(ErrorCode.ILLEGAL_GENERATION);
    wire.close();
  });

  it("gives admins what an operator needs for consumer lag: end offsets and the group's committed offsets", async () => {
    const kafka = kafkaFor(broker.brokers);
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic: 'lag', numPartitions: 2 }] });
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({ topic: 'lag', messages: Array.from({ length: 10 }, (_, i) => ({ partition: i % 2, value: `m${i}` })) });

    const consumer = kafka.consumer({ groupId: 'lagging', maxWaitTimeInMs: 200 });
    await consumer.connect();
    await consumer.subscribe({ topic: 'lag', fromBeginning: true });
    let consumed = 0;
    await consumer.run({ autoCommitThreshold: 1, eachMessage: async () => void consumed++ });
    await waitFor('the 10 messages', () => consumed === 10);
    await consumer.disconnect(); // commits what it consumed
    await producer.send({ topic: 'lag', messages: Array.from({ length: 7 }, (_, i) => ({ partition: i % 2, value: `late${i}` })) });

    const ends = await admin.fetchTopicOffsets('lag');
    const [committed] = await admin.fetchOffsets({ groupId: 'lagging', topics: ['lag'] });
    const lag = ends.map((e) => Number(e.high) - Number(committed.partitions.find((p) => p.partition === e.partition)!.offset));
    expect(ends.map((e) => Number(e.high)).sort()).toEqual([8, 9]);
    expect(lag.reduce((a, b) => a + b, 0)).toBe(7);
    expect((await admin.listGroups()).groups.map((g) => g.groupId)).toContain('lagging');
    await producer.disconnect();
    await admin.disconnect();
  });
});

function kill(child: ChildProcess): void {
  if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
}
