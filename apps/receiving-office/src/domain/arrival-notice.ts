import type { DeliveryMethod } from '@idcard/contracts';

export interface ArrivedCard {
  receiptNumber: string;
  receivingOfficeCode: string;
  deliveryMethod: DeliveryMethod;
}

/**
 * The SMS telling a citizen their card is here and where to collect it. It names the citizen by receipt number
 * only: an SMS can be read by anyone holding the phone, so never an ID number or a name.
 */
export function arrivalNoticeText(card: ArrivedCard): string {
  const where: Record<DeliveryMethod, string> = {
    counter: `请携带回执到受理点 ${card.receivingOfficeCode} 的窗口领取`,
    kiosk: `请携带回执到受理点 ${card.receivingOfficeCode} 的自助领证机领取`,
    post: `受理点 ${card.receivingOfficeCode} 将按您登记的地址邮寄`,
  };
  return `【居民身份证】回执号 ${card.receiptNumber} 的居民身份证已到达，${where[card.deliveryMethod]}。`;
}
