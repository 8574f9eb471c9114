import { execFileSync, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DevIssuer } from '@idcard/access';
import { waitFor } from '@idcard/testing';
import { Actors } from '../../scripts/actors';
import { devIssuerDir } from '../../scripts/authority';
import { call } from '../../scripts/demo-http';
import { planApplications, REGISTER_SEED, registerSizeFor } from '../../scripts/demo-plan';

const root = path.resolve(__dirname, '../..');
// A province no other suite starts under npm start's fixed ports (ctrl-c.test.ts has 44).
const PROVINCE = '53';
const url = (offset: number) => `http://127.0.0.1:${3000 + Number(PROVINCE) * 10 + offset}`;

/** Every process below `pid` (children, grandchildren …), from ps. */
function descendantsOf(pid: number): number[] {
  const rows = execFileSync('ps', ['-eo', 'pid=,ppid='], { encoding: 'utf8' })
    .trim()
    .split('\n')
    .map((l) => l.trim().split(/\s+/).map(Number));
  const found: number[] = [];
  const walk = (parent: number) => {
    for (const [child, ppid] of rows)
      if (ppid === parent) {
        found.push(child);
        walk(child);
      }
  };
  walk(pid);
  return found;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * npm start --processes: PostgreSQL, the broker and each service as OS processes of their own (here with two
 * registry replicas in one group behind one port); one application goes from the counter to the citizen's hands
 * across those processes; Ctrl-C stops every one of them. Runs the built entry point, as npm start does.
 */
describe('npm start --processes', () => {
  beforeAll(() => {
    execFileSync(process.execPath, [path.join(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json'], { cwd: root, stdio: 'ignore' });
  }, 240_000);

  it('starts every service as a process, carries an application to the end, and Ctrl-C stops every process', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'processes-'));
    fs.chmodSync(dataDir, 0o755);
    const terminal = spawn(
      process.execPath,
      [
        '-r',
        'tsconfig-paths/register',
        'dist/scripts/start.js',
        '--processes',
        '--replicas',
        'registry-office=2',
        '--data-dir',
        dataDir,
        '--provinces',
        PROVINCE,
        '--ops-port',
        '0',
        '--broker-port',
        '0',
        '--quiet',
      ],
      {
        cwd: root,
        detached: true,
        env: {
          ...process.env,
          TS_NODE_BASEURL: './dist',
          DATABASE_URL: '',
          KAFKA_BROKERS: '',
          PRODUCTION_INTERVAL_MS: '100',
          SHIPMENT_MAX_WAIT_MS: '300',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let out = '';
    terminal.stdout!.on('data', (d) => (out += d));
    terminal.stderr!.on('data', (d) => (out += d));
    let exitCode: number | null | undefined;
    const exited = new Promise<number | null>((resolve) => terminal.once('exit', (code) => resolve((exitCode = code))));
    try {
      await waitFor(
        'npm start --processes to be ready',
        () => {
          if (exitCode !== undefined) throw new Error(`npm start exited (${exitCode}) before it was ready:\n${out.slice(-2000)}`);
          return out.includes('ready —');
        },
        150_000,
      );
      // Each service is a process of its own, and the registry a set of two replicas under its primary.
      const pids = [...out.matchAll(/\[pid (\d+)/g)].map((m) => Number(m[1]));
      expect(pids).toHaveLength(3);
      const everyProcess = descendantsOf(terminal.pid!);
      expect(everyProcess.length).toBeGreaterThanOrEqual(3 + 2 + 2); // services, 2 replicas, infrastructure + PostgreSQL

      const actors = new Actors(DevIssuer.open(devIssuerDir(dataDir), () => new Date()));
      const seeded = await call(
        'POST',
        `${url(0)}/register/seed`,
        { count: registerSizeFor(20, 1), seed: REGISTER_SEED },
        await actors.registerAdmin(PROVINCE),
      );
      expect(seeded.status).toBeLessThan(300);
      const plan = planApplications(20, [PROVINCE], new Date()).find((a) => a.scenario === 'intra-province')!;
      const clerk = await actors.clerk(plan.office);
      const submitted = await call('POST', `${url(2)}/applications`, plan.body, clerk);
      expect(submitted.status).toBe(201);
      const receipt = submitted.body.receiptNumber as string;
      const shipped = await waitFor(
        'the card to be shipped to the receiving office',
        async () => {
          const res = await call('GET', `${url(2)}/applications/${receipt}`, undefined, clerk);
          return res.body?.status === 'shipped' ? res.body : null;
        },
        60_000,
      );
      const arrived = await call('POST', `${url(2)}/shipments/${shipped.card.shipmentId}/arrivals`, { cardSerial: shipped.card.serial }, clerk);
      expect(arrived.status).toBeLessThan(300);
      const handed = await call('POST', `${url(2)}/applications/${receipt}/handover`, { idNumber: plan.idNumber }, clerk);
      expect(handed.status).toBe(200);

      process.kill(-terminal.pid!, 'SIGINT'); // what the terminal does with Ctrl-C
      expect(await exited).toBe(0);
      expect(out).toMatch(/stopped in [\d.]+ s/);
      const errors = out.split('\n').filter((l) => /"level":"error"|ECONNREFUSED|failed|exited \(/i.test(l));
      expect(errors).toEqual([]);
      // The embedded PostgreSQL's watchdog shell may take a moment to notice (it polls with sleep 1).
      await waitFor('every process of the run to be gone', () => everyProcess.filter(alive).length === 0, 5_000).catch(() => undefined);
      const left = everyProcess.filter(alive).map((pid) => `${pid}: ${execFileSync('ps', ['-o', 'args=', '-p', String(pid)], { encoding: 'utf8' }).trim()}`);
      expect(left).toEqual([]);
    } finally {
      if (exitCode === undefined) process.kill(-terminal.pid!, 'SIGKILL');
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  }, 300_000);
});
