import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { isAlive, isRunning, lockDirectory, processIdentity, waitUntil } from './process-lock';

const waitFor = async (what: string, condition: () => boolean) => {
  if (!(await waitUntil(condition, 30_000, 10))) throw new Error(`timed out waiting for ${what}`);
};

describe('lockDirectory', () => {
  let dir: string;
  const lines: string[] = [];
  const log = (line: string) => lines.push(line);
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'process-lock-'));
    lines.length = 0;
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const ownerFile = () => path.join(dir, 'owner.lock');
  const goneProcess = () => spawnSync('true').pid!;

  it('takes a free directory, refuses it to a second taker in this process, and lets go on release', async () => {
    const lock = await lockDirectory(dir, { what: 'the broker', log });
    expect(JSON.parse(readFileSync(ownerFile(), 'utf8'))).toEqual(processIdentity());
    await expect(lockDirectory(dir, { what: 'the broker', log })).rejects.toThrow(`${dir} is in use by the broker of this process (${ownerFile()})`);
    await lock.release();
    await lock.release();
    const again = await lockDirectory(dir, { what: 'the broker', log });
    await again.release();
  });

  it('takes over a lock whose process is gone, saying so', async () => {
    const pid = goneProcess();
    writeFileSync(ownerFile(), JSON.stringify({ pid, startedAt: null }));
    const lock = await lockDirectory(dir, { what: 'PostgreSQL', log });
    expect(lines).toEqual([`PostgreSQL: ${dir} was left locked by process ${pid}, which is gone; taking it over`]);
    await lock.release();
  });

  it('takes over a lock whose pid now belongs to another process (started at another time)', async () => {
    writeFileSync(ownerFile(), JSON.stringify({ pid: process.ppid, startedAt: 'another time' }));
    const lock = await lockDirectory(dir, { what: 'PostgreSQL', log });
    expect(lines[0]).toMatch(/which is gone; taking it over$/);
    await lock.release();
  });

  it('takes over a lock cut short by a crash while it was written', async () => {
    writeFileSync(ownerFile(), '{"pid":');
    const lock = await lockDirectory(dir, { what: 'PostgreSQL', log });
    expect(JSON.parse(readFileSync(ownerFile(), 'utf8')).pid).toBe(process.pid);
    await lock.release();
  });

  it('waits for a live owner that is ending, then takes the directory', async () => {
    const owner = spawn('sleep', ['30']);
    writeFileSync(ownerFile(), JSON.stringify(processIdentity(owner.pid)));
    const taking = lockDirectory(dir, { what: 'the broker', log, waitMs: 60_000 });
    await waitFor('the taker to wait', () => lines.length > 0);
    owner.kill('SIGTERM');
    const lock = await taking;
    expect(lines).toEqual([
      `the broker: ${dir} is in use by process ${owner.pid}; waiting up to 60 s for it to end`,
      `the broker: the earlier run (process ${owner.pid}) using ${dir} has ended`,
    ]);
    await lock.release();
  });

  it('refuses a live owner that does not let go, naming it and what to do', async () => {
    const owner = spawn('sleep', ['30']);
    try {
      writeFileSync(ownerFile(), JSON.stringify(processIdentity(owner.pid)));
      await expect(lockDirectory(dir, { what: 'the broker', log, waitMs: 200 })).rejects.toThrow(
        `${dir} is in use by the broker of process ${owner.pid} (${ownerFile()}): stop that run first (Ctrl-C, or kill that process), or choose another data directory`,
      );
    } finally {
      owner.kill('SIGKILL');
    }
  });
});

describe('isAlive and isRunning', () => {
  it('tell a live process from one that is gone, and from a pid given to another process since', () => {
    expect(isAlive(process.pid)).toBe(true);
    expect(isRunning(processIdentity())).toBe(true);
    const gone = spawnSync('true').pid!;
    expect(isAlive(gone)).toBe(false);
    expect(isRunning({ pid: process.pid, startedAt: 'another time' })).toBe(process.platform !== 'linux');
  });
});
