import type { TokenRequest } from '@idcard/access';
import { feeFor, ProvinceCode } from '@idcard/contracts';
import { photoFields, SyntheticCitizen, syntheticCitizens, syntheticFingerprints } from '@idcard/synthetic';

/** Citizens of a home province's synthetic register, adults only (so every kind of application fits them). */
export function citizensOf(province: ProvinceCode, count: number, seed = 11): SyntheticCitizen[] {
  return syntheticCitizens(province, count * 3, seed)
    .filter((c) => c.birthDate < '2000-01-01')
    .slice(0, count);
}

/** A valid application form as a counter clerk would send it to an office of `residence`. */
export function applicationForm(citizen: SyntheticCitizen, residence: ProvinceCode, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    kind: 'renewal',
    citizen: { idNumber: citizen.idNumber, name: citizen.name, sex: citizen.sex, birthDate: citizen.birthDate, ethnicGroup: citizen.ethnicGroup },
    receivingOfficeCode: officeOf(residence),
    photo: { jpegBase64: photoFields().jpegBase64 },
    fingerprints: syntheticFingerprints(1),
    feePaidYuan: feeFor('renewal'),
    residenceDeclaration: { address: `${residence} 天山区某街道 8 号`, declaredAt: '2026-11-01T08:00:00+08:00' },
    delivery: { method: 'counter' },
    expedited: false,
    ...overrides,
  };
}

/** The office the behaviour tests' clerk works at (the one applicationForm names for `province`). */
export function officeOf(province: ProvinceCode): string {
  return `${province}010201`;
}

/** A counter clerk of an office, as the province's identity provider names them. */
export function clerkOf(office: string, name = '柜台受理员'): TokenRequest {
  return { role: 'clerk', province: office.slice(0, 2), office, name };
}

/** The national operations desk: the deadlines report and tick, and read-only views. */
export const OPS: TokenRequest = { role: 'ops', name: '值班运维' };

/**
 * Who uses each route of the receiving office, for tests that do not say `as`: the deadlines are ops', every
 * other route a clerk's of `office` (GET /docs-json and /metrics need no token; a token does them no harm).
 */
export function receivingOfficeActors(office: string): (method: string, path: string) => TokenRequest | null {
  const clerk = clerkOf(office);
  return (_method, path) => (path.startsWith('/deadlines') || path.startsWith('/audit') ? OPS : clerk);
}
