import { IsIn, ValidateIf } from 'class-validator';
import type { ProvinceCode } from '../codes/provinces';
import { domainRule, IsCalendarDate, IsCardSerial, IsProvinceCode, IsTimestamp } from '../validators';
import { CARD_KINDS, CardKind } from '../verification/verification';
import { HOLDER_DIGEST } from '../verification/holder-digest';

export function IsHolderDigest(): PropertyDecorator {
  return domainRule(
    'isHolderDigest',
    (v) => (typeof v === 'string' && HOLDER_DIGEST.test(v) ? null : 'must be 64 lower-case hex characters (holderDigest)'),
    undefined,
    {
      schema: { type: 'string', pattern: HOLDER_DIGEST.source, description: 'holderDigest(cardSerial, idNumber, name): the holder without name or ID number' },
    },
  );
}

/**
 * home registry → every province (idcard.national.card-issuances, keyed by card serial): a new valid card, resident
 * or temporary, so every province's verification table knows it without asking across a border. It carries the
 * holder only as holderDigest(cardSerial, idNumber, name): no name and no ID number on the national topic.
 */
export class CardIssued {
  @IsCardSerial()
  cardSerial: string;

  @IsHolderDigest()
  holderDigest: string;

  /** The registry that issued it and answers for it. */
  @IsProvinceCode()
  homeProvince: ProvinceCode;

  @IsIn(CARD_KINDS)
  kind: CardKind;

  /** The last day the card is valid (YYYY-MM-DD, CST); null for a long-term resident card (长期). */
  @ValidateIf((_: CardIssued, v: unknown) => v !== null)
  @IsCalendarDate()
  validUntil: string | null;

  @IsTimestamp()
  issuedAt: string;
}
