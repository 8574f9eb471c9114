import { plainToInstance } from 'class-transformer';
import { validateSync, ValidationError } from 'class-validator';
import { Envelope } from './envelope';
import { MESSAGE_SCHEMAS } from './message-types';

export type DecodedMessage = { ok: true; envelope: Envelope; payload: object } | { ok: false; reason: string };

/** Every failing field as `path: reason`, nested fields by dotted path. */
export function describeValidationErrors(errors: ValidationError[], prefix = ''): string[] {
  return errors.flatMap((e) => {
    const path = prefix ? `${prefix}.${e.property}` : e.property;
    const own = Object.values(e.constraints ?? {}).map((c) => `${path}: ${c.startsWith(`${e.property}: `) ? c.slice(e.property.length + 2) : c}`);
    return [...own, ...describeValidationErrors(e.children ?? [], path)];
  });
}

/**
 * Reads a message off the wire: JSON, a valid envelope, a known type at a known schema version, a valid
 * payload. Anything else is refused with a one-line reason, for the dead-letter header.
 */
export function decodeMessage(raw: Buffer | string): DecodedMessage {
  let json: unknown;
  try {
    json = JSON.parse(typeof raw === 'string' ? raw : raw.toString('utf8'));
  } catch {
    return { ok: false, reason: 'not JSON' };
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return { ok: false, reason: 'not a JSON object' };
  const envelope = plainToInstance(Envelope, json);
  const envelopeErrors = validateSync(envelope, { validationError: { target: false, value: false } });
  if (envelopeErrors.length) return { ok: false, reason: `envelope invalid: ${describeValidationErrors(envelopeErrors).join('; ')}` };
  const versions = MESSAGE_SCHEMAS[envelope.type];
  if (!versions) return { ok: false, reason: `unknown message type ${envelope.type}` };
  const payloadClass = versions[envelope.schemaVersion];
  if (!payloadClass) {
    return { ok: false, reason: `unsupported schema version ${envelope.schemaVersion} of ${envelope.type} (known: ${Object.keys(versions).join(', ')})` };
  }
  const payload = plainToInstance(payloadClass, envelope.payload);
  const payloadErrors = validateSync(payload, { validationError: { target: false, value: false } });
  if (payloadErrors.length) return { ok: false, reason: `payload invalid: ${describeValidationErrors(payloadErrors, 'payload').join('; ')}` };
  return { ok: true, envelope, payload };
}
