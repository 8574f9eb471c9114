import { parseCitizenId } from '../citizen-id/citizen-id';
import { isCalendarDate } from '../calendar-date';
import { ageOn, cardExpiryFor } from '../card-validity';
import type { ProvinceCode } from '../codes/provinces';
import { domainRule, IsCalendarDate, IsCardSerial, IsCitizenId, IsProvinceCode, IsReceiptNumber, IsTimestamp } from '../validators';

/** expiresOn must be what cardExpiryFor says for the holder's age at issue (birth date from the ID number). */
function IsExpiryOfThisCard() {
  return domainRule(
    'isExpiryOfThisCard',
    (v, card) => {
      if (v !== null && !isCalendarDate(v)) return `${JSON.stringify(v)} is neither a date (YYYY-MM-DD) nor null (long-term)`;
      const holder = parseCitizenId(card.idNumber);
      if (!holder.ok || !isCalendarDate(card.issueDate) || card.issueDate < holder.value.birthDate) return null; // reported on their own fields
      const expected = cardExpiryFor(holder.value.birthDate, card.issueDate);
      if (v === expected) return null;
      const age = ageOn(holder.value.birthDate, card.issueDate);
      return `a card issued ${card.issueDate} at age ${age} ${expected === null ? 'is long-term (null)' : `expires ${expected}`}, not ${v}`;
    },
    undefined,
    {
      schema: { type: ['string', 'null'], format: 'date', description: "the last valid day for the holder's age at issueDate; null for a long-term card" },
    },
  );
}

/** production centre → home registry (idcard.registry.<home>.cards): the card exists; record it, invalidate the old one. */
export class CardProduced {
  @IsReceiptNumber()
  receiptNumber: string;

  @IsCardSerial()
  cardSerial: string;

  @IsCitizenId()
  idNumber: string;

  @IsCalendarDate()
  issueDate: string;

  /** cardExpiryFor(birth date, issueDate); null for a long-term card. */
  @IsExpiryOfThisCard()
  expiresOn: string | null;

  @IsProvinceCode()
  producedBy: ProvinceCode;

  @IsTimestamp()
  producedAt: string;
}
