import { IsIn, IsOptional, IsString, IsUUID, Length, Matches } from 'class-validator';
import type { ProvinceCode } from '../codes/provinces';
import { domainRule, IsCardSerial, IsCitizenId, IsProvinceCode, IsReceivingOfficeCode, IsTimestamp } from '../validators';

/**
 * receiving office → home registry (idcard.registry.<home>.requests, keyed by ID number): a citizen reported their
 * card lost (挂失申报) at this office's counter. The registry marks the citizen's current card lost at once,
 * broadcasts CardInvalidated(lost) and answers with LossReportAnswered.
 */
export class LossReported {
  /** The office's id of this report; the answer carries it back. */
  @IsUUID()
  reportId: string;

  @IsCitizenId()
  idNumber: string;

  @IsProvinceCode()
  homeProvince: ProvinceCode;

  /** The serial of the card reported lost, when the citizen knows it: the registry refuses unless it is the current card. */
  @IsOptional()
  @IsCardSerial()
  cardSerial?: string;

  @IsReceivingOfficeCode()
  receivingOfficeCode: string;

  /** Who took the report: the clerk's opaque subject from their token (never a name). */
  @IsString()
  @Length(1, 200)
  @Matches(/^\S+$/, { message: 'reportedBy: must be an opaque subject without spaces' })
  reportedBy: string;

  @IsTimestamp()
  reportedAt: string;
}

export const LOSS_REPORT_OUTCOMES = ['accepted', 'refused'] as const;
export type LossReportOutcome = (typeof LOSS_REPORT_OUTCOMES)[number];

/**
 * Why a registry refuses a loss report: the citizen is not in its register, the serial named is not the citizen's
 * current card (or the citizen holds no valid card), or the current card is already reported lost.
 */
export const LOSS_REPORT_REFUSALS = ['not-in-register', 'not-current-card', 'already-lost'] as const;
export type LossReportRefusal = (typeof LOSS_REPORT_REFUSALS)[number];

/** A refusal: one of `refusals`, present exactly when the answer's outcome is `refused`. */
export function IsRefusal(refusals: readonly string[]): PropertyDecorator {
  return domainRule(
    'isRefusal',
    (v, o) => {
      if (o.outcome !== 'refused') return v === undefined ? null : 'must be absent unless the outcome is refused';
      if (v === undefined) return 'is required when the outcome is refused';
      return refusals.includes(v as string) ? null : `must be one of ${refusals.join(', ')}`;
    },
    undefined,
    { schema: { type: 'string', enum: [...refusals], description: 'present exactly when the outcome is refused' }, mayBeAbsent: true },
  );
}

/** home registry → the receiving office that sent the report (idcard.receiving.<R>.replies, keyed by reportId). */
export class LossReportAnswered {
  @IsUUID()
  reportId: string;

  @IsReceivingOfficeCode()
  receivingOfficeCode: string;

  @IsIn(LOSS_REPORT_OUTCOMES)
  outcome: LossReportOutcome;

  @IsRefusal(LOSS_REPORT_REFUSALS)
  refusal?: LossReportRefusal;

  /** The card now marked lost (accepted), or already lost (refused as already-lost). */
  @IsOptional()
  @IsCardSerial()
  cardSerial?: string;

  @IsTimestamp()
  answeredAt: string;
}
