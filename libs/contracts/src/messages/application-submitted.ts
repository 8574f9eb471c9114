import 'reflect-metadata'; // @Type reads design-time metadata
import { Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsObject, IsOptional, IsString, Length, Matches, Max, Min, ValidateIf, ValidateNested } from 'class-validator';
import { APPLICATION_KINDS, ApplicationKind } from '../application/application-kind';
import { DELIVERY_METHODS, DeliveryMethod } from '../application/delivery-method';
import type { ProvinceCode } from '../codes/provinces';
import { domainRule, IsProvinceCode, IsReceiptNumber, IsReceivingOfficeCode, IsTimestamp } from '../validators';
import { Fingerprints, Photo } from './biometrics';
import { CitizenParticulars } from './citizen-particulars';

/** Since 2019 a signed residence declaration replaces the household register booklet. */
export class ResidenceDeclaration {
  @IsString()
  @Length(4, 200)
  address: string;

  @IsTimestamp()
  declaredAt: string;
}

export class Delivery {
  @IsIn(DELIVERY_METHODS)
  method: DeliveryMethod;

  /** Required when the card goes by post; checked whenever present. */
  @ValidateIf((d: Delivery) => d.method === 'post' || d.postalAddress !== undefined)
  @IsString()
  @Length(4, 200)
  @Matches(/\S/, { message: 'postalAddress: must not be blank' })
  postalAddress?: string;
}

/** receiving office → home registry: an application accepted at a counter (idcard.registry.<home>.applications). */
export class ApplicationSubmitted {
  @IsReceiptNumber()
  receiptNumber: string;

  @IsIn(APPLICATION_KINDS)
  kind: ApplicationKind;

  @IsObject() // ValidateNested alone lets an absent object through
  @ValidateNested()
  @Type(() => CitizenParticulars)
  citizen: CitizenParticulars;

  /** The registry that reviews: where the citizen's household is registered today. */
  @IsProvinceCode()
  homeProvince: ProvinceCode;

  /** Where the citizen lives and applied; its production centre makes the card. */
  @IsProvinceCode()
  receivingProvince: ProvinceCode;

  @IsReceivingOfficeCode('receivingProvince')
  receivingOfficeCode: string;

  @IsObject()
  @ValidateNested()
  @Type(() => Photo)
  photo: Photo;

  @IsObject()
  @ValidateNested()
  @Type(() => Fingerprints)
  fingerprints: Fingerprints;

  /** What the citizen paid; normally feeFor(kind), not enforced here (waivers are the office's business). */
  @IsInt()
  @Min(0)
  @Max(1000)
  feePaidYuan: number;

  @IsObject()
  @ValidateNested()
  @Type(() => ResidenceDeclaration)
  residenceDeclaration: ResidenceDeclaration;

  @IsObject()
  @ValidateNested()
  @Type(() => Delivery)
  delivery: Delivery;

  /** 加急: jumps production queues and ships alone at once. */
  @IsBoolean()
  expedited: boolean;

  @IsTimestamp()
  acceptedAt: string;

  /** dueDateFor(acceptedAt): the end of the 60th CST day after acceptance. */
  @IsTimestamp()
  dueAt: string;

  /**
   * Issue 12: for a `lost` application, the clerk recorded the loss of the current card in the same step; the home
   * registry marks it lost (and broadcasts that) as part of its review. Without it, a `lost` application needs a
   * loss already on record. Only for `lost` applications; absent means false.
   */
  @IsOptional()
  @IsBoolean()
  @OnlyForLostApplications()
  lossReportedAtCounter?: boolean;
}

function OnlyForLostApplications(): PropertyDecorator {
  return domainRule(
    'onlyForLostApplications',
    (v, a) => (v === true && a.kind !== 'lost' ? `applies to a lost application only, not ${String(a.kind)}` : null),
    undefined,
    { schema: { type: 'boolean', description: 'true only for a lost application' } },
  );
}
