import 'reflect-metadata';
import { Type } from 'class-transformer';
import { ArrayMinSize, IsBoolean, IsIn, IsInt, IsISO8601, IsOptional, IsString, Matches, Min, ValidateNested } from 'class-validator';
import { APPLICATION_KINDS, ApplicationKind, RECEIVING_OFFICE_CODE, REJECTION_REASON_CODES, RejectionReason } from '../application';
import { CARD_SCRIPTS, CardScript } from '../codes/ethnic-groups';
import type { ProvinceCode } from '../codes/provinces';
import { IsCitizenId, IsProvinceCode } from '../validators';
import { CitizenParticulars, DATE_ONLY, Delivery, Fingerprints, Photo, ResidenceDeclaration } from './parts';

const RECEIPT = /^R\d{2}-[0-9A-Z-]{6,40}$/;

/** receiving office → home registry: an application accepted at a counter. */
export class ApplicationSubmitted {
  @Matches(RECEIPT, { message: 'receiptNumber must look like R44-…' })
  receiptNumber: string;

  @IsIn(APPLICATION_KINDS)
  kind: ApplicationKind;

  @ValidateNested()
  @Type(() => CitizenParticulars)
  citizen: CitizenParticulars;

  @IsProvinceCode()
  homeProvince: ProvinceCode;

  @IsProvinceCode()
  receivingProvince: ProvinceCode;

  @Matches(RECEIVING_OFFICE_CODE, { message: 'receivingOfficeCode must be a 6-digit county code and a 2-digit station' })
  receivingOfficeCode: string;

  @ValidateNested()
  @Type(() => Photo)
  photo: Photo;

  @ValidateNested()
  @Type(() => Fingerprints)
  fingerprints: Fingerprints;

  @IsInt()
  @Min(0)
  feePaidYuan: number;

  @ValidateNested()
  @Type(() => ResidenceDeclaration)
  residenceDeclaration: ResidenceDeclaration;

  @ValidateNested()
  @Type(() => Delivery)
  delivery: Delivery;

  @IsBoolean()
  expedited: boolean;

  @IsISO8601()
  acceptedAt: string;

  @IsISO8601()
  dueAt: string;
}

/** home registry → receiving office: the application is signed off (签发) and ordered for production. */
export class ApplicationSignedOff {
  @Matches(RECEIPT)
  receiptNumber: string;

  @IsProvinceCode()
  productionProvince: ProvinceCode;

  @IsString()
  reviewedBy: string;

  @IsISO8601()
  signedOffAt: string;
}

/** home registry → receiving office: the application is refused, with the reason. */
export class ApplicationRejected {
  @Matches(RECEIPT)
  receiptNumber: string;

  @IsIn(REJECTION_REASON_CODES)
  reasonCode: RejectionReason;

  @IsString()
  detail: string;

  @IsOptional()
  @Matches(RECEIPT)
  inFlightReceiptNumber?: string;

  @IsISO8601()
  rejectedAt: string;
}

/** home registry → production centre (and centre → centre): make this card. */
export class ProductionOrdered {
  @Matches(RECEIPT)
  receiptNumber: string;

  @IsIn(APPLICATION_KINDS)
  kind: ApplicationKind;

  @ValidateNested()
  @Type(() => CitizenParticulars)
  citizen: CitizenParticulars;

  @ValidateNested()
  @Type(() => Photo)
  photo: Photo;

  @IsOptional()
  @IsIn(CARD_SCRIPTS)
  cardScript: CardScript | null;

  @IsProvinceCode()
  homeProvince: ProvinceCode;

  @IsProvinceCode()
  receivingProvince: ProvinceCode;

  @Matches(RECEIVING_OFFICE_CODE)
  receivingOfficeCode: string;

  @IsBoolean()
  expedited: boolean;

  @IsISO8601()
  dueAt: string;

  @IsISO8601()
  orderedAt: string;

  /** The centre that could not print the card's script and passed the order on. */
  @IsOptional()
  @IsProvinceCode()
  forwardedFrom?: ProvinceCode;
}

/** production centre → home registry: a card exists now. */
export class CardProduced {
  @Matches(RECEIPT)
  receiptNumber: string;

  @Matches(/^[0-9A-Z]{10,20}$/, { message: 'cardSerial must be 10-20 upper-case letters or digits' })
  cardSerial: string;

  @IsCitizenId()
  idNumber: string;

  @Matches(DATE_ONLY)
  issueDate: string;

  @IsOptional()
  @Matches(DATE_ONLY)
  expiresOn: string | null;

  @IsProvinceCode()
  producedBy: ProvinceCode;

  @IsISO8601()
  producedAt: string;
}

export class ManifestLine {
  @Matches(RECEIPT)
  receiptNumber: string;

  @Matches(/^[0-9A-Z]{10,20}$/)
  cardSerial: string;
}

/** production centre → receiving office: a shipment is on its way, with its manifest in a stable order. */
export class ShipmentDispatched {
  @IsString()
  shipmentId: string;

  @IsProvinceCode()
  producedBy: ProvinceCode;

  @Matches(RECEIVING_OFFICE_CODE)
  receivingOfficeCode: string;

  @IsBoolean()
  expedited: boolean;

  @IsISO8601()
  dispatchedAt: string;

  @ArrayMinSize(1)
  @ValidateNested({ each: true })
  @Type(() => ManifestLine)
  cards: ManifestLine[];
}

/** home registry → everyone: a card is no longer valid (replaced by a new one, or reported lost). */
export class CardInvalidated {
  @Matches(/^[0-9A-Z]{10,20}$/)
  cardSerial: string;

  @IsCitizenId()
  idNumber: string;

  @IsIn(['replaced', 'lost'])
  reason: 'replaced' | 'lost';

  @IsISO8601()
  invalidatedAt: string;
}
