import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { percentile } from './demo-http';

/**
 * `npm run bench:stop -- [--runs 5] [--processes] [--provinces 11,44,65] [--reuse]`: how long npm start takes to stop
 * when Ctrl-C comes the moment it says it is ready — the worst moment: every service's first sample and scrape in
 * flight, the first checkpoint of a new cluster running. Each run starts the built npm start in a process group of its
 * own (a terminal's foreground group), sends SIGINT to the group as a terminal does, and times until it has exited.
 * A fresh data directory each run (a first start) unless --reuse. Prints a line per run and one JSON object last.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      runs: { type: 'string', default: '5' },
      processes: { type: 'boolean', default: false },
      provinces: { type: 'string', default: '11,44,65' },
      reuse: { type: 'boolean', default: false },
    },
  });
  const runs = Number(values.runs);
  if (!Number.isInteger(runs) || runs < 1) throw new Error(`--runs must be a positive whole number, got ${values.runs}`);
  const root = path.resolve(__dirname, '..', '..');
  const reused = values.reuse ? freshDataDir() : null;
  const stops: number[] = [];
  const loads: number[] = [];
  for (let run = 1; run <= runs; run++) {
    const dataDir = reused ?? freshDataDir();
    try {
      const { readyMs, stopMs, exitCode, said } = await startAndInterrupt(root, dataDir, values.provinces!, values.processes!);
      const load = os.loadavg()[0];
      stops.push(stopMs);
      loads.push(load);
      process.stderr.write(
        `run ${run}: ready after ${(readyMs / 1000).toFixed(1)} s, exited ${exitCode} ${(stopMs / 1000).toFixed(2)} s after SIGINT (${said}), load ${load.toFixed(1)}\n`,
      );
      if (exitCode !== 0) throw new Error(`npm start exited ${exitCode} after Ctrl-C`);
    } finally {
      if (!reused) fs.rmSync(dataDir, { recursive: true, force: true });
    }
  }
  if (reused) fs.rmSync(reused, { recursive: true, force: true });
  const sorted = [...stops].sort((a, b) => a - b);
  console.log(
    JSON.stringify({
      mode: values.processes ? 'processes' : 'one process',
      provinces: values.provinces,
      dataDirectory: values.reuse ? 'reused' : 'fresh each run',
      runs,
      stopMs: { min: sorted[0], p50: percentile(sorted, 50), max: sorted[sorted.length - 1] },
      loadAverage: { min: Math.min(...loads), max: Math.max(...loads) },
    }),
  );
}

function freshDataDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-stop-'));
  // As root, the embedded PostgreSQL runs as the postgres user, which must be able to enter the directory.
  fs.chmodSync(dir, 0o755);
  return dir;
}

/** One npm start, interrupted the moment it prints `ready —`. */
function startAndInterrupt(
  root: string,
  dataDir: string,
  provinces: string,
  processes: boolean,
): Promise<{ readyMs: number; stopMs: number; exitCode: number | null; said: string }> {
  const args = ['-r', 'tsconfig-paths/register', 'dist/scripts/start.js', '--data-dir', dataDir, '--provinces', provinces, '--ops-port', '0'];
  args.push('--broker-port', '0', ...(processes ? ['--processes'] : []));
  const started = Date.now();
  const child = spawn(process.execPath, args, {
    cwd: root,
    detached: true,
    env: { ...process.env, TS_NODE_BASEURL: './dist', DATABASE_URL: '', KAFKA_BROKERS: '' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let out = '';
  let interruptedAt = 0;
  return new Promise((resolve, reject) => {
    child.stderr!.on('data', (d: Buffer) => {
      out += d.toString();
      if (!interruptedAt && out.includes('ready —')) {
        interruptedAt = Date.now();
        process.kill(-child.pid!, 'SIGINT'); // what the terminal does with Ctrl-C
      }
    });
    child.once('error', reject);
    child.once('exit', (code) => {
      if (!interruptedAt) return reject(new Error(`npm start exited (${code}) before it was ready:\n${out.slice(-2000)}`));
      const said = /services stopped in [\d.]+ s, PostgreSQL and the broker in [\d.]+ s/.exec(out)?.[0] ?? 'no summary';
      resolve({ readyMs: interruptedAt - started, stopMs: Date.now() - interruptedAt, exitCode: code, said });
    });
  });
}

main().catch((err) => {
  process.stderr.write(`bench:stop failed: ${err instanceof Error ? err.stack : err}\n`);
  process.exit(1);
});
