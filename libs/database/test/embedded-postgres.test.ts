import { spawn, spawnSync } from 'node:child_process';
import { existsSync, promises as fs } from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '../src';
import { isRoot } from '../src/runtime';
import { childPids, isAlive, query } from './helpers';

describe('startEmbeddedPostgres', () => {
  const started: EmbeddedPostgres[] = [];
  afterAll(async () => {
    await Promise.all(started.map((pg) => pg.stop()));
  });

  it('starts on a free port (port 0), quietly, and answers real queries through pg', async () => {
    const stdout = jest.spyOn(process.stdout, 'write');
    const consoleLog = jest.spyOn(console, 'log');
    const consoleError = jest.spyOn(console, 'error');
    try {
      const pg = await startEmbeddedPostgres({ port: 0 });
      started.push(pg);

      expect(pg.port).toBeGreaterThan(1024);
      expect(pg.url).toBe(`postgres://postgres:postgres@127.0.0.1:${pg.port}/postgres`);
      expect(pg.timings.initdbMs).toEqual(expect.any(Number));
      // Nothing from initdb or the server reached the console.
      expect(stdout).not.toHaveBeenCalled();
      expect(consoleLog).not.toHaveBeenCalled();
      expect(consoleError).not.toHaveBeenCalled();
    } finally {
      stdout.mockRestore();
      consoleLog.mockRestore();
      consoleError.mockRestore();
    }
    const pg = started[0];
    const [row] = await query<{ sum: number; version: string; encoding: string; sockets: string; me: string }>(
      pg.url,
      `SELECT 20 + 22 AS sum, version() AS version, pg_encoding_to_char(encoding) AS encoding,
              current_setting('unix_socket_directories') AS sockets, current_user AS me
         FROM pg_database WHERE datname = current_database()`,
    );
    expect(row.sum).toBe(42);
    expect(row.version).toMatch(/^PostgreSQL \d+/);
    expect(row.encoding).toBe('UTF8');
    expect(row.me).toBe('postgres');
    // No Unix socket, so no /tmp/.s.PGSQL.<port>(.lock) that parallel clusters could fight over.
    expect(row.sockets).toBe('');
    expect(existsSync(`/tmp/.s.PGSQL.${pg.port}`)).toBe(false);
    expect(existsSync(`/tmp/.s.PGSQL.${pg.port}.lock`)).toBe(false);
    // UTF-8 text round-trips (names are Chinese).
    const [{ name }] = await query<{ name: string }>(pg.url, 'SELECT $1::text AS name', ['广东省 张三']);
    expect(name).toBe('广东省 张三');
  });

  it('passes PostgreSQL output to the log callback when one is given', async () => {
    const lines: string[] = [];
    const pg = await startEmbeddedPostgres({ log: (line) => lines.push(line) });
    started.push(pg);
    expect(lines.some((l) => l.includes('database system is ready to accept connections'))).toBe(true);
    expect(lines.some((l) => l.includes(`port ${pg.port}`))).toBe(true);
    expect(lines.every((l) => !l.includes('\n'))).toBe(true);
  });

  it('runs two instances at once on different ports, each with its own data', async () => {
    const [a, b] = await Promise.all([startEmbeddedPostgres(), startEmbeddedPostgres()]);
    started.push(a, b);
    expect(a.port).not.toBe(b.port);
    expect(a.pid).not.toBe(b.pid);
    expect(a.dataDir).not.toBe(b.dataDir);

    await query(a.url, 'CREATE TABLE only_in_a (id int)');
    const [inA] = await query<{ t: string | null }>(a.url, `SELECT to_regclass('only_in_a')::text AS t`);
    const [inB] = await query<{ t: string | null }>(b.url, `SELECT to_regclass('only_in_a')::text AS t`);
    expect(inA.t).toBe('only_in_a');
    expect(inB.t).toBeNull();
    const [pa] = await query<{ port: string }>(a.url, `SELECT current_setting('port') AS port`);
    const [pb] = await query<{ port: string }>(b.url, `SELECT current_setting('port') AS port`);
    expect(Number(pa.port)).toBe(a.port);
    expect(Number(pb.port)).toBe(b.port);
  });

  it('stop() ends the postmaster and all its children, removes the temp dir, and is idempotent', async () => {
    const pg = await startEmbeddedPostgres();
    const children = childPids(pg.pid);
    expect(isAlive(pg.pid)).toBe(true);
    if (process.platform === 'linux') expect(children.length).toBeGreaterThan(2); // checkpointer, walwriter, ...
    expect(existsSync(pg.dataDir)).toBe(true);

    // An open connection must not keep the server up.
    const { Client } = await import('pg');
    const client = new Client({ connectionString: pg.url });
    client.on('error', () => undefined);
    await client.connect();

    const first = pg.stop();
    const second = pg.stop();
    await Promise.all([first, second]);
    await pg.stop(); // again after it finished

    expect(isAlive(pg.pid)).toBe(false);
    expect(children.filter(isAlive)).toEqual([]);
    expect(existsSync(pg.dataDir)).toBe(false);
    await expect(client.query('SELECT 1')).rejects.toThrow();
    await client.end().catch(() => undefined);
  });

  it('stop() returns promptly when the server already died, and still cleans up', async () => {
    const pg = await startEmbeddedPostgres();
    process.kill(pg.pid, 'SIGKILL');
    const t = Date.now();
    await pg.stop();
    expect(Date.now() - t).toBeLessThan(5000);
    expect(isAlive(pg.pid)).toBe(false);
    expect(existsSync(pg.dataDir)).toBe(false);
  });

  describe('with a dataDir', () => {
    let base: string;
    beforeEach(async () => {
      base = await fs.mkdtemp(path.join(os.tmpdir(), 'db-lib-test-'));
      await fs.chmod(base, 0o755); // as root the server runs as "postgres", which must reach the dir
    });
    afterEach(async () => {
      await fs.rm(base, { recursive: true, force: true });
    });

    it('keeps a table and its rows across a restart without re-initialising', async () => {
      const dataDir = path.join(base, 'cluster');
      const first = await startEmbeddedPostgres({ dataDir });
      expect(first.timings.initdbMs).toEqual(expect.any(Number));
      await query(first.url, 'CREATE TABLE citizens (id text PRIMARY KEY, name text NOT NULL)');
      await query(first.url, `INSERT INTO citizens VALUES ('440105199001010011', '李雷'), ('440105199202020022', '韩梅梅')`);
      const [{ id: systemId }] = await query<{ id: string }>(first.url, 'SELECT system_identifier::text AS id FROM pg_control_system()');
      await first.stop();
      expect(isAlive(first.pid)).toBe(false);
      expect(existsSync(path.join(dataDir, 'PG_VERSION'))).toBe(true); // persistent by default with a dataDir

      const second = await startEmbeddedPostgres({ dataDir });
      try {
        expect(second.timings.initdbMs).toBeNull(); // reused, not initialised again
        const [{ id: systemIdAfter }] = await query<{ id: string }>(second.url, 'SELECT system_identifier::text AS id FROM pg_control_system()');
        expect(systemIdAfter).toBe(systemId);
        const rows = await query<{ id: string; name: string }>(second.url, 'SELECT id, name FROM citizens ORDER BY id');
        expect(rows).toEqual([
          { id: '440105199001010011', name: '李雷' },
          { id: '440105199202020022', name: '韩梅梅' },
        ]);
      } finally {
        await second.stop();
      }
      expect(existsSync(path.join(dataDir, 'PG_VERSION'))).toBe(true);
    });

    it('refuses to start a second server on a dataDir that is in use, leaving the first one alone', async () => {
      const dataDir = path.join(base, 'busy');
      const first = await startEmbeddedPostgres({ dataDir });
      try {
        await expect(startEmbeddedPostgres({ dataDir })).rejects.toThrow(`${dataDir} is in use by PostgreSQL of this process`);
        expect(await query(first.url, 'SELECT 1 AS ok')).toEqual([{ ok: 1 }]);
        expect(existsSync(path.join(dataDir, 'PG_VERSION'))).toBe(true);
      } finally {
        await first.stop();
      }
    });

    it('removes a stale postmaster.pid whose process is gone, or whose pid another process has now, and starts', async () => {
      const dataDir = path.join(base, 'stale');
      await (await startEmbeddedPostgres({ dataDir })).stop();
      const stranger = spawn('sleep', ['60']);
      try {
        for (const pid of [spawnSync('true').pid!, stranger.pid!]) {
          // What a postmaster killed with SIGKILL leaves: its pid, the directory, the start time, the port …
          await fs.writeFile(path.join(dataDir, 'postmaster.pid'), `${pid}\n${dataDir}\n1764800000\n5432\n\n127.0.0.1\n`);
          const notices: string[] = [];
          const pg = await startEmbeddedPostgres({ dataDir, notice: (line) => notices.push(line) });
          try {
            expect(await query(pg.url, 'SELECT 1 AS ok')).toEqual([{ ok: 1 }]);
            expect(notices).toEqual([
              pid === stranger.pid
                ? `removing a stale postmaster.pid from ${dataDir}: process ${pid} is not a PostgreSQL server of it`
                : `removing a stale postmaster.pid from ${dataDir}: process ${pid} is gone`,
            ]);
          } finally {
            await pg.stop();
          }
        }
      } finally {
        stranger.kill('SIGKILL');
      }
    });

    (isRoot() ? it : it.skip)('as root, refuses at once a cluster under a parent the postgres user cannot enter, saying what to do', async () => {
      const privateParent = path.join(base, 'private');
      await fs.mkdir(privateParent, { mode: 0o700 });
      await fs.chmod(privateParent, 0o700); // what mktemp -d makes
      const dataDir = path.join(privateParent, 'data');
      await expect(startEmbeddedPostgres({ dataDir })).rejects.toThrow(
        `the PostgreSQL data directory ${dataDir} is out of the postgres user's reach: as root, PostgreSQL runs as "postgres", ` +
          `which cannot enter ${privateParent} (mode 0700, owner uid 0). Give it search permission (chmod o+x ${privateParent})`,
      );
      expect(existsSync(dataDir)).toBe(false); // refused before anything was made
    });

    (isRoot() ? it : it.skip)('as root, makes the parents it creates reachable even under a private umask', async () => {
      const dataDir = path.join(base, 'made', 'here', 'data');
      const notices: string[] = [];
      const umask = process.umask(0o077);
      let pg: EmbeddedPostgres;
      try {
        pg = await startEmbeddedPostgres({ dataDir, notice: (line) => notices.push(line) });
      } finally {
        process.umask(umask);
      }
      try {
        expect(await query(pg.url, 'SELECT 1 AS ok')).toEqual([{ ok: 1 }]);
        for (const dir of [path.join(base, 'made'), path.join(base, 'made', 'here')]) {
          expect((await fs.stat(dir)).mode & 0o777).toBe(0o755);
          expect(notices).toContain(`created ${dir} (mode 0755, so the postgres user can reach the cluster in it)`);
        }
      } finally {
        await pg.stop();
      }
    });

    it('removes the dataDir on stop when persistent is false', async () => {
      const dataDir = path.join(base, 'throwaway');
      const pg = await startEmbeddedPostgres({ dataDir, persistent: false });
      expect(existsSync(path.join(dataDir, 'PG_VERSION'))).toBe(true);
      await pg.stop();
      expect(existsSync(dataDir)).toBe(false);
    });

    it('refuses a non-empty directory that is not a cluster, and leaves it alone', async () => {
      await fs.writeFile(path.join(base, 'notes.txt'), 'keep me');
      await expect(startEmbeddedPostgres({ dataDir: base })).rejects.toThrow(/neither empty nor a PostgreSQL data directory/);
      expect(await fs.readFile(path.join(base, 'notes.txt'), 'utf8')).toBe('keep me');
    });
  });

  it('fails clearly (no retry on another port) when a fixed port is taken', async () => {
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as net.AddressInfo).port;
    try {
      const error: Error = await startEmbeddedPostgres({ port }).then(
        () => {
          throw new Error('started on a taken port');
        },
        (err: Error) => err,
      );
      expect(error.message).toMatch(new RegExp(`127\\.0\\.0\\.1:${port}`));
      expect(error.message).toMatch(/could not bind|Address already in use/);
      // The throwaway cluster it had initialised is gone.
      const dataDir = /\(data ([^)]+)\)/.exec(error.message)?.[1];
      expect(dataDir).toContain('embedded-pg-');
      expect(existsSync(dataDir!)).toBe(false);
    } finally {
      blocker.close();
    }
  });
});
