import * as fs from 'node:fs';
import * as path from 'node:path';
import { createPrivateKey, KeyObject, randomBytes } from 'node:crypto';
import { PROVINCE_CODES, ProvinceCode, SERVICE_NAMES, ServiceName } from '@idcard/contracts';
import { generateSigningKeyPair, keyFingerprint, privateKeyPem, publicKeyOf, publicKeyPem } from './signing';
import { createTrustList, parseAndVerifyTrustList, rootKeyIdOf, serializeTrustList, signTrustList, SignedTrustList, TrustList } from './trust-list';

/**
 * Keys and the trust list on disk, for `npm start`, the demo and the tests (generated on first run) and for a key
 * ceremony by hand. Layout of a key directory:
 *
 *   <dir>/root.key                            national root private key, PKCS#8 PEM, mode 0600
 *   <dir>/root.pub                            national root public key, SPKI PEM: what every service trusts
 *   <dir>/services/<service>-<province>.key   a service's private key, PKCS#8 PEM, mode 0600
 *   <dir>/services/<service>-<province>.pub   its public key, SPKI PEM: what the trust list carries
 *   <dir>/trust-list.json                     the signed trust list (trust-list.ts)
 *
 * In a real deployment root.key never sits beside the services' keys: it is kept offline and only the list and
 * root.pub are distributed; this layout is the development one, where one machine plays every province.
 *
 * Nothing here overwrites a key. A first run builds the whole directory beside its destination and renames it into
 * place in one step, so an interrupted run leaves nothing half-made, and services racing to start converge on the
 * one directory that won the rename.
 */

export interface ServiceAddress {
  service: ServiceName;
  province: ProvinceCode;
}

/** Every (province, service) there is: 31 × 3 = 93. */
export function allServices(): ServiceAddress[] {
  return PROVINCE_CODES.flatMap((province) => SERVICE_NAMES.map((service) => ({ service, province })));
}

export interface KeyGeneration {
  services: readonly ServiceAddress[];
  /** The clock: keys are valid from now, the list issued now. */
  now: Date;
  /** How long service keys are valid; 2 years by default (a development default: rotate sooner in earnest). */
  keyValidityMs?: number;
  /** When the list must be replaced; 1 year by default for development, hours or days in a real deployment. */
  listValidityMs?: number;
}

const DAY_MS = 24 * 3600 * 1000;
export const DEFAULT_KEY_VALIDITY_MS = 2 * 365 * DAY_MS;
export const DEFAULT_LIST_VALIDITY_MS = 365 * DAY_MS;

/** Where each file of a key directory is. */
export function keyFilePaths(dir: string) {
  return {
    rootKey: path.join(dir, 'root.key'),
    rootPub: path.join(dir, 'root.pub'),
    servicesDir: path.join(dir, 'services'),
    trustList: path.join(dir, 'trust-list.json'),
    service: (service: ServiceName, province: ProvinceCode | string) => ({
      key: path.join(dir, 'services', `${service}-${province}.key`),
      pub: path.join(dir, 'services', `${service}-${province}.pub`),
    }),
  };
}

/** A service key's id: who it is for and its fingerprint, so a glance at a header or a log says whose key signed. */
export function serviceKeyId(service: ServiceName, province: ProvinceCode | string, publicKey: KeyObject | string): string {
  return `${service}-${province}-${keyFingerprint(publicKey)}`;
}

/** The key a service signs with. */
export interface ServiceKey extends ServiceAddress {
  keyId: string;
  privateKey: KeyObject;
  publicKey: KeyObject;
}

/** A key directory as read back: the trusted root and the verified list (its staleness is the caller's to judge). */
export interface KeyFiles {
  dir: string;
  rootPublicKey: KeyObject;
  rootKeyId: string;
  trustList: TrustList;
}

/** Something is in the key directory, but not a complete one with what was asked for: a person has to look. */
export class KeyDirectoryProblem extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'KeyDirectoryProblem';
  }
}

/** Creates a file that must not exist; private keys get 0600 whatever the umask allows. */
function writeNew(file: string, text: string, mode: number): void {
  fs.writeFileSync(file, text, { flag: 'wx', mode });
  fs.chmodSync(file, mode);
}

function isEmptyOrAbsent(dir: string): boolean {
  try {
    return fs.readdirSync(dir).length === 0;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return true;
    throw err;
  }
}

function writeDirectory(dir: string, g: KeyGeneration): void {
  const files = keyFilePaths(dir);
  fs.mkdirSync(files.servicesDir, { recursive: true, mode: 0o700 });
  const root = generateSigningKeyPair();
  writeNew(files.rootKey, privateKeyPem(root.privateKey), 0o600);
  writeNew(files.rootPub, publicKeyPem(root.publicKey), 0o644);
  const validUntil = new Date(g.now.getTime() + (g.keyValidityMs ?? DEFAULT_KEY_VALIDITY_MS));
  const keys = g.services.map(({ service, province }) => {
    const pair = generateSigningKeyPair();
    const f = files.service(service, province);
    writeNew(f.key, privateKeyPem(pair.privateKey), 0o600);
    writeNew(f.pub, publicKeyPem(pair.publicKey), 0o644);
    return { keyId: serviceKeyId(service, province, pair.publicKey), service, province, publicKey: pair.publicKey, validFrom: g.now, validUntil };
  });
  const nextUpdateBy = new Date(g.now.getTime() + (g.listValidityMs ?? DEFAULT_LIST_VALIDITY_MS));
  const doc = createTrustList({ version: 1, issuedAt: g.now, nextUpdateBy, keys });
  writeNew(files.trustList, serializeTrustList(signTrustList(doc, root.privateKey)), 0o644);
}

/**
 * Generates a root key, a key per service asked for and the list signing them all, into `dir`, which must be absent
 * or empty. Throws KeyDirectoryProblem if it is not, or if another process got there first.
 */
export function generateKeyFiles(dir: string, g: KeyGeneration): KeyFiles {
  if (!isEmptyOrAbsent(dir)) throw new KeyDirectoryProblem(`${dir} is not empty: refusing to generate keys over what is there`);
  const staging = `${dir.replace(/[/\\]+$/, '')}.partial-${process.pid}-${randomBytes(4).toString('hex')}`;
  fs.mkdirSync(path.dirname(staging), { recursive: true });
  try {
    fs.mkdirSync(staging, { mode: 0o700 });
    writeDirectory(staging, g);
    // rename(2) replaces an absent or empty directory in one step, and fails if someone else's is already there.
    fs.renameSync(staging, dir);
  } catch (err) {
    fs.rmSync(staging, { recursive: true, force: true });
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOTEMPTY' || code === 'EEXIST') throw new KeyDirectoryProblem(`${dir} was filled by another process while keys were generated`);
    throw err;
  }
  return readKeyFiles(dir);
}

/**
 * First run: generates everything. Later runs: reads the directory back and checks it has a key and a list entry
 * for every service asked for; throws KeyDirectoryProblem if not (a key ceremony adds keys, this never does).
 */
export function ensureKeyFiles(dir: string, g: KeyGeneration): { created: boolean; files: KeyFiles } {
  const files = keyFilePaths(dir);
  if (!fs.existsSync(files.trustList)) {
    if (!isEmptyOrAbsent(dir)) throw new KeyDirectoryProblem(`${dir} has files but no trust-list.json: not a key directory, or a broken one`);
    try {
      return { created: true, files: generateKeyFiles(dir, g) };
    } catch (err) {
      // Another service's first run won the race: use its directory.
      if (!(err instanceof KeyDirectoryProblem) || !fs.existsSync(files.trustList)) throw err;
    }
    return { created: false, files: readKeyFiles(dir) };
  }
  const read = readKeyFiles(dir);
  const missing: string[] = [];
  for (const { service, province } of g.services) {
    const key = fs.existsSync(files.service(service, province).key) ? readServiceKey(dir, service, province) : null;
    if (!key) missing.push(`${service}-${province}: no key file`);
    else if (!read.trustList.entry(key.keyId)) missing.push(`${service}-${province}: key ${key.keyId} not in trust list version ${read.trustList.version}`);
  }
  if (missing.length) throw new KeyDirectoryProblem(`${dir} lacks what was asked for (${missing.join('; ')}); add keys with a key ceremony`);
  return { created: false, files: read };
}

/** The root public key and the list, verified against it (throws a TrustListError if it does not verify). */
export function readKeyFiles(dir: string): KeyFiles {
  const files = keyFilePaths(dir);
  const rootPublicKey = publicKeyOf(fs.readFileSync(files.rootPub, 'utf8'));
  const trustList = parseAndVerifyTrustList(fs.readFileSync(files.trustList, 'utf8'), rootPublicKey);
  return { dir, rootPublicKey, rootKeyId: rootKeyIdOf(rootPublicKey), trustList };
}

/** A service's signing key; its id is derived from the key, so file and list cannot disagree unnoticed. */
export function readServiceKey(dir: string, service: ServiceName, province: ProvinceCode): ServiceKey {
  const privateKey = createPrivateKey(fs.readFileSync(keyFilePaths(dir).service(service, province).key, 'utf8'));
  const publicKey = publicKeyOf(privateKey);
  return { service, province, keyId: serviceKeyId(service, province, publicKey), privateKey, publicKey };
}

/** The root private key, for signing a new list (development layout; offline in a real deployment). */
export function readRootPrivateKey(dir: string): KeyObject {
  return createPrivateKey(fs.readFileSync(keyFilePaths(dir).rootKey, 'utf8'));
}

/**
 * Publishes a newer list in place of the current one (a key ceremony's last step): it must verify against this
 * directory's root and have a higher version. Written beside and renamed, so a reader sees the old list or the new.
 */
export function writeTrustList(dir: string, signed: SignedTrustList): TrustList {
  const files = keyFilePaths(dir);
  const current = readKeyFiles(dir);
  const text = serializeTrustList(signed);
  const next = parseAndVerifyTrustList(text, current.rootPublicKey);
  if (!next.isNewerThan(current.trustList)) throw new RangeError(`trust list version ${next.version} is not newer than ${current.trustList.version}`);
  const staging = `${files.trustList}.${process.pid}-${randomBytes(4).toString('hex')}`;
  fs.writeFileSync(staging, text, { flag: 'wx', mode: 0o644 });
  fs.renameSync(staging, files.trustList);
  return next;
}
