import 'reflect-metadata'; // @Type reads design-time metadata
import { Type } from 'class-transformer';
import { IsBoolean, IsIn, IsObject, IsOptional, ValidateIf, ValidateNested } from 'class-validator';
import { APPLICATION_KINDS, ApplicationKind } from '../application/application-kind';
import { CARD_SCRIPTS, CardScript } from '../codes/ethnic-groups';
import type { ProvinceCode } from '../codes/provinces';
import { IsProvinceCode, IsReceiptNumber, IsReceivingOfficeCode, IsTimestamp } from '../validators';
import { Photo } from './biometrics';
import { CitizenParticulars } from './citizen-particulars';

/**
 * home registry → production centre, and centre → centre when it cannot print the script
 * (idcard.production.<pp>.orders): make this card, and ship it to the receiving office.
 */
export class ProductionOrdered {
  @IsReceiptNumber()
  receiptNumber: string;

  @IsIn(APPLICATION_KINDS)
  kind: ApplicationKind;

  /** Name, sex, ethnicity, birth date and ID number as signed off (after any approved change). */
  @IsObject() // ValidateNested alone lets an absent object through
  @ValidateNested()
  @Type(() => CitizenParticulars)
  citizen: CitizenParticulars;

  @IsObject()
  @ValidateNested()
  @Type(() => Photo)
  photo: Photo;

  /** cardScriptFor(ethnic group, home province); null prints Chinese only. Must be present, null or a script. */
  @ValidateIf((o: ProductionOrdered) => o.cardScript !== null)
  @IsIn(CARD_SCRIPTS)
  cardScript: CardScript | null;

  @IsProvinceCode()
  homeProvince: ProvinceCode;

  @IsProvinceCode()
  receivingProvince: ProvinceCode;

  /** Where the finished card is shipped; the key finished cards are sorted by. */
  @IsReceivingOfficeCode('receivingProvince')
  receivingOfficeCode: string;

  @IsBoolean()
  expedited: boolean;

  @IsTimestamp()
  dueAt: string;

  @IsTimestamp()
  orderedAt: string;

  /** The centre that could not print the card's script and passed the order on. */
  @IsOptional()
  @IsProvinceCode()
  forwardedFrom?: ProvinceCode;
}
