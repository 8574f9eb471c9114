import { KeyObject } from 'node:crypto';
import { isProvinceCode, isServiceName, isTimestamp, ProvinceCode, ServiceName } from '@idcard/contracts';
import { canonicalJson } from './canonical-json';
import { keyFingerprint, lengthPrefixed, PrivateKeyInput, publicKeyOf, PublicKeyInput, publicKeyPem, signBytes, verifyBytes } from './signing';

/**
 * The national trust list (X-Road's "global configuration"): every service key with its owner and validity, signed by
 * the national root key, with the time it was issued and the time by which a newer one must be in hand.
 *
 * The root signs the canonical JSON of the document (sorted keys, no whitespace: canonical-json.ts), not the file's
 * bytes. The file stays plain, readable, diffable JSON that an operator can pretty-print or re-save without breaking
 * it, and what is verified is exactly the parsed value that is then used: no second parse of differently-read bytes.
 * (Signing the file bytes would mean carrying the document as an opaque base64 string, unreadable in review.)
 */

/** One service key, as the document carries it: text only. */
export interface TrustListKey {
  /** Unique in the list; what a message's x-key-id header names. */
  keyId: string;
  province: ProvinceCode;
  service: ServiceName;
  /** SPKI PEM, or base64 SPKI DER. */
  publicKey: string;
  /** ISO 8601 instants; valid from validFrom inclusive to validUntil exclusive. */
  validFrom: string;
  validUntil: string;
}

export interface TrustListDocument {
  /** Grows by one with each list issued: a reloader refuses to go back to an older list (that may still hold a revoked key). */
  version: number;
  issuedAt: string;
  /** From this instant the list is stale and receivers refuse messages until a newer one arrives. */
  nextUpdateBy: string;
  keys: TrustListKey[];
}

/** The file: the document, the root's signature over it (base64) and which root key signed. */
export interface SignedTrustList {
  document: TrustListDocument;
  signature: string;
  rootKeyId: string;
}

/** Separates what the root signs from anything else a root key might sign. */
export const TRUST_LIST_SIGNATURE_DOMAIN = 'idcard-trust-list-v1';

export type TrustListErrorCode = 'malformed' | 'bad-signature' | 'wrong-root';

/** Why a trust list was refused; `code` is bounded, for a metric label or a start-up message. */
export class TrustListError extends Error {
  constructor(
    readonly code: TrustListErrorCode,
    message: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** Not JSON, not the shape of a signed list, or a field that fails validation (every problem is listed). */
export class MalformedTrustList extends TrustListError {
  constructor(readonly problems: readonly string[]) {
    super('malformed', `malformed trust list: ${problems.join('; ')}`);
  }
}

/** Names a root key we hold, but the signature is not that key's over this document: altered, or forged. */
export class TrustListSignatureInvalid extends TrustListError {
  constructor(rootKeyId: string) {
    super('bad-signature', `the trust list's signature does not verify with root key ${rootKeyId}: the list was altered or not signed by it`);
  }
}

/** Signed by a root key we do not hold: another deployment's list, or a root we have not been given yet. */
export class UnknownTrustListRoot extends TrustListError {
  constructor(rootKeyId: string, known: readonly string[]) {
    super('wrong-root', `the trust list is signed by root key ${JSON.stringify(rootKeyId)}; this service trusts ${known.join(', ') || 'no root'}`);
  }
}

/** A root key's id: derived from the key itself, so a list cannot claim a root it was not signed by. */
export function rootKeyIdOf(rootKey: PublicKeyInput | PrivateKeyInput): string {
  return `root-${keyFingerprint(rootKey)}`;
}

/** A key of the list, parsed once: the public key as a KeyObject, times as Dates. */
export interface TrustedKey {
  keyId: string;
  province: ProvinceCode;
  service: ServiceName;
  publicKey: KeyObject;
  validFrom: Date;
  validUntil: Date;
}

/** A verified trust list, for lookups on every message received. */
export class TrustList {
  readonly version: number;
  readonly issuedAt: Date;
  readonly nextUpdateBy: Date;
  private readonly byId: ReadonlyMap<string, TrustedKey>;

  /** Use parseAndVerifyTrustList; this trusts `document` to be validated already. */
  constructor(
    readonly document: TrustListDocument,
    readonly rootKeyId: string,
  ) {
    this.version = document.version;
    this.issuedAt = new Date(document.issuedAt);
    this.nextUpdateBy = new Date(document.nextUpdateBy);
    this.byId = new Map(
      document.keys.map((k) => [k.keyId, { ...k, publicKey: publicKeyOf(k.publicKey), validFrom: new Date(k.validFrom), validUntil: new Date(k.validUntil) }]),
    );
  }

  get keys(): TrustedKey[] {
    return [...this.byId.values()];
  }

  /** The key by id whatever its validity: to tell an unknown key from an expired one. */
  entry(keyId: string): TrustedKey | undefined {
    return this.byId.get(keyId);
  }

  /** The key if the list has it and it is valid at `at` (validFrom ≤ at < validUntil); null otherwise. */
  keyFor(keyId: string, at: Date): TrustedKey | null {
    const key = this.byId.get(keyId);
    return key && isValidAt(key, at) ? key : null;
  }

  /** A service's keys (two while it rotates), for a sender choosing which to sign with. */
  keysOf(service: ServiceName, province: ProvinceCode | string): TrustedKey[] {
    return this.keys.filter((k) => k.service === service && k.province === province);
  }

  /** From nextUpdateBy on: the list may be missing a revocation, so receivers refuse messages until a newer one is loaded. */
  isStale(now: Date): boolean {
    return now.getTime() >= this.nextUpdateBy.getTime();
  }

  /** A reload takes a list only if it is newer: an older one, replayed, could bring back a revoked key. */
  isNewerThan(other: TrustList): boolean {
    return this.version > other.version;
  }
}

export function isValidAt(key: Pick<TrustedKey, 'validFrom' | 'validUntil'>, at: Date): boolean {
  const t = at.getTime();
  return key.validFrom.getTime() <= t && t < key.validUntil.getTime();
}

const KEY_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,99}$/;
const KEY_FIELDS = ['keyId', 'province', 'service', 'publicKey', 'validFrom', 'validUntil'];
const DOCUMENT_FIELDS = ['version', 'issuedAt', 'nextUpdateBy', 'keys'];
const FILE_FIELDS = ['document', 'signature', 'rootKeyId'];

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Unknown fields are refused, not ignored: a misspelt validUntil must not pass as a key without an end. */
function fieldProblems(where: string, v: Record<string, unknown>, allowed: readonly string[]): string[] {
  const problems = Object.keys(v)
    .filter((k) => !allowed.includes(k))
    .map((k) => `${where}: unknown field ${JSON.stringify(k)}`);
  for (const k of allowed) if (v[k] === undefined) problems.push(`${where}: ${k} is missing`);
  return problems;
}

function timestampProblem(where: string, v: unknown): string | null {
  return isTimestamp(v) ? null : `${where}: ${JSON.stringify(v)} is not an ISO 8601 instant with an offset (e.g. 2026-11-22T08:00:00Z)`;
}

/** Every problem with a document, or none. */
export function trustListProblems(doc: unknown): string[] {
  if (!isRecord(doc)) return ['document: must be an object'];
  const problems = fieldProblems('document', doc, DOCUMENT_FIELDS);
  if (doc.version !== undefined && !(Number.isSafeInteger(doc.version) && (doc.version as number) >= 1)) problems.push('version: must be a whole number ≥ 1');
  for (const f of ['issuedAt', 'nextUpdateBy']) {
    const p = doc[f] === undefined ? null : timestampProblem(f, doc[f]);
    if (p) problems.push(p);
  }
  if (isTimestamp(doc.issuedAt) && isTimestamp(doc.nextUpdateBy) && Date.parse(doc.nextUpdateBy) <= Date.parse(doc.issuedAt)) {
    problems.push('nextUpdateBy: must be after issuedAt');
  }
  if (doc.keys === undefined) return problems;
  if (!Array.isArray(doc.keys)) return [...problems, 'keys: must be an array'];
  const ids = new Map<string, number>();
  const owners = new Map<string, string>();
  for (const [i, k] of (doc.keys as unknown[]).entries()) {
    const where = `keys[${i}]`;
    if (!isRecord(k)) {
      problems.push(`${where}: must be an object`);
      continue;
    }
    problems.push(...fieldProblems(where, k, KEY_FIELDS));
    const id = k.keyId;
    if (id !== undefined && (typeof id !== 'string' || !KEY_ID.test(id))) problems.push(`${where}.keyId: must be 1-100 letters, digits, '.', '_', ':' or '-'`);
    if (typeof id === 'string') {
      if (ids.has(id)) problems.push(`${where}.keyId: ${id} is also keys[${ids.get(id)}]`);
      else ids.set(id, i);
    }
    if (k.province !== undefined && !isProvinceCode(k.province)) problems.push(`${where}.province: ${JSON.stringify(k.province)} is not a province code`);
    if (k.service !== undefined && !isServiceName(k.service)) problems.push(`${where}.service: ${JSON.stringify(k.service)} is not a service`);
    if (k.publicKey !== undefined) {
      try {
        if (typeof k.publicKey !== 'string') throw new TypeError('not text');
        const fingerprint = keyFingerprint(k.publicKey);
        // One key speaking for two services would let either impersonate the other.
        const owner = owners.get(fingerprint);
        if (owner !== undefined) problems.push(`${where}.publicKey: the same key as ${owner}`);
        else owners.set(fingerprint, where);
      } catch {
        problems.push(`${where}.publicKey: must be an Ed25519 public key, SPKI PEM or base64 DER`);
      }
    }
    for (const f of ['validFrom', 'validUntil']) {
      const p = k[f] === undefined ? null : timestampProblem(`${where}.${f}`, k[f]);
      if (p) problems.push(p);
    }
    if (isTimestamp(k.validFrom) && isTimestamp(k.validUntil) && Date.parse(k.validUntil) <= Date.parse(k.validFrom)) {
      problems.push(`${where}.validUntil: must be after validFrom`);
    }
  }
  return problems;
}

function assertDocument(doc: unknown): asserts doc is TrustListDocument {
  const problems = trustListProblems(doc);
  if (problems.length) throw new MalformedTrustList(problems);
}

/** A key to put in a list, as a key ceremony has it: a key object or PEM, and Dates. */
export interface TrustListKeyInput {
  keyId: string;
  province: ProvinceCode;
  service: ServiceName;
  publicKey: PublicKeyInput;
  validFrom: Date;
  validUntil: Date;
}

function keyEntry(k: TrustListKeyInput): TrustListKey {
  return {
    keyId: k.keyId,
    province: k.province,
    service: k.service,
    publicKey: publicKeyPem(k.publicKey),
    validFrom: k.validFrom.toISOString(),
    validUntil: k.validUntil.toISOString(),
  };
}

/** A validated document (throws MalformedTrustList), with times as ISO text and keys as SPKI PEM. */
export function createTrustList(input: { version: number; issuedAt: Date; nextUpdateBy: Date; keys: readonly TrustListKeyInput[] }): TrustListDocument {
  const doc: TrustListDocument = {
    version: input.version,
    issuedAt: input.issuedAt.toISOString(),
    nextUpdateBy: input.nextUpdateBy.toISOString(),
    keys: input.keys.map(keyEntry),
  };
  assertDocument(doc);
  return doc;
}

/**
 * The next list after `doc`: version + 1, new times, keys added (a service's new key, before it signs with it) and
 * removed (the old one, after it stops; or a compromised one, at once).
 */
export function nextTrustList(
  doc: TrustListDocument,
  change: { issuedAt: Date; nextUpdateBy: Date; add?: readonly TrustListKeyInput[]; remove?: readonly string[] },
): TrustListDocument {
  const unknown = (change.remove ?? []).filter((id) => !doc.keys.some((k) => k.keyId === id));
  if (unknown.length) throw new RangeError(`no key ${unknown.join(', ')} in trust list version ${doc.version}`);
  const next: TrustListDocument = {
    version: doc.version + 1,
    issuedAt: change.issuedAt.toISOString(),
    nextUpdateBy: change.nextUpdateBy.toISOString(),
    keys: [...doc.keys.filter((k) => !change.remove?.includes(k.keyId)), ...(change.add ?? []).map(keyEntry)],
  };
  assertDocument(next);
  return next;
}

/**
 * What the root key signs: domain, root key id, canonical JSON of the document. Exported for a root kept in a device
 * that signs bytes handed to it, outside this process.
 */
export function trustListSignedBytes(doc: TrustListDocument, rootKeyId: string): Buffer {
  return lengthPrefixed([TRUST_LIST_SIGNATURE_DOMAIN, rootKeyId, canonicalJson(doc)]);
}

export function signTrustList(doc: TrustListDocument, rootPrivateKey: PrivateKeyInput): SignedTrustList {
  assertDocument(doc);
  const rootKeyId = rootKeyIdOf(rootPrivateKey);
  return { document: doc, signature: signBytes(trustListSignedBytes(doc, rootKeyId), rootPrivateKey), rootKeyId };
}

/** The file's text: indented, for people reading and diffing lists; the signature does not depend on it. */
export function serializeTrustList(signed: SignedTrustList): string {
  return `${JSON.stringify(signed, null, 2)}\n`;
}

/**
 * Parses a trust list file and verifies it against the root key(s) this service trusts (two while the root rotates).
 * Throws MalformedTrustList, UnknownTrustListRoot or TrustListSignatureInvalid (all TrustListError, with a code).
 * Staleness is the caller's to check, with its clock: `list.isStale(now)`.
 */
export function parseAndVerifyTrustList(text: string, rootPublicKey: PublicKeyInput | readonly PublicKeyInput[]): TrustList {
  let file: unknown;
  try {
    file = JSON.parse(text);
  } catch (err) {
    throw new MalformedTrustList([`not JSON: ${(err as Error).message}`]);
  }
  if (!isRecord(file)) throw new MalformedTrustList(['must be an object { document, signature, rootKeyId }']);
  const shape = fieldProblems('trust list', file, FILE_FIELDS);
  if (typeof file.signature !== 'string') shape.push('signature: must be base64 text');
  if (typeof file.rootKeyId !== 'string') shape.push('rootKeyId: must be text');
  if (!isRecord(file.document)) shape.push('document: must be an object');
  if (shape.length) throw new MalformedTrustList(shape);
  const roots = (Array.isArray(rootPublicKey) ? rootPublicKey : [rootPublicKey]) as PublicKeyInput[];
  const rootKeyId = file.rootKeyId as string;
  const root = roots.find((r) => rootKeyIdOf(r) === rootKeyId);
  if (!root) throw new UnknownTrustListRoot(rootKeyId, roots.map(rootKeyIdOf));
  // Signature before field checks: nothing unsigned is worth a detailed complaint, and canonicalJson takes any parsed JSON.
  const doc = file.document as unknown as TrustListDocument;
  if (!verifyBytes(trustListSignedBytes(doc, rootKeyId), file.signature as string, root)) throw new TrustListSignatureInvalid(rootKeyId);
  assertDocument(doc);
  return new TrustList(doc, rootKeyId);
}
