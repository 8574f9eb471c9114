import { ACCESS_RULES, AccessRule, isAllowed } from '@idcard/contracts';
import { MessageHeaders, signatureFromHeaders, verifySignature } from './signing';
import { isValidAt, TrustedKey, TrustList } from './trust-list';

/**
 * The whole check a receiver makes before applying a message (issue 10, point 3), as one pure function: the
 * transport calls it after decoding the envelope and before its transaction, and dead-letters on failure.
 */

/** Why a message was refused: a bounded set, for the dead-letter reason header and the metric label. */
export const VERIFICATION_FAILURES = ['signature', 'unknown-key', 'expired-key', 'not-allowed', 'stale-trust-list', 'clock-skew'] as const;
export type VerificationFailure = (typeof VERIFICATION_FAILURES)[number];

/** A message as received: what travelled, and the fields of its decoded envelope that the checks read. */
export interface ReceivedMessage {
  topic: string;
  /** The Kafka key and value exactly as received (Buffers from kafkajs). */
  key: string | Uint8Array | null;
  value: string | Uint8Array | null;
  headers: MessageHeaders | undefined;
  envelope: {
    source: { province: string; service: string };
    type: string;
    occurredAt: string;
    payload: unknown;
  };
}

/** How far occurredAt may lie from the receiver's clock each way: a little ahead (clocks), more behind (delivery delay). */
export interface SkewWindow {
  pastMs: number;
  futureMs: number;
}

export interface VerificationPolicy {
  trustList: TrustList;
  /** The receiver's clock, read once for the message. */
  now: Date;
  /** A number for the same bound both ways. Behind must cover the longest backlog a consumer may catch up on. */
  allowedSkew: number | SkewWindow;
  /** The access-rights table; the one in libs/contracts unless a test gives another. */
  accessRules?: readonly AccessRule[];
}

export type Verification =
  /** The key that signed: its service and province are the verified sender. */
  | { ok: true; key: TrustedKey }
  /** `detail` is for the log: key ids, topic, type and times only, never the Kafka key (a citizen's ID number) or payload. */
  | { ok: false; reason: VerificationFailure; detail: string };

function refuse(reason: VerificationFailure, detail: string): Verification {
  return { ok: false, reason, detail };
}

function windowOf(skew: number | SkewWindow): SkewWindow {
  return typeof skew === 'number' ? { pastMs: skew, futureMs: skew } : skew;
}

/**
 * Checks, in this order, and stops at the first failure:
 * 1. the trust list is not stale (a stale list may lack a revocation, so nothing is believed);
 * 2. the key id in the headers is in the list;
 * 3. that key is valid at the message's occurredAt (not yet valid counts as expired-key too);
 * 4. the key belongs to the province and service the envelope names as its source — else `not-allowed`: the key is
 *    genuine but may not speak for that sender;
 * 5. the signature is the key's over (topic, key, value);
 * 6. the access-rights table lets that sender send this type to this topic;
 * 7. occurredAt is within the window around the receiver's clock (an unreadable occurredAt fails here too).
 */
export function verifyMessage(m: ReceivedMessage, policy: VerificationPolicy): Verification {
  const { trustList, now } = policy;
  const { source, type, occurredAt, payload } = m.envelope;
  if (trustList.isStale(now)) {
    return refuse('stale-trust-list', `trust list version ${trustList.version} needed replacing by ${trustList.nextUpdateBy.toISOString()}`);
  }
  const { keyId, signature } = signatureFromHeaders(m.headers);
  if (keyId === null) return refuse('unknown-key', 'no key id header: the message is not signed');
  const key = trustList.entry(keyId);
  if (!key) return refuse('unknown-key', `key ${JSON.stringify(keyId)} is not in trust list version ${trustList.version}`);
  const at = new Date(occurredAt);
  if (Number.isNaN(at.getTime())) return refuse('clock-skew', `occurredAt ${JSON.stringify(occurredAt)} is not a time`);
  if (!isValidAt(key, at)) {
    return refuse('expired-key', `key ${keyId} is valid ${key.validFrom.toISOString()} to ${key.validUntil.toISOString()}, not at ${occurredAt}`);
  }
  if (key.province !== source.province || key.service !== source.service) {
    return refuse('not-allowed', `key ${keyId} is ${key.service} ${key.province}'s; the envelope names ${source.service} ${source.province}`);
  }
  if (signature === null) return refuse('signature', `no signature header for key ${keyId}`);
  if (!verifySignature({ topic: m.topic, key: m.key, value: m.value }, signature, key.publicKey)) {
    return refuse('signature', `signature does not verify with key ${keyId} over this topic, key and value`);
  }
  // The sender is the key's owner (equal to the envelope's source by now), never the envelope's word alone.
  if (!isAllowed({ service: key.service, province: key.province }, type, m.topic, payload, policy.accessRules ?? ACCESS_RULES)) {
    return refuse('not-allowed', `${key.service} ${key.province} may not send ${type} to ${m.topic}`);
  }
  const window = windowOf(policy.allowedSkew);
  const offsetMs = at.getTime() - now.getTime();
  if (offsetMs > window.futureMs || -offsetMs > window.pastMs) {
    return refuse('clock-skew', `occurredAt ${occurredAt} is ${Math.round(offsetMs / 1000)} s from the receiver's ${now.toISOString()}`);
  }
  return { ok: true, key };
}
