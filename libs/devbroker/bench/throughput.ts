/**
 * Throughput of the development broker with kafkajs: 1 KiB messages, produce then consume.
 * The broker runs in its own process (as with `npm run broker`), so broker and client each get a core.
 * Usage: npm run bench:broker -- [--messages 200000] [--batch 1000] [--in-flight 4] [--partitions 3]
 */
import { ChildProcess, spawn } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { parseArgs } from 'util';
import { Kafka, logLevel } from 'kafkajs';

const { values } = parseArgs({
  options: {
    messages: { type: 'string', default: '200000' },
    batch: { type: 'string', default: '1000' },
    'in-flight': { type: 'string', default: '4' },
    partitions: { type: 'string', default: '3' },
    'data-dir': { type: 'string' },
  },
});
const MESSAGES = Number(values.messages);
const BATCH = Number(values.batch);
const IN_FLIGHT = Number(values['in-flight']);
const PARTITIONS = Number(values.partitions);
const MESSAGE_SIZE = 1024;

/** CPU seconds a process has used so far, from /proc (user + system). */
function cpuSeconds(pid: number): number {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in clock ticks (100 Hz)
}

function startBroker(): Promise<{ child: ChildProcess; address: string }> {
  const args = [path.join(__dirname, '../src/cli.js'), '--port', '0', '--partitions', String(PARTITIONS)];
  if (values['data-dir']) args.push('--data-dir', values['data-dir']);
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d) => {
      out += d;
      const m = /listening on (\S+)/.exec(out);
      if (m) resolve({ child, address: m[1] });
    });
    child.once('exit', (code) => reject(new Error(`broker exited with ${code}`)));
  });
}

async function main(): Promise<void> {
  const { child, address } = await startBroker();
  const kafka = new Kafka({ clientId: 'bench', brokers: [address], logLevel: logLevel.ERROR });
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({ topics: [{ topic: 'bench', numPartitions: PARTITIONS }] });

  const value = Buffer.alloc(MESSAGE_SIZE, 'x');
  const producer = kafka.producer({ allowAutoTopicCreation: false });
  await producer.connect();
  const batches = Math.ceil(MESSAGES / BATCH);
  let next = 0;
  const brokerCpu0 = cpuSeconds(child.pid!);
  const clientCpu0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: IN_FLIGHT }, async () => {
      while (next < batches) {
        const b = next++;
        const n = Math.min(BATCH, MESSAGES - b * BATCH);
        await producer.send({ topic: 'bench', acks: -1, messages: Array.from({ length: n }, (_, i) => ({ key: String(b * BATCH + i), value })) });
      }
    }),
  );
  const produceSeconds = Number(process.hrtime.bigint() - t0) / 1e9;
  const produceBrokerCpu = cpuSeconds(child.pid!) - brokerCpu0;
  const produceClientCpu = cpuTotal(process.cpuUsage(clientCpu0));
  await producer.disconnect();

  const consumer = kafka.consumer({ groupId: 'bench', maxBytes: 16 * 1024 * 1024, maxBytesPerPartition: 4 * 1024 * 1024 });
  await consumer.connect();
  await consumer.subscribe({ topic: 'bench', fromBeginning: true });
  let consumed = 0;
  const brokerCpu1 = cpuSeconds(child.pid!);
  const clientCpu1 = process.cpuUsage();
  const t1 = process.hrtime.bigint();
  await new Promise<void>((resolve) => {
    void consumer.run({
      eachBatchAutoResolve: true,
      eachBatch: async ({ batch }) => {
        consumed += batch.messages.length;
        if (consumed >= MESSAGES) resolve();
      },
    });
  });
  const consumeSeconds = Number(process.hrtime.bigint() - t1) / 1e9;
  const consumeBrokerCpu = cpuSeconds(child.pid!) - brokerCpu1;
  const consumeClientCpu = cpuTotal(process.cpuUsage(clientCpu1));
  await consumer.disconnect();
  await admin.disconnect();
  child.kill('SIGTERM');

  const report = (what: string, seconds: number, brokerCpu: number, clientCpu: number) =>
    console.log(
      `${what}: ${Math.round(MESSAGES / seconds).toLocaleString('en')} msg/s, ${((MESSAGES * MESSAGE_SIZE) / seconds / 1048576).toFixed(1)} MiB/s ` +
        `(${seconds.toFixed(2)} s; CPU: broker ${brokerCpu.toFixed(2)} s, kafkajs ${clientCpu.toFixed(2)} s)`,
    );
  console.log(
    `devbroker throughput, ${MESSAGES.toLocaleString('en')} messages of ${MESSAGE_SIZE} B, ${PARTITIONS} partitions, batches of ${BATCH}, ${IN_FLIGHT} in flight${values['data-dir'] ? ', data dir' : ', in memory'}`,
  );
  report('produce', produceSeconds, produceBrokerCpu, produceClientCpu);
  report('consume', consumeSeconds, consumeBrokerCpu, consumeClientCpu);
}

function cpuTotal(u: NodeJS.CpuUsage): number {
  return (u.user + u.system) / 1e6;
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
