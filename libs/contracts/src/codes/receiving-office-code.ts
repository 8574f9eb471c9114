import { isProvinceCode, ProvinceCode } from './provinces';

/**
 * A receiving office: the 6-digit county code (GB/T 2260) where it stands and a 2-digit station suffix,
 * e.g. 44010601 = station 01 of Guangzhou Haizhu (440106). Finished cards are sorted into shipments by it.
 */
export const RECEIVING_OFFICE_CODE = /^\d{6}\d{2}$/;

/** Why a value is not a receiving office code, or null when it is one. */
export function receivingOfficeCodeProblem(code: unknown): string | null {
  if (typeof code !== 'string' || !RECEIVING_OFFICE_CODE.test(code)) return 'must be 8 digits: a 6-digit county code and a 2-digit station';
  if (!isProvinceCode(code.slice(0, 2))) return `county code ${code.slice(0, 6)} is in no province`;
  return null;
}

export function isReceivingOfficeCode(code: unknown): code is string {
  return receivingOfficeCodeProblem(code) === null;
}

/** The province a receiving office stands in: its first two digits. */
export function provinceOfReceivingOffice(code: string): ProvinceCode {
  const province = code.slice(0, 2);
  if (!isProvinceCode(province)) throw new RangeError(`receiving office ${code} is in no province`);
  return province;
}
