import { IsString, Length } from 'class-validator';
import type { ProvinceCode } from '../codes/provinces';
import { IsProvinceCode, IsReceiptNumber, IsTimestamp } from '../validators';

/** home registry → receiving office: the application is signed off (签发) and ordered for production. */
export class ApplicationSignedOff {
  @IsReceiptNumber()
  receiptNumber: string;

  /** The centre the order went to: the receiving province's, or one that can print the card's script. */
  @IsProvinceCode()
  productionProvince: ProvinceCode;

  /** A reviewer's id, or "automatic" when the register matched and no one had to look. */
  @IsString()
  @Length(1, 100)
  reviewedBy: string;

  @IsTimestamp()
  signedOffAt: string;
}
