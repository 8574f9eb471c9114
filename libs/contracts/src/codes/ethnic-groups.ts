import type { ProvinceCode } from './provinces';

/** The 56 ethnic groups with their GB 3304 two-digit codes, in the standard's order. */
export const ETHNIC_GROUPS = {
  '01': { en: 'Han', zh: '汉族' },
  '02': { en: 'Mongol', zh: '蒙古族' },
  '03': { en: 'Hui', zh: '回族' },
  '04': { en: 'Tibetan', zh: '藏族' },
  '05': { en: 'Uyghur', zh: '维吾尔族' },
  '06': { en: 'Miao', zh: '苗族' },
  '07': { en: 'Yi', zh: '彝族' },
  '08': { en: 'Zhuang', zh: '壮族' },
  '09': { en: 'Buyei', zh: '布依族' },
  '10': { en: 'Korean', zh: '朝鲜族' },
  '11': { en: 'Manchu', zh: '满族' },
  '12': { en: 'Dong', zh: '侗族' },
  '13': { en: 'Yao', zh: '瑶族' },
  '14': { en: 'Bai', zh: '白族' },
  '15': { en: 'Tujia', zh: '土家族' },
  '16': { en: 'Hani', zh: '哈尼族' },
  '17': { en: 'Kazakh', zh: '哈萨克族' },
  '18': { en: 'Dai', zh: '傣族' },
  '19': { en: 'Li', zh: '黎族' },
  '20': { en: 'Lisu', zh: '傈僳族' },
  '21': { en: 'Va', zh: '佤族' },
  '22': { en: 'She', zh: '畲族' },
  '23': { en: 'Gaoshan', zh: '高山族' },
  '24': { en: 'Lahu', zh: '拉祜族' },
  '25': { en: 'Sui', zh: '水族' },
  '26': { en: 'Dongxiang', zh: '东乡族' },
  '27': { en: 'Naxi', zh: '纳西族' },
  '28': { en: 'Jingpo', zh: '景颇族' },
  '29': { en: 'Kyrgyz', zh: '柯尔克孜族' },
  '30': { en: 'Tu', zh: '土族' },
  '31': { en: 'Daur', zh: '达斡尔族' },
  '32': { en: 'Mulao', zh: '仫佬族' },
  '33': { en: 'Qiang', zh: '羌族' },
  '34': { en: 'Blang', zh: '布朗族' },
  '35': { en: 'Salar', zh: '撒拉族' },
  '36': { en: 'Maonan', zh: '毛南族' },
  '37': { en: 'Gelao', zh: '仡佬族' },
  '38': { en: 'Xibe', zh: '锡伯族' },
  '39': { en: 'Achang', zh: '阿昌族' },
  '40': { en: 'Pumi', zh: '普米族' },
  '41': { en: 'Tajik', zh: '塔吉克族' },
  '42': { en: 'Nu', zh: '怒族' },
  '43': { en: 'Uzbek', zh: '乌孜别克族' },
  '44': { en: 'Russian', zh: '俄罗斯族' },
  '45': { en: 'Evenki', zh: '鄂温克族' },
  '46': { en: 'Deang', zh: '德昂族' },
  '47': { en: 'Bonan', zh: '保安族' },
  '48': { en: 'Yugur', zh: '裕固族' },
  '49': { en: 'Gin', zh: '京族' },
  '50': { en: 'Tatar', zh: '塔塔尔族' },
  '51': { en: 'Derung', zh: '独龙族' },
  '52': { en: 'Oroqen', zh: '鄂伦春族' },
  '53': { en: 'Hezhen', zh: '赫哲族' },
  '54': { en: 'Monba', zh: '门巴族' },
  '55': { en: 'Lhoba', zh: '珞巴族' },
  '56': { en: 'Jino', zh: '基诺族' },
} as const;

export type EthnicGroupCode = keyof typeof ETHNIC_GROUPS;

// Sorted: JavaScript lists integer-like keys ('10'…'56') before '01'…'09'.
export const ETHNIC_GROUP_CODES: readonly EthnicGroupCode[] = (Object.keys(ETHNIC_GROUPS) as EthnicGroupCode[]).sort();

export function isEthnicGroupCode(code: unknown): code is EthnicGroupCode {
  return typeof code === 'string' && Object.prototype.hasOwnProperty.call(ETHNIC_GROUPS, code);
}

/** The group's name, in English unless asked for Chinese (e.g. 05 → Uyghur / 维吾尔族). */
export function ethnicGroupName(code: EthnicGroupCode, language: 'en' | 'zh' = 'en'): string {
  return ETHNIC_GROUPS[code][language];
}

/** A second script printed beside Chinese on cards of ethnic autonomous regions. */
export type CardScript = 'mongolian' | 'tibetan' | 'uyghur' | 'kazakh' | 'yi' | 'zhuang' | 'korean';
export const CARD_SCRIPTS: readonly CardScript[] = ['mongolian', 'tibetan', 'uyghur', 'kazakh', 'yi', 'zhuang', 'korean'];

/**
 * The rule, simplified to province level: a card carries its holder's group script when the home province is
 * (or contains) the autonomous area where that script is in official use. Nothing else gets a second script.
 *   15 Inner Mongolia → Mongolian (02)     54 Tibet → Tibetan (04)
 *   65 Xinjiang → Uyghur (05), Kazakh (17) 45 Guangxi → Zhuang (08)
 *   22 Jilin (Yanbian) → Korean (10)       51 Sichuan (Liangshan), 53 Yunnan (Chuxiong) → Yi (07)
 */
const SCRIPT_BY_HOME_PROVINCE: Partial<Record<ProvinceCode, Partial<Record<EthnicGroupCode, CardScript>>>> = {
  '15': { '02': 'mongolian' },
  '54': { '04': 'tibetan' },
  '65': { '05': 'uyghur', '17': 'kazakh' },
  '45': { '08': 'zhuang' },
  '22': { '10': 'korean' },
  '51': { '07': 'yi' },
  '53': { '07': 'yi' },
};

/** The second script a card needs, or null when it is printed in Chinese only. */
export function cardScriptFor(ethnicGroupCode: EthnicGroupCode, homeProvinceCode: ProvinceCode): CardScript | null {
  return SCRIPT_BY_HOME_PROVINCE[homeProvinceCode]?.[ethnicGroupCode] ?? null;
}
