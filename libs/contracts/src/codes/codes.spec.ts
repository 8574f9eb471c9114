import { CARD_SCRIPTS, cardScriptFor, ETHNIC_GROUP_CODES, ETHNIC_GROUPS, ethnicGroupName, isEthnicGroupCode } from './ethnic-groups';
import { isProvinceCode, PROVINCE_CODES, PROVINCES, provinceName } from './provinces';
import { isReceivingOfficeCode, provinceOfReceivingOffice, receivingOfficeCodeProblem } from './receiving-office-code';

describe('province codes (GB/T 2260)', () => {
  it('lists exactly the 31 provinces of the domain brief, in code order', () => {
    expect(PROVINCE_CODES).toEqual([
      '11',
      '12',
      '13',
      '14',
      '15',
      '21',
      '22',
      '23',
      '31',
      '32',
      '33',
      '34',
      '35',
      '36',
      '37',
      '41',
      '42',
      '43',
      '44',
      '45',
      '46',
      '50',
      '51',
      '52',
      '53',
      '54',
      '61',
      '62',
      '63',
      '64',
      '65',
    ]);
  });

  it('names every province uniquely in English and Chinese', () => {
    const provinces = Object.values(PROVINCES);
    expect(new Set(provinces.map((p) => p.en)).size).toBe(31);
    expect(new Set(provinces.map((p) => p.zh)).size).toBe(31);
    expect(provinceName('44')).toBe('Guangdong');
    expect(provinceName('65', 'zh')).toBe('新疆维吾尔自治区');
  });

  it('knows a province code only as a two-digit string of the list', () => {
    expect(isProvinceCode('44')).toBe(true);
    expect(['10', '99', '4', '440', ' 44', 44, null, 'constructor', 'toString'].some((c) => isProvinceCode(c))).toBe(false);
  });
});

describe('ethnic groups (GB 3304)', () => {
  it('has the 56 groups coded 01-56 in order, from Han to Jino', () => {
    expect(ETHNIC_GROUP_CODES).toEqual(Array.from({ length: 56 }, (_, i) => String(i + 1).padStart(2, '0')));
    expect(ETHNIC_GROUPS['01']).toEqual({ en: 'Han', zh: '汉族' });
    expect(ETHNIC_GROUPS['10']).toEqual({ en: 'Korean', zh: '朝鲜族' });
    expect(ETHNIC_GROUPS['56']).toEqual({ en: 'Jino', zh: '基诺族' });
    expect(ethnicGroupName('05', 'zh')).toBe('维吾尔族');
  });

  it('names every group uniquely, each Chinese name ending in 族', () => {
    const groups = Object.values(ETHNIC_GROUPS);
    expect(new Set(groups.map((g) => g.en)).size).toBe(56);
    expect(new Set(groups.map((g) => g.zh)).size).toBe(56);
    expect(groups.every((g) => g.zh.endsWith('族'))).toBe(true);
  });

  it('knows only the 56 codes', () => {
    expect(isEthnicGroupCode('56')).toBe(true);
    expect(['00', '57', '1', 1, '', 'hasOwnProperty'].some((c) => isEthnicGroupCode(c))).toBe(false);
  });
});

describe('the second script on a card', () => {
  it.each([
    ['02', '15', 'mongolian'],
    ['04', '54', 'tibetan'],
    ['05', '65', 'uyghur'],
    ['17', '65', 'kazakh'],
    ['08', '45', 'zhuang'],
    ['10', '22', 'korean'],
    ['07', '51', 'yi'],
    ['07', '53', 'yi'],
  ] as const)('is printed for group %s registered in province %s: %s', (group, province, script) => {
    expect(cardScriptFor(group, province)).toBe(script);
  });

  it.each([
    ['05', '44', 'a Uyghur registered in Guangdong'],
    ['01', '65', 'a Han registered in Xinjiang'],
    ['02', '65', 'a Mongol registered in Xinjiang (outside the rule)'],
    ['04', '63', 'a Tibetan registered in Qinghai (outside the rule)'],
    ['10', '21', 'a Korean registered in Liaoning'],
    ['07', '52', 'a Yi registered in Guizhou'],
  ] as const)('is not printed for group %s in province %s: %s', (group, province, _who) => {
    expect(cardScriptFor(group, province)).toBeNull();
  });

  it('uses every script of the list somewhere and nothing else', () => {
    const used = new Set<string>();
    for (const g of ETHNIC_GROUP_CODES)
      for (const p of PROVINCE_CODES) {
        const s = cardScriptFor(g, p);
        if (s) used.add(s);
      }
    expect([...used].sort()).toEqual([...CARD_SCRIPTS].sort());
  });
});

describe('receiving office codes', () => {
  it('are a county code of a province and a station suffix', () => {
    expect(isReceivingOfficeCode('44010601')).toBe(true);
    expect(provinceOfReceivingOffice('44010601')).toBe('44');
    expect(receivingOfficeCodeProblem('4401060')).toBe('must be 8 digits: a 6-digit county code and a 2-digit station');
    expect(receivingOfficeCodeProblem('99010601')).toBe('county code 990106 is in no province');
    expect(() => provinceOfReceivingOffice('99010601')).toThrow(RangeError);
  });
});
