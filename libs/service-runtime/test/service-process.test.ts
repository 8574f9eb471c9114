import { ChildProcess, fork } from 'node:child_process';
import * as path from 'node:path';
import { waitFor } from '@idcard/testing';

const root = path.resolve(__dirname, '../../..');
const RUN_TS = path.join(root, 'libs/devbroker/test/fixtures/run-ts.js');
const NEVER_STARTING = path.join(__dirname, 'fixtures/never-starting-service.ts');

/** The service process as npm start --processes forks it (an IPC channel), once it has begun to start. */
async function startingService(): Promise<{ child: ChildProcess; exited: Promise<number | null> }> {
  const child = fork(RUN_TS, [NEVER_STARTING], { cwd: root, stdio: ['ignore', 'pipe', 'pipe', 'ipc'] });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  await waitFor('the service to be starting', () => {
    if (child.exitCode !== null) throw new Error(`it exited (${child.exitCode}): ${out}`);
    return out.includes('starting');
  });
  return { child, exited };
}

/**
 * A service process stopped while it is still starting: at 93 services on a small machine a start takes minutes, and a
 * Ctrl-C or a parent killed meanwhile must not leave it running behind.
 */
describe('a service process stopped while it starts', () => {
  it('exits on SIGTERM without waiting for its start', async () => {
    const { child, exited } = await startingService();
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });

  it('exits when the parent that forked it is gone', async () => {
    const { child, exited } = await startingService();
    child.disconnect();
    expect(await exited).toBe(0);
  });
});
