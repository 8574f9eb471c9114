import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  APPLICATION_KINDS,
  ApplicationKind,
  DELIVERY_METHODS,
  DeliveryMethod,
  domainRule,
  ETHNIC_GROUP_CODES,
  EthnicGroupCode,
  IsBase64Bytes,
  IsCalendarDate,
  IsCitizenId,
  IsEthnicGroupCode,
  IsJpegBase64,
  IsProvinceCode,
  IsTimestamp,
  photoProblem,
  PROVINCE_CODES,
  ProvinceCode,
  receivingOfficeCodeProblem,
  Sex,
} from '@idcard/contracts';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  Length,
  Matches,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { birthDateProblem, feeProblem, lossReportedAtCounterProblem, postalAddressProblem, sexProblem } from '../../domain/application-form';

/** The photo check at the counter, on bytes IsJpegBase64 has let through (it reports anything else itself). */
function idCardPhotoProblem(jpegBase64: unknown): string | null {
  if (typeof jpegBase64 !== 'string') return null;
  const bytes = Buffer.from(jpegBase64, 'base64');
  if (bytes[0] !== 0xff || bytes[1] !== 0xd8) return null;
  return photoProblem(bytes);
}

export class CitizenDto {
  @ApiProperty({ description: 'GB 11643 citizen ID number (18 characters, check character by ISO 7064 MOD 11-2)', example: '440106199003151224' })
  @IsCitizenId()
  idNumber: string;

  @ApiProperty({ description: 'Name as on the register', example: '王芳', minLength: 1, maxLength: 30 })
  @IsString()
  @Length(1, 30)
  @Matches(/\S/, { message: 'name: must not be blank' })
  name: string;

  @ApiProperty({ enum: ['male', 'female'], description: 'Must agree with the ID number (odd sequence = male)' })
  @IsIn(['male', 'female'])
  @domainRule('sexAgreesWithIdNumber', (sex, citizen) => sexProblem(citizen.idNumber, sex))
  sex: Sex;

  @ApiProperty({ description: 'YYYY-MM-DD; must agree with the ID number', example: '1990-03-15' })
  @IsCalendarDate()
  @domainRule('birthDateAgreesWithIdNumber', (birthDate, citizen) => birthDateProblem(citizen.idNumber, birthDate))
  birthDate: string;

  @ApiProperty({ enum: ETHNIC_GROUP_CODES, description: 'GB 3304 ethnic-group code (01 Han … 56 Jino)', example: '01' })
  @IsEthnicGroupCode()
  ethnicGroup: EthnicGroupCode;
}

export class PhotoDto {
  @ApiProperty({ description: 'The ID-card photo: base64 of a JPEG of exactly 358 × 441 pixels', format: 'byte' })
  @IsJpegBase64()
  @MaxLength(1_000_000)
  @domainRule('isIdCardPhoto', idCardPhotoProblem)
  jpegBase64: string;
}

export class ResidenceDeclarationDto {
  @ApiProperty({
    description: 'Where the citizen lives (the signed residence declaration replaces the household register booklet)',
    example: '乌鲁木齐市天山区某街道 8 号',
  })
  @IsString()
  @Length(4, 200)
  @Matches(/\S/, { message: 'address: must not be blank' })
  address: string;

  @ApiPropertyOptional({ description: 'When it was signed (ISO 8601 with offset); default: the time of acceptance', example: '2026-11-01T08:00:00+08:00' })
  @IsOptional()
  @IsTimestamp()
  declaredAt?: string;
}

export class DeliveryDto {
  @ApiProperty({ enum: DELIVERY_METHODS, description: 'counter pickup, self-service pickup machine (kiosk), or by post' })
  @IsIn(DELIVERY_METHODS)
  method: DeliveryMethod;

  @ApiPropertyOptional({ description: 'Required for post; ignored otherwise', minLength: 4, maxLength: 200 })
  @domainRule('postalAddress', (address, delivery) => {
    const missing = postalAddressProblem(delivery.method, address);
    if (missing || address === undefined) return missing;
    return typeof address === 'string' && address.length >= 4 && address.length <= 200 ? null : 'must be an address of 4 to 200 characters';
  })
  postalAddress?: string;
}

/** An application as the counter clerk enters it (POST /applications). */
export class SubmitApplicationDto {
  @ApiProperty({ enum: APPLICATION_KINDS, description: 'first (首次申领), renewal (换领), lost (补领), damaged' })
  @IsIn(APPLICATION_KINDS)
  kind: ApplicationKind;

  @ApiProperty({ type: CitizenDto })
  @IsObject()
  @ValidateNested()
  @Type(() => CitizenDto)
  citizen: CitizenDto;

  @ApiPropertyOptional({ enum: PROVINCE_CODES, description: "The home registry's province; default: the province of the ID number" })
  @IsOptional()
  @IsProvinceCode()
  homeProvince?: ProvinceCode;

  @ApiProperty({ description: 'This office: a 6-digit county code of this province and a 2-digit station', example: '65010201' })
  @domainRule('isReceivingOfficeCode', receivingOfficeCodeProblem)
  receivingOfficeCode: string;

  @ApiProperty({ type: PhotoDto })
  @IsObject()
  @ValidateNested()
  @Type(() => PhotoDto)
  photo: PhotoDto;

  @ApiProperty({ type: [String], minItems: 2, maxItems: 2, description: 'Two fingerprint templates from the capture device, base64' })
  @IsArray()
  @ArrayMinSize(2, { message: 'fingerprints: exactly two are taken, not fewer' })
  @ArrayMaxSize(2, { message: 'fingerprints: exactly two are taken, not more' })
  @IsBase64Bytes({ each: true })
  @MaxLength(100_000, { each: true })
  fingerprints: string[];

  @ApiProperty({ description: '工本费 paid: 20 yuan (first, renewal, damaged) or 40 (lost)', example: 20 })
  @IsInt()
  @Min(0)
  @domainRule('isFeeOfKind', (fee, form) => feeProblem(form.kind, fee))
  feePaidYuan: number;

  @ApiProperty({ type: ResidenceDeclarationDto })
  @IsObject()
  @ValidateNested()
  @Type(() => ResidenceDeclarationDto)
  residenceDeclaration: ResidenceDeclarationDto;

  @ApiProperty({ type: DeliveryDto })
  @IsObject()
  @ValidateNested()
  @Type(() => DeliveryDto)
  delivery: DeliveryDto;

  @ApiPropertyOptional({ description: '加急: jumps production queues and ships alone at once', default: false })
  @IsOptional()
  @IsBoolean()
  expedited?: boolean;

  @ApiPropertyOptional({
    description:
      '补领 only: the clerk records the loss of the current card in this same step (the home registry marks it lost); otherwise a lost application needs a loss already on record',
    default: false,
  })
  @IsOptional()
  @domainRule('lossReportedAtCounter', (value, form) => lossReportedAtCounterProblem(form.kind, value))
  lossReportedAtCounter?: boolean;
}

/** The receipt (回执) handed to the citizen. */
export class SubmissionReceiptDto {
  @ApiProperty({ example: 'R65-20261101-000001' })
  receiptNumber: string;

  @ApiProperty({ example: 'submitted' })
  status: 'submitted';

  @ApiProperty({ format: 'date-time' })
  acceptedAt: string;

  @ApiProperty({ format: 'date-time', description: 'End of the 60-day limit: 00:00 CST after its last day' })
  dueAt: string;

  @ApiProperty({ example: '2026-12-31', description: 'The last CST calendar day of the limit' })
  dueDate: string;

  @ApiProperty({ example: 60, description: 'Whole CST days left until the last day' })
  daysLeft: number;
}
