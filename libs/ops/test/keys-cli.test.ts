import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runOpsCommand } from '@idcard/ops';
import { keyFilePaths, parseAndVerifyTrustList, publicKeyOf, readKeyFiles } from '@idcard/trust';

async function ops(argv: string[], now?: Date) {
  let out = '';
  let err = '';
  const code = await runOpsCommand(argv, { out: (t) => void (out += t), err: (t) => void (err += t), env: {}, now: now && (() => now) });
  return { code, out, err };
}

/** `npm run ops -- keys …`: a whole key ceremony on real files. */
describe('npm run ops -- keys', () => {
  let tmp: string;
  beforeAll(() => void (tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ops-keys-'))));
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

  async function show(dir: string, rootPub = path.join(dir, 'root.pub'), now?: Date) {
    const r = await ops(['keys', 'show', '--list', path.join(dir, 'trust-list.json'), '--root-public-key', rootPub, '--json'], now);
    return { ...r, doc: r.code === 0 ? JSON.parse(r.out) : undefined };
  }

  it('runs a ceremony: init, show, generate a new key, add it, remove the old one, show', async () => {
    const dir = path.join(tmp, 'keys');
    const list = path.join(dir, 'trust-list.json');
    const init = await ops(['keys', 'init', '--dir', dir, '--provinces', '44,11']);
    expect(init.err).toBe('');
    expect(init.code).toBe(0);
    expect(init.out).toContain(`created the key directory ${dir} for provinces 11, 44`);
    expect(init.out).toContain('version 1, 6 keys');
    expect(fs.statSync(path.join(dir, 'root.key')).mode & 0o777).toBe(0o600);

    const again = await ops(['keys', 'init', '--dir', dir, '--provinces', '44']);
    expect(again.code).toBe(0);
    expect(again.out).toContain('nothing written');
    const tooMuch = await ops(['keys', 'init', '--dir', dir, '--provinces', '45']);
    expect(tooMuch.code).toBe(1);
    expect(tooMuch.err).toContain('registry-office-45: no key file');

    const v1 = await show(dir);
    expect(v1.code).toBe(0);
    expect(v1.doc).toMatchObject({ verified: true, version: 1, stale: false });
    expect(v1.doc.keys.map((k: any) => `${k.service}-${k.province}`).sort()).toEqual([
      'production-center-11',
      'production-center-44',
      'receiving-office-11',
      'receiving-office-44',
      'registry-office-11',
      'registry-office-44',
    ]);
    expect(v1.doc.keys.every((k: any) => k.validNow)).toBe(true);
    const oldId: string = v1.doc.keys.find((k: any) => k.service === 'registry-office' && k.province === '44').keyId;

    const generated = await ops(['keys', 'generate', '--service', 'registry-office', '--province', '44', '--out', path.join(tmp, 'new')]);
    expect(generated.code).toBe(0);
    const newId = /key id\s+(\S+)/.exec(generated.out)![1];
    expect(newId).toMatch(/^registry-office-44-[0-9a-f]{16}$/);
    const newKey = path.join(tmp, 'new', `${newId}.key`);
    const newPub = path.join(tmp, 'new', `${newId}.pub`);
    expect(fs.statSync(newKey).mode & 0o777).toBe(0o600);
    expect(publicKeyOf(fs.readFileSync(newKey, 'utf8')).equals(publicKeyOf(fs.readFileSync(newPub, 'utf8')))).toBe(true);

    const add = await ops([
      'keys',
      'add',
      '--list',
      list,
      '--root-key',
      path.join(dir, 'root.key'),
      '--public-key',
      newPub,
      '--service',
      'registry-office',
      '--province',
      '44',
      '--valid-until',
      '2099-01-01T00:00:00Z',
    ]);
    expect(add.err).toBe('');
    expect(add.code).toBe(0);
    expect(add.out).toContain(`added ${newId}`);
    expect(add.out).toContain('version 2, 7 keys');
    expect(fs.readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);

    const v2 = await show(dir);
    expect(v2.doc.version).toBe(2);
    expect(v2.doc.keys.find((k: any) => k.keyId === newId)).toMatchObject({
      province: '44',
      service: 'registry-office',
      validUntil: '2099-01-01T00:00:00.000Z',
      validNow: true,
    });
    expect(
      readKeyFiles(dir)
        .trustList.keysOf('registry-office', '44')
        .map((k) => k.keyId)
        .sort(),
    ).toEqual([newId, oldId].sort());

    const twice = await ops([
      'keys',
      'add',
      '--list',
      list,
      '--root-key',
      path.join(dir, 'root.key'),
      '--public-key',
      newPub,
      '--service',
      'registry-office',
      '--province',
      '44',
    ]);
    expect(twice.code).toBe(1);
    expect(twice.err).toContain(`key ${newId} is already in`);

    const remove = await ops(['keys', 'remove', '--list', list, '--root-key', path.join(dir, 'root.key'), '--key-id', oldId]);
    expect(remove.code).toBe(0);
    expect(remove.out).toContain(`removed ${oldId}`);
    const v3 = await show(dir);
    expect(v3.doc.version).toBe(3);
    expect(v3.doc.keys.map((k: any) => k.keyId)).toContain(newId);
    expect(v3.doc.keys.map((k: any) => k.keyId)).not.toContain(oldId);

    const table = await ops(['keys', 'show', '--list', list, '--root-public-key', path.join(dir, 'root.pub')]);
    expect(table.code).toBe(0);
    expect(table.out).toMatch(/^version\s+3$/m);
    expect(table.out).toMatch(/next update by\s+\S+ — not stale/);
    expect(table.out).toMatch(/^KEY-ID\s+PROVINCE\s+SERVICE\s+VALID-FROM\s+VALID-UNTIL\s+VALID-NOW$/m);
    expect(table.out).toMatch(new RegExp(`^${newId}\\s+44\\s+registry-office\\s+\\S+\\s+2099-01-01T00:00:00.000Z\\s+yes$`, 'm'));
    expect(table.out).not.toContain(oldId);

    // A year and a day later the list is stale and every development key has expired.
    const later = await ops(['keys', 'show', '--list', list, '--root-public-key', path.join(dir, 'root.pub')], new Date(Date.now() + 3 * 365 * 24 * 3600_000));
    expect(later.out).toContain('STALE since then');
    expect(later.out).toMatch(new RegExp(`^${newId}\\s.*\\syes$`, 'm'));
    expect(later.out).toMatch(/^receiving-office-44-\S+\s.*\sno$/m);

    // Removing the last key of a service warns.
    const last = await ops(['keys', 'remove', '--list', list, '--root-key', path.join(dir, 'root.key'), '--key-id', newId]);
    expect(last.code).toBe(0);
    expect(last.err).toContain('registry-office 44 has no key left');
    expect(parseAndVerifyTrustList(fs.readFileSync(list, 'utf8'), publicKeyOf(fs.readFileSync(path.join(dir, 'root.pub'), 'utf8'))).version).toBe(4);
  });

  it('refuses a list signed by another root, and an altered one, with exit 1 and why', async () => {
    const a = path.join(tmp, 'a');
    const b = path.join(tmp, 'b');
    expect((await ops(['keys', 'init', '--dir', a, '--provinces', '11'])).code).toBe(0);
    expect((await ops(['keys', 'init', '--dir', b, '--provinces', '11'])).code).toBe(0);
    const foreign = await show(a, path.join(b, 'root.pub'));
    expect(foreign.code).toBe(1);
    expect(foreign.err).toMatch(/does not verify \(wrong-root\): the trust list is signed by root key "root-[0-9a-f]{16}"; this service trusts root-/);
    const addForeign = await ops([
      'keys',
      'add',
      '--list',
      keyFilePaths(a).trustList,
      '--root-key',
      path.join(b, 'root.key'),
      '--public-key',
      keyFilePaths(b).service('registry-office', '11').pub,
      '--service',
      'registry-office',
      '--province',
      '11',
    ]);
    expect(addForeign.code).toBe(1);
    expect(addForeign.err).toContain('wrong-root');

    const file = keyFilePaths(a).trustList;
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('"province": "11"', '"province": "12"'));
    const altered = await show(a);
    expect(altered.code).toBe(1);
    expect(altered.err).toContain('does not verify (bad-signature)');
  });

  it('answers a bad argument with what is wrong and exit 2', async () => {
    const dir = path.join(tmp, 'keys');
    const list = path.join(dir, 'trust-list.json');
    const rootKey = path.join(dir, 'root.key');
    const pub = keyFilePaths(dir).service('registry-office', '11').pub;
    const cases: [string[], RegExp][] = [
      [['keys'], /Usage: npm run ops -- keys/],
      [['keys', 'rotate'], /unknown keys subcommand "rotate"/],
      [['keys', 'init'], /--dir is required/],
      [['keys', 'init', '--dir', path.join(tmp, 'x'), '--provinces', '44,99'], /--provinces must be a province code .* not "99"/],
      [
        ['keys', 'generate', '--service', 'registry', '--province', '44', '--out', tmp],
        /--service must be one of receiving-office, registry-office, production-center/,
      ],
      [['keys', 'generate', '--service', 'registry-office', '--out', tmp], /--province is required/],
      [['keys', 'show', '--list', list], /--root-public-key is required/],
      [['keys', 'show', '--list', path.join(tmp, 'none.json'), '--root-public-key', pub], /--list .*none\.json: cannot read it \(ENOENT\)/],
      [['keys', 'show', '--list', list, '--root-public-key', rootKey], /this is a private key; give the public key/],
      [['keys', 'show', '--list', list, '--root-public-key', pub, '--colour'], /Unknown option '--colour'/],
      [
        [
          'keys',
          'add',
          '--list',
          list,
          '--root-key',
          rootKey,
          '--public-key',
          pub,
          '--service',
          'registry-office',
          '--province',
          '11',
          '--valid-until',
          '2030-01-01',
        ],
        /--valid-until must be an ISO 8601 instant with an offset/,
      ],
      [
        ['keys', 'add', '--list', list, '--root-key', pub, '--public-key', pub, '--service', 'registry-office', '--province', '11'],
        /--root-key .*: not a private key in PEM/,
      ],
      [
        [
          'keys',
          'add',
          '--list',
          list,
          '--root-key',
          rootKey,
          '--public-key',
          pub,
          '--service',
          'registry-office',
          '--province',
          '11',
          '--next-update-by',
          '2020-01-01T00:00:00Z',
        ],
        /--next-update-by 2020-01-01T00:00:00.000Z is not after now/,
      ],
      [['keys', 'remove', '--list', list, '--root-key', rootKey, '--key-id', 'nobody-44-0000'], /--key-id: no key nobody-44-0000 in/],
    ];
    const before = fs.readFileSync(list, 'utf8');
    for (const [argv, message] of cases) {
      const r = await ops(argv);
      expect({ argv, code: r.code }).toEqual({ argv, code: 2 });
      expect(r.err).toMatch(message);
    }
    expect(fs.readFileSync(list, 'utf8')).toBe(before);
    expect((await ops(['keys', 'show', '--help'])).out).toContain('keys add --list FILE --root-key FILE');
  });
});
