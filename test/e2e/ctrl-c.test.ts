import { execFileSync, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { waitFor } from '@idcard/testing';

const root = path.resolve(__dirname, '../..');

/**
 * Ctrl-C in a terminal sends SIGINT to the whole foreground process group. npm start must take it alone: the
 * embedded PostgreSQL and the broker run in a group of their own and are stopped by npm start after the services
 * have drained, so no service logs an error while it stops. Runs the built entry point, as npm start does.
 */
describe('Ctrl-C on npm start', () => {
  beforeAll(() => {
    execFileSync(process.execPath, [path.join(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json'], { cwd: root, stdio: 'ignore' });
  }, 240_000);

  it('stops everything cleanly: exit 0, no error line, no process left behind', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ctrl-c-'));
    // As root, PostgreSQL runs as the postgres user, which must be able to enter the data directory's parents.
    fs.chmodSync(dataDir, 0o755);
    // detached: the child leads a process group of its own, standing in for the terminal's foreground group.
    const terminal = spawn(
      process.execPath,
      ['-r', 'tsconfig-paths/register', 'dist/scripts/start.js', '--data-dir', dataDir, '--provinces', '44', '--ops-port', '0', '--broker-port', '0'],
      { cwd: root, detached: true, env: { ...process.env, TS_NODE_BASEURL: './dist', DATABASE_URL: '', KAFKA_BROKERS: '' }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let out = '';
    terminal.stdout!.on('data', (d) => (out += d));
    terminal.stderr!.on('data', (d) => (out += d));
    let exitCode: number | null | undefined;
    const exited = new Promise<number | null>((resolve) => terminal.once('exit', (code) => resolve((exitCode = code))));
    await waitFor(
      'npm start to be ready',
      () => {
        if (exitCode !== undefined) throw new Error(`npm start exited (${exitCode}) before it was ready:\n${out.slice(-2000)}`);
        return out.includes('ready —');
      },
      120_000,
    );

    process.kill(-terminal.pid!, 'SIGINT'); // what the terminal does with Ctrl-C
    expect(await exited).toBe(0);
    expect(out).toContain('stopped');
    const errors = out.split('\n').filter((l) => /"level":"error"|ECONNREFUSED|shutting down|failed/i.test(l));
    expect(errors).toEqual([]);
    // Nothing of the run is left: no PostgreSQL on its data directory, no infrastructure process.
    const left = execFileSync('ps', ['-eo', 'args'], { encoding: 'utf8' })
      .split('\n')
      .filter((l) => l.includes(dataDir) || (l.includes('infrastructure-process') && l.includes(root)));
    expect(left).toEqual([]);
  }, 180_000);
});
