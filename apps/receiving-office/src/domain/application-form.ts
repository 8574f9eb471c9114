import { feeFor, isApplicationKind, parseCitizenId, ProvinceCode, receivingOfficeCodeProblem } from '@idcard/contracts';

/**
 * The rules a counter application must meet beyond the shape of each field. Each returns why a value is wrong
 * (the field is named by whoever reports it), or null; a rule whose inputs are themselves malformed says
 * nothing, because those fields report their own errors.
 */

/** The declared sex must be the one the ID number encodes (odd sequence = male, even = female). */
export function sexProblem(idNumber: unknown, sex: unknown): string | null {
  const id = parseCitizenId(idNumber);
  if (!id.ok || (sex !== 'male' && sex !== 'female') || id.value.sex === sex) return null;
  return `disagrees with the ID number, whose sequence ${id.value.sequence} says ${id.value.sex}, not ${sex}`;
}

/** The declared birth date must be the one in the ID number. */
export function birthDateProblem(idNumber: unknown, birthDate: unknown): string | null {
  const id = parseCitizenId(idNumber);
  if (!id.ok || typeof birthDate !== 'string' || id.value.birthDate === birthDate) return null;
  return `disagrees with the ID number, which says ${id.value.birthDate}, not ${birthDate}`;
}

/** 工本费: the fee paid must be exactly the fee of the kind of application. */
export function feeProblem(kind: unknown, feePaidYuan: unknown): string | null {
  if (!isApplicationKind(kind) || typeof feePaidYuan !== 'number') return null;
  const due = feeFor(kind);
  return feePaidYuan === due ? null : `must be ${due} yuan, the fee for a ${kind} application, not ${feePaidYuan}`;
}

/** A receiving office code names a county of this province and a station: 44010601 in Guangdong. */
export function receivingOfficeProblem(code: unknown, province: ProvinceCode | string): string | null {
  const shape = receivingOfficeCodeProblem(code);
  if (shape) return shape;
  const office = code as string;
  if (office.slice(0, 2) !== province) return `office ${office} is in province ${office.slice(0, 2)}; this receiving office serves province ${province}`;
  if (office.slice(2, 6) === '0000') return `${office.slice(0, 6)} is the province itself, not a county`;
  return null;
}

/** A card sent by post needs somewhere to go. */
export function postalAddressProblem(method: unknown, postalAddress: unknown): string | null {
  if (method !== 'post') return null;
  return typeof postalAddress === 'string' && postalAddress.trim() !== '' ? null : 'is required when the card is delivered by post';
}

/** The home registry: the one declared, or else the province where the ID number was issued. */
export function homeProvinceFor(idNumber: string, declared?: ProvinceCode): ProvinceCode {
  if (declared) return declared;
  const id = parseCitizenId(idNumber);
  if (!id.ok) throw new RangeError(`no home province for an invalid ID number: ${id.reason}`);
  return id.value.provinceCode;
}

/** 补领 with the loss recorded in the same step: only a lost-card application can report the loss at the counter. */
export function lossReportedAtCounterProblem(kind: unknown, lossReportedAtCounter: unknown): string | null {
  if (lossReportedAtCounter === undefined || lossReportedAtCounter === false) return null;
  if (lossReportedAtCounter !== true) return 'must be true or false';
  return kind === 'lost' ? null : `is only for a lost application (补领), not ${String(kind)}`;
}
