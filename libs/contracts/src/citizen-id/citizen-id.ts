import { isCalendarDate } from '../calendar-date';
import { cstDate } from '../china-standard-time';
import { isProvinceCode, ProvinceCode } from '../codes/provinces';

/** GB 11643 / ISO 7064 MOD 11-2: weights of the first 17 digits, and the check character for each remainder. */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARACTERS = '10X98765432';

/** Nobody alive was born before this; an earlier date in a number is a typing error. */
const EARLIEST_BIRTH_DATE = '1900-01-01';

export type Sex = 'male' | 'female';

/** What an 18-character citizen ID number says about its holder. */
export interface CitizenId {
  /** Normalised: upper-case X. */
  idNumber: string;
  /** Where the number was first issued — not necessarily today's home registry. */
  regionCode: string;
  provinceCode: ProvinceCode;
  birthDate: string;
  sequence: string;
  /** Odd sequence: male; even: female. */
  sex: Sex;
}

export type CitizenIdResult = { ok: true; value: CitizenId } | { ok: false; reason: string };

/** The 18th character for the first 17 digits. */
export function checkCharacter(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new RangeError(`the check character is computed from 17 digits, not ${JSON.stringify(first17)}`);
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i];
  return CHECK_CHARACTERS[sum % 11];
}

/** Why region code and birth date cannot be in a number, or null; shared by parse and make. */
function regionAndBirthProblem(regionCode: string, birthDate: string): string | null {
  if (!isProvinceCode(regionCode.slice(0, 2))) return `region code ${regionCode} is in no province (${regionCode.slice(0, 2)} is not a province code)`;
  const asInNumber = birthDate.replace(/-/g, '');
  if (!isCalendarDate(birthDate)) return `birth date ${asInNumber} is not a real date`;
  if (birthDate < EARLIEST_BIRTH_DATE) return `birth date ${birthDate} is before ${EARLIEST_BIRTH_DATE}`;
  return null;
}

/**
 * Parses and checks a GB 11643 ID number: 6-digit region, 8-digit birth date, 3-digit sequence, check character.
 * A lower-case x is accepted and returned upper-case. `today` decides what is a future birth date (by its CST date).
 */
export function parseCitizenId(input: unknown, today: Date = new Date()): CitizenIdResult {
  if (typeof input !== 'string') return { ok: false, reason: `must be a string of 18 characters, not ${input === null ? 'null' : typeof input}` };
  if (input.length !== 18) return { ok: false, reason: `must be 18 characters, not ${input.length}` };
  const id = input.endsWith('x') ? input.slice(0, 17) + 'X' : input;
  const wrongAt = [...id].findIndex((c, i) => !(/\d/.test(c) || (i === 17 && c === 'X')));
  if (wrongAt >= 0) {
    return { ok: false, reason: `must be 17 digits and a digit or X; character ${wrongAt + 1} is ${JSON.stringify(id[wrongAt])}` };
  }
  const regionCode = id.slice(0, 6);
  const birthDate = `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
  const problem = regionAndBirthProblem(regionCode, birthDate);
  if (problem) return { ok: false, reason: problem };
  const todayCst = cstDate(today);
  if (birthDate > todayCst) return { ok: false, reason: `birth date ${birthDate} is in the future (today is ${todayCst})` };
  const expected = checkCharacter(id.slice(0, 17));
  if (id[17] !== expected) return { ok: false, reason: `check character should be ${expected}, not ${id[17]}` };
  const sequence = id.slice(14, 17);
  return {
    ok: true,
    value: {
      idNumber: id,
      regionCode,
      provinceCode: regionCode.slice(0, 2) as ProvinceCode,
      birthDate,
      sequence,
      sex: Number(sequence) % 2 === 1 ? 'male' : 'female',
    },
  };
}

export function isCitizenId(input: unknown, today: Date = new Date()): input is string {
  return parseCitizenId(input, today).ok;
}

/**
 * Builds a valid ID number (for the synthetic register and tests): a sequence of 1-999, odd for a man and even
 * for a woman. A future birth date is allowed, so tests can make numbers that parseCitizenId must refuse.
 */
export function makeCitizenId(p: { regionCode: string; birthDate: string; sequence: number | string }): string {
  const sequence = typeof p.sequence === 'number' ? p.sequence : /^\d{3}$/.test(p.sequence) ? Number(p.sequence) : NaN;
  if (!Number.isInteger(sequence) || sequence < 1 || sequence > 999) throw new RangeError(`sequence must be 1-999, not ${JSON.stringify(p.sequence)}`);
  if (!/^\d{6}$/.test(p.regionCode)) throw new RangeError(`region code must be 6 digits, not ${JSON.stringify(p.regionCode)}`);
  const problem = regionAndBirthProblem(p.regionCode, p.birthDate);
  if (problem) throw new RangeError(`cannot make an ID number: ${problem}`);
  const first17 = `${p.regionCode}${p.birthDate.replace(/-/g, '')}${String(sequence).padStart(3, '0')}`;
  return first17 + checkCharacter(first17);
}
