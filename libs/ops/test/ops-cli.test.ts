import * as http from 'node:http';
import { AddressInfo } from 'node:net';
import { DevBroker, startDevBroker } from '@idcard/devbroker';
import { LagReport, runOpsCommand } from '@idcard/ops';
import { Consumer, Producer } from 'kafkajs';
import { kafkaFor, produce, recordingConsumer, waitFor } from './support';

async function ops(argv: string[], env: Record<string, string | undefined> = {}) {
  let out = '';
  let err = '';
  const code = await runOpsCommand(argv, { out: (t) => void (out += t), err: (t) => void (err += t), env });
  return { code, out, err };
}

/** `npm run ops -- lag` against the development broker over TCP. */
describe('npm run ops -- lag', () => {
  const topic = 'idcard.receiving.65.decisions';
  let broker: DevBroker;
  let producer: Producer;
  let paused: Consumer;
  let received: string[];

  beforeAll(async () => {
    broker = await startDevBroker({ port: 0, defaultPartitions: 2 });
    const kafka = kafkaFor(broker.brokers);
    producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    await producer.connect();
    await produce(producer, topic, 2, 'early');
    ({ consumer: paused, received } = await recordingConsumer(kafka, 'idcard-receiving-office-65', topic));
    await waitFor('the early messages consumed', () => received.length === 2);
    paused.pause([{ topic }]);
    await produce(producer, topic, 5, 'late');
    // A group that once committed and has no member now: STOPPED once it has messages waiting.
    const gone = kafka.consumer({ groupId: 'idcard-old-dashboard', maxWaitTimeInMs: 100 });
    await gone.connect();
    await gone.subscribe({ topics: [topic], fromBeginning: true });
    let seen = 0;
    await gone.run({ eachMessage: async () => void seen++ });
    await waitFor('the old dashboard caught up', () => seen === 7);
    await gone.disconnect();
    await produce(producer, topic, 1, 'after-dashboard-left');
  });

  afterAll(async () => {
    await paused?.disconnect();
    await producer?.disconnect();
    await broker?.stop();
  });

  it('prints what kafka-consumer-groups.sh --describe shows, plus lag seconds and status, for every group', async () => {
    const { code, out, err } = await ops(['lag', '--window-seconds', '0.6', '--samples', '3'], { KAFKA_BROKERS: broker.brokers.join(',') });
    expect(err).toBe('');
    expect(code).toBe(0);
    const [header, ...lines] = out.split('\n');
    expect(header.split(/\s+/)).toEqual([
      'GROUP',
      'TOPIC',
      'PARTITION',
      'CURRENT-OFFSET',
      'LOG-END-OFFSET',
      'LAG',
      'LAG-SECONDS',
      'STATUS',
      'CONSUMER-ID',
      'HOST',
      'CLIENT-ID',
    ]);
    const rows = lines.map((l) => l.split(/\s+/)).filter((r) => r[1] === topic);
    const of = (group: string) => rows.filter((r) => r[0] === group);
    expect(of('idcard-receiving-office-65')).toHaveLength(2);
    expect(of('idcard-old-dashboard')).toHaveLength(2);
    expect(of('idcard-receiving-office-65').reduce((n, r) => n + Number(r[5]), 0)).toBe(6);
    expect(
      of('idcard-receiving-office-65')
        .filter((r) => Number(r[5]) > 0)
        .every((r) => r[7] === 'STALLED' && r[10] === 'ops-test'),
    ).toBe(true);
    expect(of('idcard-old-dashboard').reduce((n, r) => n + Number(r[5]), 0)).toBe(1);
    expect(
      of('idcard-old-dashboard')
        .filter((r) => Number(r[5]) > 0)
        .every((r) => r[7] === 'STOPPED' && r[8] === '-'),
    ).toBe(true);
    expect(out).toMatch(
      /idcard-receiving-office-65\s+STALLED\s+Stable \(1 member\), lag 6 — idcard\.receiving\.65\.decisions\[\d\]: (nothing committed|committed offset stuck at \d+) for 0.6 s with \d waiting; a consumer holds the partition/,
    );
    expect(out).toMatch(/idcard-old-dashboard\s+STOPPED\s+Empty \(0 members\), lag 1/);
  });

  it('answers JSON with --json and takes --brokers over KAFKA_BROKERS', async () => {
    const { code, out } = await ops(['lag', '--json', '--brokers', broker.brokers[0], '--window-seconds', '0.3', '--samples', '2'], {
      KAFKA_BROKERS: '127.0.0.1:1',
    });
    expect(code).toBe(0);
    const report = JSON.parse(out) as LagReport & { brokers: string[]; windowSeconds: number };
    expect(report.brokers).toEqual(broker.brokers);
    expect(report.windowSeconds).toBe(0.3);
    const group = report.groups.find((g) => g.groupId === 'idcard-receiving-office-65')!;
    expect(group).toMatchObject({ lag: 6, status: 'STALLED', owner: { service: 'receiving-office', province: '65' } });
    expect(group.partitions[0]).toEqual(
      expect.objectContaining({ topic, partition: 0, committedOffset: null, endOffset: 2, lag: 2, lagSecondsMethod: 'lower-bound', status: 'STALLED' }),
    );
  });

  it('says why it cannot read a broker, and explains itself', async () => {
    const probe = http.createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const closed = (probe.address() as AddressInfo).port;
    await new Promise((r) => probe.close(r));
    const failed = await ops(['lag', '--brokers', `127.0.0.1:${closed}`, '--window-seconds', '0.2', '--samples', '2']);
    expect(failed.code).toBe(1);
    expect(failed.err).toContain(`cannot read consumer groups from 127.0.0.1:${closed}`);

    const help = await ops(['--help']);
    expect(help.code).toBe(0);
    expect(help.out).toContain('samples the groups --samples times');
    expect(help.out).toContain('127.0.0.1:19092');
    expect((await ops(['lagg'])).code).toBe(2);
    expect((await ops(['lag', '--window-seconds', '0'])).err).toContain('--window-seconds must be a positive number');
  });
});
