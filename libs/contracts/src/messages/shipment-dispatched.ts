import 'reflect-metadata'; // @Type reads design-time metadata
import { Type } from 'class-transformer';
import { ArrayMinSize, ArrayUnique, IsArray, IsBoolean, IsString, Length, ValidateNested } from 'class-validator';
import type { ProvinceCode } from '../codes/provinces';
import { IsCardSerial, IsProvinceCode, IsReceiptNumber, IsReceivingOfficeCode, IsTimestamp } from '../validators';

/** One card in a shipment. */
export class ManifestLine {
  @IsReceiptNumber()
  receiptNumber: string;

  @IsCardSerial()
  cardSerial: string;
}

/**
 * production centre → receiving office (idcard.receiving.<pp>.shipments): finished cards sorted for one receiving
 * office. `cards` is the manifest in its stable order; the office confirms arrival card by card against it.
 */
export class ShipmentDispatched {
  @IsString()
  @Length(1, 60)
  shipmentId: string;

  @IsProvinceCode()
  producedBy: ProvinceCode;

  @IsReceivingOfficeCode()
  receivingOfficeCode: string;

  /** An expedited card ships alone, at once. */
  @IsBoolean()
  expedited: boolean;

  @IsTimestamp()
  dispatchedAt: string;

  @IsArray()
  @ArrayMinSize(1)
  @ArrayUnique((line: ManifestLine) => line?.cardSerial, { message: 'cards: a card serial appears twice in the manifest' })
  @ValidateNested({ each: true })
  @Type(() => ManifestLine)
  cards: ManifestLine[];
}
