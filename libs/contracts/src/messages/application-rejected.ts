import { IsIn, IsOptional, IsString, Length } from 'class-validator';
import { REJECTION_REASON_CODES, RejectionReason } from '../application/rejection-reasons';
import { IsReceiptNumber, IsTimestamp } from '../validators';

/** home registry → receiving office: the application is refused, with the reason to tell the citizen. */
export class ApplicationRejected {
  @IsReceiptNumber()
  receiptNumber: string;

  @IsIn(REJECTION_REASON_CODES)
  reasonCode: RejectionReason;

  /** For people: what exactly did not match, or the reviewer's words. */
  @IsString()
  @Length(1, 500)
  detail: string;

  /** With DUPLICATE_IN_FLIGHT: the receipt of the application already in progress. */
  @IsOptional()
  @IsReceiptNumber()
  inFlightReceiptNumber?: string;

  @IsTimestamp()
  rejectedAt: string;
}
