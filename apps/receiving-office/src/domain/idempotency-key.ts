import { createHash } from 'crypto';
import { DomainError, InvalidFields } from '@idcard/errors';

/** The header a counter device sends its request id in: the same id is the same submission, however often it arrives. */
export const IDEMPOTENCY_KEY_HEADER = 'Idempotency-Key';

const KEY_SHAPE = /^[\x21-\x7e]{1,255}$/;

/** The key as sent, checked: 1 to 255 visible ASCII characters (a UUID, say); none at all is a plain submission. */
export function idempotencyKeyOf(header: string | string[] | undefined): string | null {
  if (header === undefined) return null;
  const key = Array.isArray(header) ? header : [header];
  if (key.length !== 1 || !KEY_SHAPE.test(key[0]))
    throw new InvalidFields([{ field: 'Idempotency-Key', reason: 'Idempotency-Key: must be one value of 1 to 255 visible ASCII characters' }]);
  return key[0];
}

/** JSON with every object's keys in order: the same form sent with its fields in another order is the same form. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object')
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  return JSON.stringify(value) ?? 'null';
}

/** SHA-256 (hex) of the form as sent, in canonical JSON: what a repeated key is compared by. */
export function formDigest(body: unknown): string {
  return createHash('sha256').update(canonicalJson(body)).digest('hex');
}

/** A request id used again for another form: the device reused an id, or the form was changed under it. */
export class IdempotencyKeyReused extends DomainError {
  constructor(readonly key: string) {
    super({
      code: 'IDEMPOTENCY_KEY_REUSED',
      kind: 'unprocessable',
      field: 'Idempotency-Key',
      message: `Idempotency-Key ${JSON.stringify(key)} was already used at this office for another application form`,
    });
  }
}
