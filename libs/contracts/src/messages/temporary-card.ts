import { IsIn, IsString, IsUUID, Length, Matches, ValidateIf } from 'class-validator';
import type { ProvinceCode } from '../codes/provinces';
import { IsCalendarDate, IsCardSerial, IsCitizenId, IsProvinceCode, IsReceivingOfficeCode, IsTimestamp } from '../validators';
import { IsRefusal } from './loss-report';

/**
 * receiving office → home registry (idcard.registry.<home>.requests, keyed by ID number): a citizen of any province
 * asks for a temporary ID card (临时身份证, 10 yuan, three months) at this office. Request/reply: the office waits
 * for TemporaryCardAnswered with the same requestId until answerBy, and never issues without the registry's word.
 */
export class TemporaryCardRequested {
  @IsUUID()
  requestId: string;

  @IsCitizenId()
  idNumber: string;

  /** As the citizen states it; the registry compares it with the register (as its review does). */
  @IsString()
  @Length(1, 30)
  @Matches(/\S/, { message: 'name: must not be blank' })
  name: string;

  @IsProvinceCode()
  homeProvince: ProvinceCode;

  @IsReceivingOfficeCode()
  receivingOfficeCode: string;

  @IsTimestamp()
  requestedAt: string;

  /** The office stops waiting at this instant: a registry that reads the request later refuses it (too-late), never issues. */
  @IsTimestamp()
  answerBy: string;
}

export const TEMPORARY_CARD_OUTCOMES = ['issued', 'refused'] as const;
export type TemporaryCardOutcome = (typeof TEMPORARY_CARD_OUTCOMES)[number];

export const TEMPORARY_CARD_REFUSALS = ['not-in-register', 'mismatch', 'too-late'] as const;
export type TemporaryCardRefusal = (typeof TEMPORARY_CARD_REFUSALS)[number];

/**
 * home registry → the office that asked (idcard.receiving.<R>.replies, keyed by requestId): the temporary card's
 * serial and last valid day, or why not. Issued cards are recorded at the registry and broadcast as CardIssued.
 */
export class TemporaryCardAnswered {
  @IsUUID()
  requestId: string;

  @IsReceivingOfficeCode()
  receivingOfficeCode: string;

  @IsIn(TEMPORARY_CARD_OUTCOMES)
  outcome: TemporaryCardOutcome;

  @IsRefusal(TEMPORARY_CARD_REFUSALS)
  refusal?: TemporaryCardRefusal;

  /** Present when issued: T<home province>… (never a production serial). */
  @ValidateIf((a: TemporaryCardAnswered) => a.outcome === 'issued' || a.temporarySerial !== undefined)
  @IsCardSerial()
  temporarySerial?: string;

  /** Present when issued: the last day the temporary card is valid (YYYY-MM-DD, CST). */
  @ValidateIf((a: TemporaryCardAnswered) => a.outcome === 'issued' || a.validUntil !== undefined)
  @IsCalendarDate()
  validUntil?: string;

  @IsTimestamp()
  answeredAt: string;
}

/**
 * receiving office → home registry (idcard.registry.<home>.requests, keyed by ID number): the office gave up waiting
 * and a temporary card was issued after all; it was never handed out, so the registry invalidates it (voided).
 */
export class TemporaryCardVoided {
  @IsUUID()
  requestId: string;

  @IsCardSerial()
  temporarySerial: string;

  @IsProvinceCode()
  homeProvince: ProvinceCode;

  @IsReceivingOfficeCode()
  receivingOfficeCode: string;

  @IsTimestamp()
  voidedAt: string;
}
