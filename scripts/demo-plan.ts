import { ApplicationKind, ETHNIC_GROUP_CODES, feeFor, makeCitizenId, ProvinceCode } from '@idcard/contracts';
import { photoFields, seededRandom, SyntheticCitizen, syntheticCitizens, syntheticFingerprints } from '@idcard/synthetic';

export type Scenario = 'cross-province' | 'intra-province' | 'duplicate-in-flight' | 'not-resident' | 'mismatched-data' | 'ethnicity-change';
export type Expected = 'issued' | 'rejected' | 'one-of-pair';

export interface PlannedApplication {
  scenario: Scenario;
  expected: Expected;
  residence: ProvinceCode;
  home: ProvinceCode;
  idNumber: string;
  /** The receiving office that takes it: its clerk submits, records the arrival and hands the card over. */
  office: string;
  body: Record<string, unknown>;
  /** For a duplicate: the index of the application already in flight for the same citizen. */
  duplicateOf?: number;
}

/** Out of every 100 applications: most cross-province, some within a province, a share that must be rejected. */
const MIX: [Scenario, number][] = [
  ['cross-province', 70],
  ['intra-province', 10],
  ['duplicate-in-flight', 5],
  ['not-resident', 5],
  ['mismatched-data', 5],
  ['ethnicity-change', 5],
];

export const REGISTER_SEED = 7;

export function registerSizeFor(applications: number, provinces: number): number {
  return Math.max(50, Math.ceil((applications * 1.2) / provinces) + 10);
}

function ageOn(birthDate: string, on: Date): number {
  const [y, m, d] = birthDate.split('-').map(Number);
  const age = on.getUTCFullYear() - y;
  return on.getUTCMonth() + 1 < m || (on.getUTCMonth() + 1 === m && on.getUTCDate() < d) ? age - 1 : age;
}

export function applicationBody(
  c: SyntheticCitizen,
  residence: ProvinceCode,
  i: number,
  now: Date,
  overrides: Partial<SyntheticCitizen> = {},
): Record<string, unknown> {
  const kind: ApplicationKind = ageOn(c.birthDate, now) < 16 ? 'first' : i % 10 === 3 ? 'lost' : 'renewal';
  const p = { ...c, ...overrides };
  return {
    kind,
    citizen: { idNumber: p.idNumber, name: p.name, sex: p.sex, birthDate: p.birthDate, ethnicGroup: p.ethnicGroup },
    homeProvince: c.homeProvince,
    receivingOfficeCode: `${residence}0106${String(1 + (i % 3)).padStart(2, '0')}`,
    photo: { jpegBase64: photoFields().jpegBase64 },
    fingerprints: syntheticFingerprints(i),
    feePaidYuan: feeFor(kind),
    residenceDeclaration: { address: `${residence} 某区某街道 ${1 + (i % 200)} 号`, declaredAt: now.toISOString() },
    delivery: i % 7 === 0 ? { method: 'post', postalAddress: `${residence} 某区某路 ${1 + (i % 90)} 号` } : { method: i % 2 ? 'kiosk' : 'counter' },
    expedited: i % 20 === 0,
    // 补领 needs a loss on record (issue 12): the clerk records it in the same step.
    ...(kind === 'lost' ? { lossReportedAtCounter: true } : {}),
  };
}

/**
 * N applications across the provinces: each valid one for a different citizen of its home register; a
 * duplicate re-applies, in another province, for a citizen whose application is already in flight.
 */
/** The body and the office it names, kept side by side so the demo knows whose clerk acts. */
function withOffice(body: Record<string, unknown>): { office: string; body: Record<string, unknown> } {
  return { office: String(body.receivingOfficeCode), body };
}

export function planApplications(n: number, provinces: ProvinceCode[], now: Date): PlannedApplication[] {
  const random = seededRandom(n);
  const registers = new Map(provinces.map((p) => [p, syntheticCitizens(p, registerSizeFor(n, provinces.length), REGISTER_SEED)]));
  const nextCitizen = new Map(provinces.map((p) => [p, 0]));
  const take = (p: ProvinceCode) => {
    const i = nextCitizen.get(p)!;
    nextCitizen.set(p, i + 1);
    return registers.get(p)![i];
  };
  const other = (p: ProvinceCode) => (provinces.length === 1 ? p : provinces.filter((q) => q !== p)[Math.floor(random() * (provinces.length - 1))]);
  const cycle = MIX.flatMap(([s, count]) => Array<Scenario>(count).fill(s));
  const planned: PlannedApplication[] = [];
  let lastValid: number | null = null;
  for (let i = 0; i < n; i++) {
    let scenario = cycle[(i * 37) % cycle.length];
    if (scenario === 'duplicate-in-flight' && lastValid === null) scenario = 'cross-province';
    const home = provinces[Math.floor(random() * provinces.length)];
    const residence = scenario === 'intra-province' ? home : other(home);
    if (scenario === 'duplicate-in-flight') {
      const first = planned[lastValid!];
      const elsewhere = other(first.residence);
      const citizen = registers.get(first.home)!.find((c) => c.idNumber === first.idNumber)!;
      first.expected = 'one-of-pair';
      planned.push({
        scenario,
        expected: 'one-of-pair',
        residence: elsewhere,
        home: first.home,
        idNumber: first.idNumber,
        ...withOffice(applicationBody(citizen, elsewhere, i, now)),
        duplicateOf: lastValid!,
      });
      lastValid = null;
      continue;
    }
    if (scenario === 'not-resident') {
      // A valid ID number of the home province that its register does not hold.
      const birthDate = `${1960 + (i % 40)}-08-08`;
      const sequence = 1 + 2 * (i % 499); // odd: male
      const idNumber = makeCitizenId({ regionCode: `${home}9999`, birthDate, sequence });
      const stranger: SyntheticCitizen = {
        idNumber,
        name: '路人甲',
        sex: 'male',
        birthDate,
        ethnicGroup: '01',
        homeProvince: home,
        address: 'nowhere',
        phoneNumber: '13800000000',
      };
      planned.push({ scenario, expected: 'rejected', residence, home, idNumber, ...withOffice(applicationBody(stranger, residence, i, now)) });
      continue;
    }
    const citizen = take(home);
    if (scenario === 'mismatched-data') {
      planned.push({
        scenario,
        expected: 'rejected',
        residence,
        home,
        idNumber: citizen.idNumber,
        ...withOffice(applicationBody(citizen, residence, i, now, { name: citizen.name + '某' })),
      });
      continue;
    }
    if (scenario === 'ethnicity-change') {
      const changed = ETHNIC_GROUP_CODES.find((g) => g !== citizen.ethnicGroup && g !== '01') ?? '03';
      planned.push({
        scenario,
        expected: 'issued',
        residence,
        home,
        idNumber: citizen.idNumber,
        ...withOffice(applicationBody(citizen, residence, i, now, { ethnicGroup: changed })),
      });
      continue;
    }
    planned.push({ scenario, expected: 'issued', residence, home, idNumber: citizen.idNumber, ...withOffice(applicationBody(citizen, residence, i, now)) });
    lastValid = planned.length - 1;
  }
  return planned;
}

/**
 * Where the demo stops the clock on its way `advanceDays` forward, so each warning point (days left of the 60,
 * default 15 and 5) is seen by a tick before the next: day 45, day 55, then the end.
 */
export function clockStops(advanceDays: number, warningDaysLeft: readonly number[] = [15, 5]): number[] {
  const stops = warningDaysLeft.map((left) => 60 - left).filter((day) => day > 0 && day < advanceDays);
  return [...new Set([...stops, advanceDays])].sort((a, b) => a - b);
}
