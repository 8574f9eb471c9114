import { registerDecorator, ValidationArguments, ValidationOptions } from 'class-validator';
import { parseCitizenId } from './citizen-id';
import { isEthnicGroupCode } from './codes/ethnic-groups';
import { isProvinceCode } from './codes/provinces';

function rule(name: string, check: (value: unknown) => string | null, options?: ValidationOptions) {
  return (object: object, propertyName: string) => {
    let lastReason = '';
    registerDecorator({
      name,
      target: object.constructor,
      propertyName,
      options,
      validator: {
        validate: (value: unknown) => {
          const reason = check(value);
          lastReason = reason ?? '';
          return reason === null;
        },
        defaultMessage: (args?: ValidationArguments) => `${args?.property}: ${lastReason || check(args?.value) || 'invalid'}`,
      },
    });
  };
}

/** A GB 11643 citizen ID number: region, birth date and check character. */
export function IsCitizenId(options?: ValidationOptions) {
  return rule('isCitizenId', (v) => {
    const r = parseCitizenId(v);
    return r.ok ? null : r.reason;
  }, options);
}

/** One of the 31 province codes. */
export function IsProvinceCode(options?: ValidationOptions) {
  return rule('isProvinceCode', (v) => (isProvinceCode(v) ? null : `${JSON.stringify(v)} is not one of the 31 province codes`), options);
}

/** One of the 56 ethnic-group codes (GB 3304). */
export function IsEthnicGroupCode(options?: ValidationOptions) {
  return rule('isEthnicGroupCode', (v) => (isEthnicGroupCode(v) ? null : `${JSON.stringify(v)} is not one of the 56 ethnic-group codes (01-56)`), options);
}
