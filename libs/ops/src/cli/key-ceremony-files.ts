import * as fs from 'node:fs';
import * as path from 'node:path';
import { createPrivateKey, KeyObject, randomBytes } from 'node:crypto';
import { isProvinceCode, isServiceName, PROVINCE_CODES, ProvinceCode, SERVICE_NAMES, ServiceName } from '@idcard/contracts';
import {
  MalformedTrustList,
  nextTrustList,
  parseAndVerifyTrustList,
  publicKeyOf,
  serializeTrustList,
  SignedTrustList,
  signTrustList,
  TrustList,
  TrustListError,
} from '@idcard/trust';
import { CommandFailure, readOptionFile, UsageError } from './command-io';

/** What the key ceremony commands share: reading key and list files, and replacing a list file in one step. */

export function serviceOption(value: string | undefined, option = '--service'): ServiceName {
  if (value === undefined) throw new UsageError(`${option} is required: one of ${SERVICE_NAMES.join(', ')}`);
  if (!isServiceName(value)) throw new UsageError(`${option} must be one of ${SERVICE_NAMES.join(', ')}, not ${JSON.stringify(value)}`);
  return value;
}

export function provinceOption(value: string | undefined, option = '--province'): ProvinceCode {
  if (value === undefined) throw new UsageError(`${option} is required: a two-digit province code (11 Beijing … 65 Xinjiang)`);
  if (!isProvinceCode(value)) throw new UsageError(`${option} must be a province code (one of ${PROVINCE_CODES.join(',')}), not ${JSON.stringify(value)}`);
  return value;
}

/** An Ed25519 private key in PKCS#8 PEM (root.key, or a service's .key). */
export function readPrivateKeyFile(file: string, option: string): KeyObject {
  const text = readOptionFile(file, option);
  let key: KeyObject;
  try {
    key = createPrivateKey(text);
  } catch {
    throw new UsageError(`${option} ${file}: not a private key in PEM (PKCS#8)`);
  }
  if (key.asymmetricKeyType !== 'ed25519') throw new UsageError(`${option} ${file}: an Ed25519 key is needed, not ${key.asymmetricKeyType}`);
  return key;
}

/** An Ed25519 public key in SPKI PEM; a private key here is refused (it has no business being handed around). */
export function readPublicKeyFile(file: string, option: string): KeyObject {
  const text = readOptionFile(file, option);
  if (text.includes('PRIVATE KEY')) throw new UsageError(`${option} ${file}: this is a private key; give the public key (.pub) file`);
  try {
    return publicKeyOf(text.trim());
  } catch (err) {
    throw new UsageError(`${option} ${file}: not an Ed25519 public key in PEM (${(err as Error).message})`);
  }
}

/** The list file, verified against the root; a list that does not verify is a failure (exit 1) that says why. */
export function readVerifiedList(file: string, rootPublicKey: KeyObject, option = '--list'): { text: string; list: TrustList } {
  const text = readOptionFile(file, option);
  try {
    return { text, list: parseAndVerifyTrustList(text, rootPublicKey) };
  } catch (err) {
    if (err instanceof TrustListError) throw new CommandFailure(`${file} does not verify (${err.code}): ${err.message}`);
    throw err;
  }
}

/**
 * Replaces the list file with `signed`: written to a temporary file beside it and renamed over it, so a service
 * reloading the list reads the old one or the new one, never half of either. Refuses if the file changed since it
 * was read (another ceremony ran meanwhile: its list would be lost).
 */
export function replaceListFile(file: string, readText: string, signed: SignedTrustList): void {
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
  let mode = 0o644;
  try {
    mode = fs.statSync(file).mode & 0o777;
  } catch {
    // keep the default
  }
  const fd = fs.openSync(temp, 'wx', mode);
  try {
    fs.writeFileSync(fd, serializeTrustList(signed));
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  try {
    if (fs.readFileSync(file, 'utf8') !== readText) throw new CommandFailure(`${file} changed while this command ran: nothing written; run it again`);
    fs.renameSync(temp, file);
  } finally {
    fs.rmSync(temp, { force: true });
  }
}

/** "version 3, 94 keys, issued …, next update by …" */
export function listSummary(list: TrustList): string {
  return `version ${list.version}, ${list.keys.length} key${list.keys.length === 1 ? '' : 's'}, issued ${list.issuedAt.toISOString()}, next update by ${list.nextUpdateBy.toISOString()}`;
}

/**
 * Signs the next version of `current` with the root key and replaces the list file with it. The new list's "next
 * update by" is the one given, else as far from now as the current list's was from its issue.
 */
export function issueNextList(o: {
  file: string;
  text: string;
  current: TrustList;
  rootPrivateKey: KeyObject;
  now: Date;
  nextUpdateBy?: Date;
  add?: Parameters<typeof nextTrustList>[1]['add'];
  remove?: string[];
}): TrustList {
  const period = o.current.nextUpdateBy.getTime() - o.current.issuedAt.getTime();
  const nextUpdateBy = o.nextUpdateBy ?? new Date(o.now.getTime() + period);
  if (nextUpdateBy.getTime() <= o.now.getTime())
    throw new UsageError(`--next-update-by ${nextUpdateBy.toISOString()} is not after now (${o.now.toISOString()})`);
  let doc;
  try {
    doc = nextTrustList(o.current.document, { issuedAt: o.now, nextUpdateBy, add: o.add, remove: o.remove });
  } catch (err) {
    if (err instanceof MalformedTrustList) throw new UsageError(`the new list would be malformed: ${err.problems.join('; ')}`);
    throw err;
  }
  const signed = signTrustList(doc, o.rootPrivateKey);
  replaceListFile(o.file, o.text, signed);
  return parseAndVerifyTrustList(serializeTrustList(signed), publicKeyOf(o.rootPrivateKey));
}

/** The list file and the root private key of a change (add, remove): the list must verify with that root. */
export function readListForChange(listFile: string, rootKeyFile: string): { text: string; current: TrustList; rootPrivateKey: KeyObject } {
  const rootPrivateKey = readPrivateKeyFile(rootKeyFile, '--root-key');
  const { text, list } = readVerifiedList(listFile, publicKeyOf(rootPrivateKey));
  return { text, current: list, rootPrivateKey };
}
