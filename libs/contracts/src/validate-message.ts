import { plainToInstance } from 'class-transformer';
import { validateSync, ValidationError, ValidatorOptions } from 'class-validator';
import { Envelope } from './envelope';
import { MESSAGE_SCHEMAS, MessageTypeName, PayloadOf, isMessageTypeName } from './message-types';

/** A message read off the wire: its type narrows the payload (`if (m.ok && m.type === 'CardProduced') m.payload.cardSerial`). */
export type DecodedMessageOf<T extends MessageTypeName> = { ok: true; type: T; envelope: Envelope<PayloadOf<T>>; payload: PayloadOf<T> };
export type DecodedMessage = { [T in MessageTypeName]: DecodedMessageOf<T> }[MessageTypeName] | { ok: false; reason: string };

/** Unknown fields are dropped, not refused: a consumer sees exactly the fields of the schema version. */
const VALIDATION: ValidatorOptions = { whitelist: true, forbidUnknownValues: true, validationError: { target: false, value: false } };

/** Every failing field as `path: reason`, nested fields by dotted path and list items by index (cards[1].cardSerial). */
export function describeValidationErrors(errors: ValidationError[], prefix = ''): string[] {
  return errors.flatMap((e) => {
    const path = /^\d+$/.test(e.property) ? `${prefix}[${e.property}]` : prefix ? `${prefix}.${e.property}` : e.property;
    const own = Object.values(e.constraints ?? {}).map((c) => `${path}: ${withoutPropertyName(c, e.property)}`);
    return [...own, ...describeValidationErrors(e.children ?? [], path)];
  });
}

/** class-validator says "name must be a string", our rules "name: …"; the path already names the field. */
function withoutPropertyName(message: string, property: string): string {
  if (message.startsWith(`${property}: `)) return message.slice(property.length + 2);
  if (message.startsWith(`${property} `)) return message.slice(property.length + 1);
  return message;
}

/**
 * Keys no schema or request body has and a hostile one must not bring along: "__proto__" would swap an object's prototype on its
 * way into a class; class-transformer takes an object's own "constructor" for the class to build and throws a
 * TypeError on anything that is not one (an envelope whose `type` was `{"constructor": {…}}` stopped a consumer: the
 * topic fuzz of issue 14, FUZZ_SEED=1080963132).
 */
const UNSAFE_KEYS = new Set(['__proto__', 'constructor']);

/** A `JSON.parse` reviver that drops those keys: for messages here, and for HTTP bodies (service-runtime). */
export function withoutUnsafeKeys(key: string, value: unknown): unknown {
  return UNSAFE_KEYS.has(key) ? undefined : value;
}

function parseJson(text: string): unknown {
  return JSON.parse(text, withoutUnsafeKeys);
}

/**
 * Reads a message off the wire: JSON, a valid envelope, a known type at a registered schema version, a valid
 * payload. Anything else is refused with a one-line reason for the dead-letter header.
 */
export function decodeMessage(raw: Buffer | string): DecodedMessage {
  let json: unknown;
  try {
    json = parseJson(typeof raw === 'string' ? raw : raw.toString('utf8'));
  } catch (err) {
    return { ok: false, reason: `not JSON: ${(err as Error).message.split('\n')[0]}` };
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return { ok: false, reason: 'not a JSON object' };
  try {
    return decodeObject(json);
  } catch (err) {
    // A shape class-transformer or class-validator cannot handle is the message's fault, never a reason to throw.
    return { ok: false, reason: `unreadable: ${(err as Error).message.split('\n')[0]}` };
  }
}

function decodeObject(json: object): DecodedMessage {
  const envelope = plainToInstance(Envelope, json) as Envelope<unknown>;
  const envelopeErrors = validateSync(envelope, VALIDATION);
  if (envelopeErrors.length) return { ok: false, reason: `envelope invalid: ${describeValidationErrors(envelopeErrors).join('; ')}` };
  if (!isMessageTypeName(envelope.type)) return { ok: false, reason: `unknown message type ${envelope.type}` };
  const versions = MESSAGE_SCHEMAS[envelope.type];
  const payloadClass = versions[envelope.schemaVersion];
  if (!payloadClass) {
    return { ok: false, reason: `unsupported schema version ${envelope.schemaVersion} of ${envelope.type} (known: ${Object.keys(versions).join(', ')})` };
  }
  const payload = plainToInstance(payloadClass, envelope.payload) as object;
  const payloadErrors = validateSync(payload, VALIDATION);
  if (payloadErrors.length) return { ok: false, reason: `payload invalid: ${describeValidationErrors(payloadErrors, 'payload').join('; ')}` };
  envelope.payload = payload;
  return { ok: true, type: envelope.type, envelope, payload } as DecodedMessage;
}

/** The wire form of an envelope: JSON. It does not check; a sender checks with assertValidMessage first. */
export function encodeMessage(envelope: Envelope<unknown>): string {
  return JSON.stringify(envelope);
}

/** Thrown by assertValidMessage: a sender's bug surfaces in the sender's transaction, not in a consumer's dead letters. */
export class InvalidMessage extends Error {
  constructor(readonly reason: string) {
    super(`invalid message: ${reason}`);
    this.name = 'InvalidMessage';
  }
}

/**
 * Checks an envelope exactly as a consumer will check its wire form (the sending side of "validated on both sides")
 * and returns that wire form, so a sender encodes its 40 kB photo once, not once to check and again to send.
 */
export function assertValidMessage(envelope: Envelope<unknown>): string {
  const wire = encodeMessage(envelope);
  const decoded = decodeMessage(wire);
  if (!decoded.ok) throw new InvalidMessage(decoded.reason);
  return wire;
}
