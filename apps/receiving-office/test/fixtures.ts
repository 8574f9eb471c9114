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
    receivingOfficeCode: `${residence}010201`,
    photo: { jpegBase64: photoFields().jpegBase64 },
    fingerprints: syntheticFingerprints(1),
    feePaidYuan: feeFor('renewal'),
    residenceDeclaration: { address: `${residence} 天山区某街道 8 号`, declaredAt: '2026-11-01T08:00:00+08:00' },
    delivery: { method: 'counter' },
    expedited: false,
    ...overrides,
  };
}
