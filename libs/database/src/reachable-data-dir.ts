import { execFile } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';

/**
 * As root, PostgreSQL runs as the `postgres` user, which must be able to enter every directory above its cluster.
 * Parents that do not exist yet are created here with mode 0755 (with a private umask they would be 0700, root's
 * alone); a parent that exists and the user cannot enter (`mktemp -d` makes 0700 ones) is refused at once with what to
 * do, rather than by initdb's "could not access directory …: Permission denied" later.
 */
export async function ensureReachableByPostgres(dataDir: string, ids: { uid: number; gid: number }, log: (line: string) => void): Promise<void> {
  const parents: string[] = [];
  for (let dir = path.dirname(path.resolve(dataDir)); ; dir = path.dirname(dir)) {
    parents.unshift(dir);
    if (dir === path.dirname(dir)) break;
  }
  const missing: string[] = [];
  while (parents.length > 1 && !(await exists(parents[parents.length - 1]))) missing.unshift(parents.pop()!);
  // One question for the deepest parent there is (access(2) checks every directory on the way); the walk only to name the one in the way.
  if (!(await canEnter(parents[parents.length - 1], ids))) {
    for (const dir of parents) if (!(await canEnter(dir, ids))) throw await outOfReach(dataDir, dir);
  }
  for (const dir of missing) {
    await fs.mkdir(dir, { mode: 0o755 });
    await fs.chmod(dir, 0o755); // mkdir's mode passes through the umask
    log(`created ${dir} (mode 0755, so the postgres user can reach the cluster in it)`);
  }
}

async function outOfReach(dataDir: string, dir: string): Promise<Error> {
  const { mode, uid } = await fs.stat(dir);
  return new Error(
    `the PostgreSQL data directory ${dataDir} is out of the postgres user's reach: as root, PostgreSQL runs as "postgres", ` +
      `which cannot enter ${dir} (mode ${(mode & 0o777).toString(8).padStart(4, '0')}, owner uid ${uid}). ` +
      `Give it search permission (chmod o+x ${dir}) or choose a data directory under one it can enter (the default .data does).`,
  );
}

async function exists(dir: string): Promise<boolean> {
  try {
    await fs.stat(dir);
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw err;
  }
}

/** Asked of the kernel as that user (access(2) through `test -x`), so ACLs and groups count as they will for initdb. */
function canEnter(dir: string, ids: { uid: number; gid: number }): Promise<boolean> {
  return new Promise((resolve) => execFile('/bin/sh', ['-c', 'test -x "$1"', 'sh', dir], { uid: ids.uid, gid: ids.gid }, (err) => resolve(!err)));
}
