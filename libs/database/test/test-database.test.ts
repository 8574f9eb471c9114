import { databaseForTests, startEmbeddedPostgres, type EmbeddedPostgres } from '../src';
import { query } from './helpers';

describe('databaseForTests', () => {
  let info: jest.SpyInstance;
  beforeEach(() => {
    info = jest.spyOn(console, 'info').mockImplementation(() => undefined);
  });
  afterEach(() => {
    info.mockRestore();
  });

  describe('without DATABASE_URL', () => {
    it('starts an embedded PostgreSQL on a free port, says so once, and stops it on dispose', async () => {
      const [a, b] = await Promise.all([databaseForTests({ env: {} }), databaseForTests({ env: {} })]);
      try {
        expect(a.source).toBe('embedded');
        expect(b.source).toBe('embedded');
        expect(a.url).not.toBe(b.url);
        const [{ ok }] = await query<{ ok: number }>(a.url, 'SELECT 1 AS ok');
        expect(ok).toBe(1);
        expect(info).toHaveBeenCalledTimes(1);
        expect(info.mock.calls[0][0]).toMatch(/embedded PostgreSQL/);
      } finally {
        await Promise.all([a.dispose(), b.dispose()]);
      }
      await expect(query(a.url, 'SELECT 1')).rejects.toThrow(/ECONNREFUSED/);
      await a.dispose(); // idempotent
    });
  });

  describe('with DATABASE_URL', () => {
    let server: EmbeddedPostgres;
    beforeAll(async () => {
      server = await startEmbeddedPostgres({ password: 'not-for-logs' });
    });
    afterAll(async () => {
      await server?.stop();
    });

    const databases = async () =>
      (await query<{ datname: string }>(server.url, `SELECT datname FROM pg_database WHERE datname LIKE 'suite%' ORDER BY 1`)).map((r) => r.datname);

    it('gives every caller its own fresh database on that server, and drops it on dispose', async () => {
      const env = { DATABASE_URL: server.url };
      const [a, b] = await Promise.all([databaseForTests({ env, prefix: 'suite' }), databaseForTests({ env, prefix: 'suite' })]);

      expect(a.source).toBe('DATABASE_URL');
      expect(a.url).not.toBe(b.url);
      expect(a.url.startsWith(`postgres://postgres:not-for-logs@127.0.0.1:${server.port}/suite_`)).toBe(true);
      expect(await databases()).toHaveLength(2);

      // They do not see each other's tables.
      await query(a.url, 'CREATE TABLE mine (id int)');
      const [{ t }] = await query<{ t: string | null }>(b.url, `SELECT to_regclass('mine')::text AS t`);
      expect(t).toBeNull();

      // Said once which server it uses, without the password.
      expect(info).toHaveBeenCalledTimes(1);
      expect(info.mock.calls[0][0]).toContain(`127.0.0.1:${server.port}`);
      expect(info.mock.calls[0][0]).not.toContain('not-for-logs');

      await a.dispose();
      await a.dispose();
      expect(await databases()).toEqual([b.url.split('/').pop()]);
      await b.dispose();
      expect(await databases()).toEqual([]);
      // The server itself keeps running.
      expect(await query(server.url, 'SELECT 1 AS ok')).toEqual([{ ok: 1 }]);
    });
  });
});
