import { existsSync, readFileSync } from 'node:fs';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';

/**
 * A process as the kernel knows it: its pid and, on Linux, when it started (field 22 of /proc/<pid>/stat, in clock
 * ticks since boot), so a pid the kernel has since given to another process is not taken for the one that wrote it.
 */
export interface ProcessIdentity {
  pid: number;
  startedAt: string | null;
}

export function processIdentity(pid: number = process.pid): ProcessIdentity {
  return { pid, startedAt: startTimeOf(pid) };
}

function startTimeOf(pid: number): string | null {
  return statFields(pid)?.[19] ?? null;
}

/** Whether the process exists and has not exited: a zombie (exited, not yet reaped by its parent) counts as gone. */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EPERM') return false; // EPERM: alive, but another user's
  }
  return stateOf(pid) !== 'Z';
}

/** Fields of /proc/<pid>/stat after the command name: state, ppid, …; null without /proc. */
function statFields(pid: number): string[] | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // pid (comm) state ppid …: comm may hold spaces and parentheses, so count the fields after the last ')'
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  } catch {
    return null;
  }
}

function stateOf(pid: number): string | null {
  return statFields(pid)?.[0] ?? null;
}

/** Whether the process is still the one identified: alive, and started when it was (where /proc tells). */
export function isRunning(owner: ProcessIdentity): boolean {
  if (!isAlive(owner.pid)) return false;
  if (owner.startedAt === null || !existsSync('/proc')) return true;
  return startTimeOf(owner.pid) === owner.startedAt;
}

/** Polls until the condition holds or the time is up; says which. For processes we cannot wait on (not our children). */
export async function waitUntil(condition: () => boolean, timeoutMs: number, everyMs = 100): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (condition()) return true;
    if (Date.now() >= deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}

export interface DirectoryLockOptions {
  /** What uses the directory, for messages: "PostgreSQL", "the development broker". */
  what: string;
  /**
   * How long to wait for a live owner to let go: after npm start is killed, its infrastructure process stops the
   * servers by itself, which takes a few seconds. Default 30 s.
   */
  waitMs?: number;
  log?: (line: string) => void;
}

export interface DirectoryLock {
  file: string;
  /** Removes the lock file if it is still ours. Idempotent. */
  release(): Promise<void>;
}

/**
 * Takes `<dir>/owner.lock` for this process: a file naming the process (pid and start time) that uses the
 * directory. One left by a process that is gone (killed with SIGKILL, a crash) is taken over with a log line; one of
 * a live process is waited for, then refused with a message naming the process and what to do.
 */
export async function lockDirectory(dir: string, options: DirectoryLockOptions): Promise<DirectoryLock> {
  const file = path.join(dir, 'owner.lock');
  const me = processIdentity();
  const log = options.log ?? (() => undefined);
  await fs.mkdir(dir, { recursive: true });
  let waited = false;
  for (;;) {
    try {
      await fs.writeFile(file, `${JSON.stringify(me)}\n`, { flag: 'wx', mode: 0o644 });
      return { file, release: () => releaseLock(file, me) };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    const owner = await readOwner(file);
    if (owner && isRunning(owner)) {
      const mine = owner.pid === me.pid;
      const waitMs = options.waitMs ?? 30_000;
      if (!mine && !waited && waitMs > 0) log(`${options.what}: ${dir} is in use by process ${owner.pid}; waiting up to ${waitMs / 1000} s for it to end`);
      if (mine || waited || !(await waitUntil(() => !isRunning(owner), waitMs))) {
        throw new Error(
          `${dir} is in use by ${options.what} of ${mine ? 'this process' : `process ${owner.pid}`} (${file}): ` +
            'stop that run first (Ctrl-C, or kill that process), or choose another data directory',
        );
      }
      waited = true;
      log(`${options.what}: the earlier run (process ${owner.pid}) using ${dir} has ended`);
    } else if (owner) log(`${options.what}: ${dir} was left locked by process ${owner.pid}, which is gone; taking it over`);
    await fs.rm(file, { force: true });
  }
}

async function readOwner(file: string): Promise<ProcessIdentity | null> {
  try {
    const parsed = JSON.parse(await fs.readFile(file, 'utf8')) as Partial<ProcessIdentity>;
    return typeof parsed.pid === 'number' ? { pid: parsed.pid, startedAt: parsed.startedAt ?? null } : null;
  } catch {
    return null; // unreadable or cut short by a crash while it was written: nobody's
  }
}

async function releaseLock(file: string, me: ProcessIdentity): Promise<void> {
  const owner = await readOwner(file);
  if (owner?.pid === me.pid && owner.startedAt === me.startedAt) await fs.rm(file, { force: true });
}
