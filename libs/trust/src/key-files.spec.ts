import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  allServices,
  ensureKeyFiles,
  generateKeyFiles,
  KeyDirectoryProblem,
  keyFilePaths,
  readKeyFiles,
  readRootPrivateKey,
  readServiceKey,
  writeTrustList,
} from './key-files';
import { signMessage, verifySignature } from './signing';
import { nextTrustList, signTrustList } from './trust-list';

describe('key files', () => {
  const now = new Date('2026-11-22T08:00:00Z');
  const services = [
    { service: 'registry-office', province: '44' },
    { service: 'receiving-office', province: '11' },
  ] as const;
  let base: string;
  beforeEach(() => (base = fs.mkdtempSync(path.join(os.tmpdir(), 'idcard-keys-'))));
  afterEach(() => fs.rmSync(base, { recursive: true, force: true }));

  it('generates a root, a key per service and the signed list, private keys readable by the owner only', () => {
    const dir = path.join(base, 'keys');
    const { created, files } = ensureKeyFiles(dir, { services, now });
    expect(created).toBe(true);
    const paths = keyFilePaths(dir);
    expect(fs.statSync(paths.rootKey).mode & 0o777).toBe(0o600);
    expect(fs.statSync(paths.service('registry-office', '44').key).mode & 0o777).toBe(0o600);
    expect(fs.readFileSync(paths.service('registry-office', '44').pub, 'utf8')).toMatch(/^-----BEGIN PUBLIC KEY-----/);
    expect(fs.readdirSync(base)).toEqual(['keys']); // no staging directory left behind
    expect(files.trustList.keys).toHaveLength(2);
    expect(files.trustList.isStale(now)).toBe(false);
    expect(files.trustList.issuedAt).toEqual(now);
  });

  it('reads back a service key whose id the list knows, and whose signatures the list verifies', () => {
    const dir = path.join(base, 'keys');
    generateKeyFiles(dir, { services, now });
    const key = readServiceKey(dir, 'registry-office', '44');
    expect(key.keyId).toMatch(/^registry-office-44-[0-9a-f]{16}$/);
    const listed = readKeyFiles(dir).trustList.keyFor(key.keyId, now);
    expect(listed).toMatchObject({ service: 'registry-office', province: '44' });
    const m = { topic: 't', key: 'k', value: 'v' };
    expect(verifySignature(m, signMessage(m, key.privateKey, key.keyId).signature, listed!.publicKey)).toBe(true);
  });

  it('never overwrites: a second run reads what the first made', () => {
    const dir = path.join(base, 'keys');
    const first = ensureKeyFiles(dir, { services, now });
    const rootBefore = fs.readFileSync(keyFilePaths(dir).rootKey, 'utf8');
    const second = ensureKeyFiles(dir, { services: services.slice(0, 1), now: new Date('2027-01-01T00:00:00Z') });
    expect(second.created).toBe(false);
    expect(second.files.rootKeyId).toBe(first.files.rootKeyId);
    expect(fs.readFileSync(keyFilePaths(dir).rootKey, 'utf8')).toBe(rootBefore);
    expect(() => generateKeyFiles(dir, { services, now })).toThrow(KeyDirectoryProblem);
  });

  it('refuses a directory lacking a service asked for, or holding something else', () => {
    const dir = path.join(base, 'keys');
    ensureKeyFiles(dir, { services, now });
    expect(() => ensureKeyFiles(dir, { services: [...services, { service: 'production-center', province: '44' }], now })).toThrow(
      /production-center-44: no key file/,
    );
    const other = path.join(base, 'other');
    fs.mkdirSync(other);
    fs.writeFileSync(path.join(other, 'notes.txt'), 'mine');
    expect(() => ensureKeyFiles(other, { services, now })).toThrow(/no trust-list.json/);
  });

  it('generates into an existing empty directory, such as a mounted volume', () => {
    const dir = path.join(base, 'empty');
    fs.mkdirSync(dir);
    expect(ensureKeyFiles(dir, { services, now }).created).toBe(true);
  });

  it('publishes a newer list in place, and only a newer one signed by the root', () => {
    const dir = path.join(base, 'keys');
    const { files } = ensureKeyFiles(dir, { services, now });
    const later = new Date('2027-06-01T00:00:00Z');
    const doc = nextTrustList(files.trustList.document, { issuedAt: later, nextUpdateBy: new Date('2028-06-01T00:00:00Z') });
    expect(writeTrustList(dir, signTrustList(doc, readRootPrivateKey(dir))).version).toBe(2);
    expect(readKeyFiles(dir).trustList.isStale(new Date('2027-12-01T00:00:00Z'))).toBe(false);
    expect(() => writeTrustList(dir, signTrustList(doc, readRootPrivateKey(dir)))).toThrow(/not newer/);
  });

  it('covers all 93 province services', () => {
    const dir = path.join(base, 'all');
    const { files } = ensureKeyFiles(dir, { services: allServices(), now });
    expect(files.trustList.keys).toHaveLength(93);
    expect(fs.readdirSync(keyFilePaths(dir).servicesDir)).toHaveLength(186);
  });
});
