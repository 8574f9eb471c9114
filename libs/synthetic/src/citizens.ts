import { createHash } from 'node:crypto';
import { EthnicGroupCode, makeCitizenId, ProvinceCode } from '@idcard/contracts';
import { pick, seededRandom } from './random';

export interface SyntheticCitizen {
  idNumber: string;
  name: string;
  sex: 'male' | 'female';
  birthDate: string;
  ethnicGroup: EthnicGroupCode;
  homeProvince: ProvinceCode;
  address: string;
  /** A mainland mobile number (11 digits, 1[3-9]…) the register holds for SMS to the citizen. */
  phoneNumber: string;
}

/**
 * The synthetic citizen's mobile number, derived from the ID number alone (not from the seeded sequence, so adding
 * it changed no one else's particulars): 13x–19x and eight digits.
 */
export function syntheticPhoneNumber(idNumber: string): string {
  const digest = createHash('sha256').update(`synthetic-phone:${idNumber}`).digest();
  const second = 3 + (digest[0] % 7);
  const rest = [...digest.subarray(1, 10)].map((b) => b % 10).join('');
  return `1${second}${rest}`;
}

const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '徐', '孙', '马', '朱', '胡', '郭', '何', '林', '罗', '高'];
const GIVEN = [
  '伟',
  '芳',
  '娜',
  '秀英',
  '敏',
  '静',
  '丽',
  '强',
  '磊',
  '军',
  '洋',
  '勇',
  '艳',
  '杰',
  '娟',
  '涛',
  '明',
  '超',
  '秀兰',
  '霞',
  '平',
  '刚',
  '桂英',
  '建华',
  '海燕',
];
const UYGHUR_NAMES = ['阿依古丽', '买买提', '古丽娜尔', '艾力', '热依拉', '阿不都', '努尔', '帕提古丽'];

/** Share of each province's population by ethnic group, roughly as reported; the rest is Han. */
const MINORITIES: Partial<Record<ProvinceCode, [EthnicGroupCode, number][]>> = {
  '65': [
    ['05', 0.45],
    ['17', 0.07],
    ['03', 0.04],
    ['02', 0.01],
  ],
  '45': [
    ['08', 0.31],
    ['13', 0.03],
  ],
  '15': [
    ['02', 0.17],
    ['11', 0.02],
  ],
  '54': [['04', 0.9]],
  '22': [
    ['10', 0.04],
    ['11', 0.03],
  ],
  '51': [
    ['07', 0.03],
    ['04', 0.02],
  ],
  '44': [
    ['13', 0.002],
    ['08', 0.005],
  ],
};

function ethnicGroupFor(province: ProvinceCode, random: () => number): EthnicGroupCode {
  let r = random();
  for (const [group, share] of MINORITIES[province] ?? []) {
    if (r < share) return group;
    r -= share;
  }
  return '01';
}

/**
 * A synthetic population register of one province: valid, unique ID numbers (issued in that province),
 * names, sexes, birth dates and ethnicities. Deterministic for a seed, so the demo and the register agree.
 */
export function syntheticCitizens(province: ProvinceCode, count: number, seed = 1): SyntheticCitizen[] {
  const random = seededRandom(seed * 1000 + Number(province));
  const used = new Set<string>();
  const out: SyntheticCitizen[] = [];
  while (out.length < count) {
    const regionCode = `${province}${String(1 + Math.floor(random() * 20)).padStart(2, '0')}${String(1 + Math.floor(random() * 30)).padStart(2, '0')}`;
    const year = 1950 + Math.floor(random() * 66);
    const month = 1 + Math.floor(random() * 12);
    const day = 1 + Math.floor(random() * 28);
    const birthDate = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
    const sex = random() < 0.5 ? 'male' : 'female';
    const sequence = 2 * Math.floor(random() * 499) + (sex === 'male' ? 1 : 2);
    const idNumber = makeCitizenId({ regionCode, birthDate, sequence });
    if (used.has(idNumber)) continue;
    used.add(idNumber);
    const ethnicGroup = ethnicGroupFor(province, random);
    const name =
      ethnicGroup === '05' || ethnicGroup === '17'
        ? pick(random, UYGHUR_NAMES) + '·' + pick(random, UYGHUR_NAMES)
        : pick(random, SURNAMES) + pick(random, GIVEN);
    const address = `${province}省某市某区${1 + Math.floor(random() * 300)}号`;
    out.push({ idNumber, name, sex, birthDate, ethnicGroup, homeProvince: province, address, phoneNumber: syntheticPhoneNumber(idNumber) });
  }
  return out;
}
