import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { Client } from 'pg';
import { isAlive } from '@idcard/process-lock';
import { waitFor } from '@idcard/testing';

const root = path.resolve(__dirname, '../..');
const RUN_TS = path.join(root, 'libs/devbroker/test/fixtures/run-ts.js');
const CHILD = path.join(__dirname, 'fixtures/infrastructure-child.ts');

interface Run {
  child: ChildProcess;
  output: () => string;
  ready: { databaseServerUrl: string; kafkaBrokers: string[] };
}

/** The embedded infrastructure in a Node process of its own, on dataDir; resolves once it says it is ready. */
async function startRun(dataDir: string): Promise<Run> {
  const child = spawn(process.execPath, [RUN_TS, CHILD, dataDir], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, DATABASE_URL: '', KAFKA_BROKERS: '' },
  });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const line = await waitFor(
    'the infrastructure to be ready',
    () => {
      if (child.exitCode !== null) throw new Error(`the infrastructure process exited (${child.exitCode}):\n${out.slice(-3000)}`);
      return /^ready (.*)$/m.exec(out)?.[1];
    },
    180_000,
  );
  return { child, output: () => out, ready: JSON.parse(line) };
}

async function sql<T>(url: string, text: string): Promise<T[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(text)).rows as T[];
  } finally {
    await client.end();
  }
}

const kafkaOf = (run: Run) => new Kafka({ clientId: 'restart-after-crash', brokers: run.ready.kafkaBrokers, logLevel: logLevel.NOTHING });

async function readTopic(run: Run, topic: string, count: number): Promise<string[]> {
  const consumer = kafkaOf(run).consumer({ groupId: `reader-${Date.now()}`, maxWaitTimeInMs: 200 });
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    const seen: string[] = [];
    await consumer.run({ eachMessage: async ({ message }) => void seen.push(String(message.value)) });
    return await waitFor(`${count} messages on ${topic}`, () => seen.length >= count && seen, 60_000);
  } finally {
    await consumer.disconnect();
  }
}

/** The postmaster of a run: the postgres child of its Node process whose command line names the cluster directory. */
function postmasterOf(run: Run, clusterDir: string): number {
  const lines = execFileSync('ps', ['-eo', 'pid=,ppid=,args='], { encoding: 'utf8' }).split('\n');
  const found = lines.map((l) => l.trim().split(/\s+/)).find(([, ppid, ...args]) => Number(ppid) === run.child.pid && args.join(' ').includes(clusterDir));
  if (!found) throw new Error(`no postmaster of ${clusterDir} under process ${run.child.pid}`);
  return Number(found[0]);
}

/** The detached shell that stops a postmaster when the Node process that started it dies (embedded-postgres.ts). */
function watchdogOf(run: Run): number | undefined {
  const lines = execFileSync('ps', ['-eo', 'pid=,args='], { encoding: 'utf8' }).split('\n');
  const line = lines.find((l) => l.includes('embedded-pg-watchdog') && l.includes(` ${run.child.pid} `));
  return line ? Number(line.trim().split(/\s+/)[0]) : undefined;
}

function killNode(run: Run): Promise<void> {
  const exited = new Promise<void>((resolve) => run.child.once('exit', () => resolve()));
  run.child.kill('SIGKILL'); // the Node process only: PostgreSQL, its child, is left to itself
  return exited;
}

/**
 * Issue 14, point 2: the Node process of the embedded infrastructure is killed with SIGKILL and started again at
 * once on the same data directory: it comes up, with the rows and messages of the first run.
 */
describe('restart after a crash, on the embedded default', () => {
  let base: string;
  const runs: Run[] = [];
  beforeEach(() => {
    base = fs.mkdtempSync(path.join(os.tmpdir(), 'restart-after-crash-'));
    fs.chmodSync(base, 0o755); // as root, PostgreSQL runs as "postgres", which must reach the cluster
  });
  afterEach(async () => {
    for (const run of runs.splice(0)) {
      if (run.child.exitCode === null && run.child.signalCode === null) {
        const exited = new Promise((resolve) => run.child.once('exit', resolve));
        run.child.kill('SIGKILL');
        await exited;
      }
    }
    // What a killed run leaves is stopped by the watchdog of the last run or here, before the directory goes.
    for (const line of execFileSync('ps', ['-eo', 'pid=,args='], { encoding: 'utf8' }).split('\n')) {
      if (!line.includes(base) || line.includes('embedded-pg-watchdog')) continue;
      try {
        process.kill(Number(line.trim().split(/\s+/)[0]), 'SIGINT');
      } catch {
        // ended meanwhile
      }
    }
    await waitFor('nothing left on the data directory', () => !execFileSync('ps', ['-eo', 'args='], { encoding: 'utf8' }).includes(`${base}/`), 60_000);
    fs.rmSync(base, { recursive: true, force: true });
  }, 120_000);

  async function firstRunWithData(dataDir: string): Promise<Run> {
    const first = await startRun(dataDir);
    runs.push(first);
    await sql(first.ready.databaseServerUrl, `CREATE TABLE survived (note text); INSERT INTO survived VALUES ('before the crash')`);
    const producer = kafkaOf(first).producer();
    await producer.connect();
    await producer.send({ topic: 'survived', acks: -1, messages: [{ key: 'k', value: 'before the crash' }] });
    await producer.disconnect();
    return first;
  }

  async function expectDataOf(second: Run): Promise<void> {
    expect(await sql(second.ready.databaseServerUrl, 'SELECT note FROM survived')).toEqual([{ note: 'before the crash' }]);
    expect(await readTopic(second, 'survived', 1)).toEqual(['before the crash']);
  }

  it('comes up at once after SIGKILL of its Node process, taking over the locks the dead run left', async () => {
    const dataDir = path.join(base, 'data');
    const first = await firstRunWithData(dataDir);
    await killNode(first);

    const second = await startRun(dataDir);
    runs.push(second);
    await expectDataOf(second);
    expect(second.output()).toContain(`${path.join(dataDir, 'postgres')} was left locked by process ${first.child.pid}, which is gone`);
    expect(second.output()).toContain(`${path.join(dataDir, 'kafka')} was left locked by process ${first.child.pid}, which is gone`);
  }, 400_000);

  it('stops a PostgreSQL the dead run left running on the directory, cleanly, then starts', async () => {
    const dataDir = path.join(base, 'data');
    const cluster = path.join(dataDir, 'postgres');
    const first = await firstRunWithData(dataDir);
    const orphan = postmasterOf(first, cluster);
    // Without its watchdog (killed too, as by an OOM kill of the session), nothing stops the server: an orphan.
    const watchdog = watchdogOf(first);
    if (watchdog) process.kill(watchdog, 'SIGKILL');
    await killNode(first);
    expect(isAlive(orphan)).toBe(true);

    const second = await startRun(dataDir);
    runs.push(second);
    expect(second.output()).toContain(`stopping PostgreSQL (process ${orphan}) left running on ${cluster} by an earlier run`);
    expect(isAlive(orphan)).toBe(false);
    await expectDataOf(second);
  }, 400_000);
});
