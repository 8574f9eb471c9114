/**
 * Start-up time of an embedded PostgreSQL on this machine:
 *   npm run build --silent && node dist/libs/database/bench/startup.js [rounds]
 * Measures, per round: a throwaway cluster (initdb --no-sync, start, first query, stop), a
 * persistent one (initdb with fsync) and a restart of that existing cluster (start only).
 */
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { Client } from 'pg';
import { startEmbeddedPostgres } from '../src';

async function firstQuery(url: string): Promise<void> {
  const client = new Client({ connectionString: url });
  await client.connect();
  await client.query('SELECT 1');
  await client.end();
}

function summary(label: string, values: number[]): string {
  const sorted = [...values].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)];
  return `${label.padEnd(44)} median ${String(median).padStart(5)} ms   min ${String(sorted[0]).padStart(5)}   max ${String(sorted[sorted.length - 1]).padStart(5)}`;
}

async function main(): Promise<void> {
  const rounds = Number(process.argv[2] ?? 5);
  const rows: Record<string, number[]> = {};
  const add = (key: string, ms: number) => (rows[key] ??= []).push(Math.round(ms));

  for (let i = 0; i < rounds; i++) {
    // Throwaway cluster, as tests get it.
    let t = performance.now();
    const temp = await startEmbeddedPostgres();
    await firstQuery(temp.url);
    add('throwaway: initdb', temp.timings.initdbMs!);
    add('throwaway: server start', temp.timings.startMs);
    add('throwaway: total until first query', performance.now() - t);
    t = performance.now();
    await temp.stop();
    add('throwaway: stop (incl. removing the dir)', performance.now() - t);

    // Persistent cluster: first start (initdb with fsync), then a restart.
    const base = await fs.mkdtemp(path.join(os.tmpdir(), 'db-bench-'));
    await fs.chmod(base, 0o755);
    try {
      t = performance.now();
      const first = await startEmbeddedPostgres({ dataDir: path.join(base, 'data') });
      await firstQuery(first.url);
      add('persistent: initdb', first.timings.initdbMs!);
      add('persistent: total until first query', performance.now() - t);
      await first.stop();
      t = performance.now();
      const again = await startEmbeddedPostgres({ dataDir: path.join(base, 'data') });
      await firstQuery(again.url);
      add('restart of existing cluster: until first query', performance.now() - t);
      await again.stop();
    } finally {
      await fs.rm(base, { recursive: true, force: true });
    }
  }

  console.log(`embedded PostgreSQL start-up, ${rounds} rounds, ${os.cpus().length} CPU(s), node ${process.version}`);
  for (const [label, values] of Object.entries(rows)) console.log(summary(label, values));
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
