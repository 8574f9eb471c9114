import { createHash } from 'crypto';
import { Transform } from 'class-transformer';
import { registerDecorator, ValidationArguments, ValidationOptions } from 'class-validator';
import { RECEIPT_NUMBER, receiptNumberProblem } from './application/receipt-number';
import { isCalendarDate } from './calendar-date';
import { parseCitizenId } from './citizen-id/citizen-id';
import { ETHNIC_GROUP_CODES, isEthnicGroupCode } from './codes/ethnic-groups';
import { isProvinceCode, PROVINCE_CODES } from './codes/provinces';
import { RECEIVING_OFFICE_CODE, receivingOfficeCodeProblem } from './codes/receiving-office-code';
import { isTimestamp } from './timestamp';

/** What is wrong with a value (given the whole object, for rules across fields), or null when nothing is. */
type Check = (value: unknown, object: Record<string, unknown>) => string | null;

/**
 * How a rule reads in JSON Schema, for the AsyncAPI document (libs/contracts/src/asyncapi): as close as a schema
 * can say it; what it cannot (a check character, a rule across fields) the description says.
 */
export interface RuleSchema {
  schema: Record<string, unknown>;
  /** The rule itself decides when the value may be absent (a refusal only beside a refused outcome): not a required property. */
  mayBeAbsent?: boolean;
}

/**
 * A class-validator decorator from a check that names its reason. Messages read "<property>: <reason>", so
 * they make sense alone (in an HTTP 400) and in a message path (payload.citizen.idNumber: <reason>). The rule's
 * JSON Schema travels as its constraint, where the AsyncAPI generator reads it.
 */
export function domainRule(name: string, check: Check, options?: ValidationOptions, described?: RuleSchema): PropertyDecorator {
  return (target: object, propertyName: string | symbol) => {
    registerDecorator({
      name,
      target: target.constructor,
      propertyName: propertyName as string,
      options,
      constraints: described ? [described] : [],
      validator: {
        validate: (value: unknown, args?: ValidationArguments) => check(value, (args?.object ?? {}) as Record<string, unknown>) === null,
        defaultMessage: (args?: ValidationArguments) =>
          `${args?.property}: ${check(args?.value, (args?.object ?? {}) as Record<string, unknown>) ?? 'invalid'}`,
      },
    });
  };
}

/** A GB 11643 citizen ID number: length, characters, province, birth date, check character. A lower-case x is made upper-case on decoding. */
export function IsCitizenId(options?: ValidationOptions): PropertyDecorator {
  const validate = domainRule(
    'isCitizenId',
    (v) => {
      const r = parseCitizenId(v);
      return r.ok ? null : r.reason;
    },
    options,
    {
      schema: {
        type: 'string',
        pattern: '^[0-9]{17}[0-9Xx]$',
        description: 'GB 11643 citizen ID number: region code, birth date, sequence and an ISO 7064 MOD 11-2 check character',
      },
    },
  );
  // One spelling on the wire after decoding, so a duplicate check never misses 'x' against 'X'.
  const normalise = Transform(({ value }) => (typeof value === 'string' && value.length === 18 && value.endsWith('x') ? value.slice(0, 17) + 'X' : value));
  return (target: object, propertyName: string | symbol) => {
    normalise(target, propertyName as string);
    validate(target, propertyName);
  };
}

/** One of the 31 province codes. */
export function IsProvinceCode(options?: ValidationOptions): PropertyDecorator {
  return domainRule('isProvinceCode', (v) => (isProvinceCode(v) ? null : `${JSON.stringify(v)} is not one of the 31 province codes`), options, {
    schema: { type: 'string', enum: [...PROVINCE_CODES], description: 'province code (GB/T 2260, first two digits)' },
  });
}

/** One of the 56 ethnic-group codes (GB 3304). */
export function IsEthnicGroupCode(options?: ValidationOptions): PropertyDecorator {
  return domainRule(
    'isEthnicGroupCode',
    (v) => (isEthnicGroupCode(v) ? null : `${JSON.stringify(v)} is not one of the 56 ethnic-group codes (01-56)`),
    options,
    { schema: { type: 'string', enum: [...ETHNIC_GROUP_CODES], description: 'ethnic-group code (GB 3304)' } },
  );
}

/** A receipt number, R44-…; see RECEIPT_NUMBER. */
export function IsReceiptNumber(options?: ValidationOptions): PropertyDecorator {
  return domainRule('isReceiptNumber', receiptNumberProblem, options, {
    schema: { type: 'string', pattern: RECEIPT_NUMBER.source, description: 'receipt number; its two digits are the receiving province' },
  });
}

/** A receiving office code (8 digits); with `provinceProperty`, also an office of the province that property names. */
export function IsReceivingOfficeCode(provinceProperty?: string, options?: ValidationOptions): PropertyDecorator {
  return domainRule(
    'isReceivingOfficeCode',
    (v, object) => {
      const problem = receivingOfficeCodeProblem(v);
      if (problem || !provinceProperty) return problem;
      const province = object[provinceProperty];
      if (!isProvinceCode(province)) return null; // that property reports its own error
      return (v as string).startsWith(province) ? null : `office ${v as string} is not in ${provinceProperty} ${province}`;
    },
    options,
    {
      schema: {
        type: 'string',
        pattern: RECEIVING_OFFICE_CODE.source,
        description: `receiving office code: 6-digit county code and a 2-digit station${provinceProperty ? `, an office of the province in ${provinceProperty}` : ''}`,
      },
    },
  );
}

/** A date that exists, as YYYY-MM-DD. */
export function IsCalendarDate(options?: ValidationOptions): PropertyDecorator {
  return domainRule('isCalendarDate', (v) => (isCalendarDate(v) ? null : `${JSON.stringify(v)} is not a date (YYYY-MM-DD)`), options, {
    schema: { type: 'string', format: 'date' },
  });
}

/** An instant with an explicit offset, e.g. 2026-11-22T08:00:00.000Z; see isTimestamp. */
export function IsTimestamp(options?: ValidationOptions): PropertyDecorator {
  return domainRule('isTimestamp', (v) => (isTimestamp(v) ? null : `${JSON.stringify(v)} is not a timestamp (YYYY-MM-DDThh:mm:ss with Z or ±hh:mm)`), options, {
    schema: { type: 'string', format: 'date-time' },
  });
}

/** A card's serial number as printed on the chip side: 10-20 upper-case letters or digits. */
export const CARD_SERIAL = /^[0-9A-Z]{10,20}$/;

export function IsCardSerial(options?: ValidationOptions): PropertyDecorator {
  return domainRule('isCardSerial', (v) => (typeof v === 'string' && CARD_SERIAL.test(v) ? null : 'must be 10-20 upper-case letters or digits'), options, {
    schema: { type: 'string', pattern: CARD_SERIAL.source, description: 'card serial number as printed on the chip side' },
  });
}

/**
 * Standard base64 with padding, in its one canonical spelling: decoded and encoded again it reads the same (Node's
 * decoder skips what is not base64; the encoder writes only the standard alphabet, padded). Linear and native: the
 * regular expression it replaces took milliseconds over a 55 kB photo, several times per message on each side.
 */
export function isStandardBase64(v: string): boolean {
  return v.length % 4 === 0 && Buffer.from(v, 'base64').toString('base64') === v;
}

/** Standard base64 (with padding), non-empty. */
export function IsBase64Bytes(options?: ValidationOptions): PropertyDecorator {
  return domainRule(
    'isBase64Bytes',
    (v) => (typeof v === 'string' && v.length > 0 && isStandardBase64(v) ? null : 'must be non-empty standard base64'),
    options,
    {
      schema: { type: 'string', minLength: 1, contentEncoding: 'base64' },
    },
  );
}

/** Base64 of a JPEG file (it starts with the FF D8 FF marker). */
export function IsJpegBase64(options?: ValidationOptions): PropertyDecorator {
  return domainRule(
    'isJpegBase64',
    (v) => {
      if (typeof v !== 'string' || v.length === 0 || !isStandardBase64(v)) return 'must be non-empty standard base64';
      const head = Buffer.from(v.slice(0, 8), 'base64');
      return head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff ? null : 'is not a JPEG (no FF D8 FF start marker)';
    },
    options,
    { schema: { type: 'string', minLength: 1, contentEncoding: 'base64', contentMediaType: 'image/jpeg' } },
  );
}

/** The lower-case hex SHA-256 of the base64 bytes in `bytesProperty`: the photo arrived as it was taken. */
export function IsSha256Of(bytesProperty: string, options?: ValidationOptions): PropertyDecorator {
  return domainRule(
    'isSha256Of',
    (v, object) => {
      if (typeof v !== 'string' || !/^[0-9a-f]{64}$/.test(v)) return 'must be 64 lower-case hex characters';
      const bytes = object[bytesProperty];
      if (typeof bytes !== 'string' || !isStandardBase64(bytes)) return null; // that property reports its own error
      const actual = createHash('sha256').update(Buffer.from(bytes, 'base64')).digest('hex');
      return actual === v ? null : `does not match the SHA-256 of ${bytesProperty} (${actual})`;
    },
    options,
    { schema: { type: 'string', pattern: '^[0-9a-f]{64}$', description: `lower-case hex SHA-256 of the bytes in ${bytesProperty}` } },
  );
}
