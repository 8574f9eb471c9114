import { isProvinceCode, ProvinceCode } from './codes/provinces';

/** GB 11643 / ISO 7064 MOD 11-2 weights of the first 17 characters. */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARACTERS = '10X98765432';

export interface CitizenId {
  idNumber: string;
  regionCode: string;
  provinceCode: ProvinceCode;
  birthDate: string;
  sequence: string;
  sex: 'male' | 'female';
}

export type CitizenIdResult = { ok: true; value: CitizenId } | { ok: false; reason: string };

/** The check character (the 18th) for the first 17 digits. */
export function checkCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i];
  return CHECK_CHARACTERS[sum % 11];
}

function isRealDate(yyyymmdd: string): boolean {
  const y = Number(yyyymmdd.slice(0, 4));
  const m = Number(yyyymmdd.slice(4, 6));
  const d = Number(yyyymmdd.slice(6, 8));
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/** Parses and checks an 18-character citizen ID number: region, birth date and check character. */
export function parseCitizenId(input: unknown, today: Date = new Date()): CitizenIdResult {
  if (typeof input !== 'string') return { ok: false, reason: 'must be a string of 18 characters' };
  const id = input.trim().toUpperCase();
  if (!/^\d{17}[\dX]$/.test(id)) return { ok: false, reason: 'must be 17 digits followed by a digit or X' };
  const provinceCode = id.slice(0, 2);
  if (!isProvinceCode(provinceCode)) return { ok: false, reason: `region code ${id.slice(0, 6)} is in no province (${provinceCode})` };
  const birth = id.slice(6, 14);
  if (!isRealDate(birth) || Number(birth.slice(0, 4)) < 1900) return { ok: false, reason: `birth date ${birth} is not a real date` };
  const birthDate = `${birth.slice(0, 4)}-${birth.slice(4, 6)}-${birth.slice(6, 8)}`;
  if (birthDate > today.toISOString().slice(0, 10)) return { ok: false, reason: `birth date ${birthDate} is in the future` };
  const expected = checkCharacter(id);
  if (id[17] !== expected) return { ok: false, reason: `check character should be ${expected}, not ${id[17]}` };
  const sequence = id.slice(14, 17);
  return {
    ok: true,
    value: { idNumber: id, regionCode: id.slice(0, 6), provinceCode, birthDate, sequence, sex: Number(sequence) % 2 === 1 ? 'male' : 'female' },
  };
}

/** Builds a valid ID number; for the synthetic register and tests. */
export function makeCitizenId(p: { regionCode: string; birthDate: string; sequence: number }): string {
  const first17 = `${p.regionCode}${p.birthDate.replace(/-/g, '')}${String(p.sequence).padStart(3, '0')}`;
  if (!/^\d{17}$/.test(first17)) throw new Error(`cannot make an ID number from ${JSON.stringify(p)}`);
  return first17 + checkCharacter(first17);
}

/** For logs: region and check character only. */
export function maskCitizenId(id: string): string {
  return id.length === 18 ? `${id.slice(0, 6)}***********${id.slice(17)}` : '***';
}

/** For logs: the first character of a name only. */
export function maskName(name: string): string {
  const chars = [...name];
  return chars.length === 0 ? '' : chars[0] + '*'.repeat(Math.max(1, chars.length - 1));
}
