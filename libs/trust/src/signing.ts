import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, KeyObject, sign, verify } from 'node:crypto';
import { MESSAGE_HEADERS } from '@idcard/contracts';

/**
 * Message signatures: Ed25519 from node:crypto over (topic, key, value), nothing home-made.
 *
 * Signature and key id travel in Kafka headers, not in the envelope: the value stays exactly the bytes that were
 * signed (the outbox stores them, a resend after a crash is byte-identical, a dead letter keeps the proof), and
 * nothing has to canonicalise the envelope's JSON, whose key order and spacing JSON never promised. A header lost on
 * the way fails verification, which is the safe direction.
 */
export const SIGNATURE_HEADERS = {
  /** Ed25519 signature of signedBytes(topic, key, value), base64 (88 characters). */
  signature: MESSAGE_HEADERS.signature,
  /** The trust list's id of the key that signed. */
  keyId: MESSAGE_HEADERS.keyId,
} as const;

/**
 * Domain separation: the same service key signing anything else (a log checkpoint, a future format) can never
 * produce bytes that read as a message of this format. A new format is a new prefix, verified side by side.
 */
export const MESSAGE_SIGNATURE_DOMAIN = 'idcard-message-v1';

/** What a signature covers: the topic it was sent to, its Kafka key and its value, as bytes or UTF-8 text. */
export interface SignedContent {
  topic: string;
  /** The Kafka key; null for a message without one (distinct from an empty key). */
  key: string | Uint8Array | null;
  /** The value; null only for a tombstone, which no service sends, but then it is signed as absent, not as empty. */
  value: string | Uint8Array | null;
}

export interface MessageSignature {
  keyId: string;
  /** base64 */
  signature: string;
}

/** A key as callers hold one: a KeyObject, or PEM text (PKCS#8 for private, SPKI for public keys). */
export type PrivateKeyInput = KeyObject | string;
export type PublicKeyInput = KeyObject | string;

/** Length of an absent field, as Kafka encodes a null key: no real field is 4 GiB long. */
const ABSENT = 0xffffffff;

function bytes(field: string | Uint8Array): Buffer {
  return typeof field === 'string' ? Buffer.from(field, 'utf8') : Buffer.from(field.buffer, field.byteOffset, field.byteLength);
}

/**
 * An unambiguous encoding of fields: each is a 4-byte big-endian length and its bytes (ABSENT and nothing for null),
 * so no choice of topic, key or value can shift a boundary and make two different messages sign alike.
 */
export function lengthPrefixed(fields: readonly (string | Uint8Array | null)[]): Buffer {
  const parts: Buffer[] = [];
  for (const field of fields) {
    const length = Buffer.alloc(4);
    if (field === null) {
      length.writeUInt32BE(ABSENT);
      parts.push(length);
      continue;
    }
    const b = bytes(field);
    if (b.length >= ABSENT) throw new RangeError('a signed field must be shorter than 4 GiB');
    length.writeUInt32BE(b.length);
    parts.push(length, b);
  }
  return Buffer.concat(parts);
}

/** The bytes a message signature is over: domain, topic, key, value. */
export function signedBytes(m: SignedContent): Buffer {
  return lengthPrefixed([MESSAGE_SIGNATURE_DOMAIN, m.topic, m.key, m.value]);
}

function privateKeyOf(key: PrivateKeyInput): KeyObject {
  const k = typeof key === 'string' ? createPrivateKey(key) : key;
  if (k.type !== 'private' || k.asymmetricKeyType !== 'ed25519')
    throw new TypeError(`an Ed25519 private key is needed, not a ${k.asymmetricKeyType} ${k.type} key`);
  return k;
}

/** An Ed25519 public key from a KeyObject, SPKI PEM or base64 SPKI DER (the trust list accepts either text form). */
export function publicKeyOf(key: PublicKeyInput): KeyObject {
  let k: KeyObject;
  if (typeof key !== 'string') k = key.type === 'private' ? createPublicKey(key) : key;
  else if (key.includes('-----BEGIN')) k = createPublicKey(key);
  else k = createPublicKey({ key: Buffer.from(key, 'base64'), format: 'der', type: 'spki' });
  if (k.type !== 'public' || k.asymmetricKeyType !== 'ed25519')
    throw new TypeError(`an Ed25519 public key is needed, not a ${k.asymmetricKeyType} ${k.type} key`);
  return k;
}

/** SPKI PEM: the form keys are written to files and the trust list in. */
export function publicKeyPem(key: PublicKeyInput): string {
  return publicKeyOf(key).export({ format: 'pem', type: 'spki' }).toString();
}

/** PKCS#8 PEM of a private key, for its 0600 file. */
export function privateKeyPem(key: PrivateKeyInput): string {
  return privateKeyOf(key).export({ format: 'pem', type: 'pkcs8' }).toString();
}

/** First 16 hex digits of sha256 over the SPKI DER: names a key without trusting anyone's label for it. */
export function keyFingerprint(key: PublicKeyInput): string {
  const der = publicKeyOf(key).export({ format: 'der', type: 'spki' });
  return createHash('sha256').update(der).digest('hex').slice(0, 16);
}

export function generateSigningKeyPair(): { privateKey: KeyObject; publicKey: KeyObject } {
  return generateKeyPairSync('ed25519');
}

/** Ed25519 over arbitrary bytes (the caller supplies its own domain prefix): for the trust list and log checkpoints. */
export function signBytes(data: Uint8Array, privateKey: PrivateKeyInput): string {
  return sign(null, data, privateKeyOf(privateKey)).toString('base64');
}

/** False, never a throw, for a malformed signature or key: a receiver turns any failure into one reason. */
export function verifyBytes(data: Uint8Array, signatureBase64: string, publicKey: PublicKeyInput): boolean {
  try {
    const signature = Buffer.from(signatureBase64, 'base64');
    // Buffer.from drops what is not base64; a signature that does not round-trip was not ours.
    if (signature.length !== 64 || signature.toString('base64') !== signatureBase64) return false;
    return verify(null, data, publicKeyOf(publicKey), signature);
  } catch {
    return false;
  }
}

/** Signs a message as it will travel; put the result in the SIGNATURE_HEADERS and store it with the outbox row. */
export function signMessage(m: SignedContent, privateKey: PrivateKeyInput, keyId: string): MessageSignature {
  return { keyId, signature: signBytes(signedBytes(m), privateKey) };
}

/** True only if `signature` is `publicKey`'s over exactly this topic, key and value. */
export function verifySignature(m: SignedContent, signature: string, publicKey: PublicKeyInput): boolean {
  return verifyBytes(signedBytes(m), signature, publicKey);
}

/** Headers to add to the outgoing Kafka message. */
export function signatureHeaders(s: MessageSignature): Record<string, string> {
  return { [SIGNATURE_HEADERS.signature]: s.signature, [SIGNATURE_HEADERS.keyId]: s.keyId };
}

/** A Kafka message's headers as kafkajs hands them over (IHeaders), without depending on kafkajs. */
export type MessageHeaders = Record<string, Buffer | string | (Buffer | string)[] | undefined>;

/** The one value of a header as text; null when it is missing or repeated (two signatures are no signature). */
export function headerText(headers: MessageHeaders | undefined, name: string): string | null {
  const v = headers?.[name];
  if (v === undefined) return null;
  if (Array.isArray(v)) return v.length === 1 ? v[0].toString() : null;
  return v.toString();
}

/** The signature and key id carried in the headers; each null when missing or repeated. */
export function signatureFromHeaders(headers: MessageHeaders | undefined): { keyId: string | null; signature: string | null } {
  return { keyId: headerText(headers, SIGNATURE_HEADERS.keyId), signature: headerText(headers, SIGNATURE_HEADERS.signature) };
}
