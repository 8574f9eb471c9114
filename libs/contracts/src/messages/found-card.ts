import { IsIn, IsOptional, IsUUID } from 'class-validator';
import type { ProvinceCode } from '../codes/provinces';
import { IsCardSerial, IsCitizenId, IsProvinceCode, IsReceivingOfficeCode, IsTimestamp } from '../validators';
import { VERIFICATION_REASONS, VerificationReason } from '../verification/verification';

/**
 * receiving office → home registry (idcard.registry.<home>.requests, keyed by ID number): a card was handed in at
 * this office (丢失招领). The registry answers destroy or return; on return it sends the holder the SMS itself (it
 * holds the phone number).
 */
export class FoundCardReported {
  /** The office's id of the found card; the answer and the holder's SMS carry it. */
  @IsUUID()
  foundCardId: string;

  @IsCardSerial()
  cardSerial: string;

  /** As printed on the card. */
  @IsCitizenId()
  idNumber: string;

  @IsProvinceCode()
  homeProvince: ProvinceCode;

  @IsReceivingOfficeCode()
  receivingOfficeCode: string;

  @IsTimestamp()
  foundAt: string;
}

export const FOUND_CARD_INSTRUCTIONS = ['destroy', 'return'] as const;
export type FoundCardInstruction = (typeof FOUND_CARD_INSTRUCTIONS)[number];

/**
 * home registry → the office holding the card (idcard.receiving.<R>.replies, keyed by foundCardId): `return` when
 * the card is valid (the holder has been sent an SMS to collect it there), `destroy` with the reason otherwise
 * (reported lost, replaced, expired, unknown to the registry, or not the holder the card names).
 */
export class FoundCardAnswered {
  @IsUUID()
  foundCardId: string;

  @IsReceivingOfficeCode()
  receivingOfficeCode: string;

  @IsIn(FOUND_CARD_INSTRUCTIONS)
  instruction: FoundCardInstruction;

  /** Why destroy; absent for return. */
  @IsOptional()
  @IsIn(VERIFICATION_REASONS)
  reason?: VerificationReason;

  @IsTimestamp()
  answeredAt: string;
}
