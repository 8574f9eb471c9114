import 'reflect-metadata';
import { ArrayMaxSize, ArrayMinSize, IsBase64, IsIn, IsInt, IsISO8601, IsOptional, IsString, Length, Matches, Max, Min } from 'class-validator';
import { DELIVERY_METHODS, DeliveryMethod } from '../application';
import type { EthnicGroupCode } from '../codes/ethnic-groups';
import { IsCitizenId, IsEthnicGroupCode } from '../validators';

export const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/** Who the card is for, as declared at the counter (and printed on the card). */
export class CitizenParticulars {
  @IsCitizenId()
  idNumber: string;

  @IsString()
  @Length(1, 30)
  name: string;

  @IsIn(['male', 'female'])
  sex: 'male' | 'female';

  @Matches(DATE_ONLY, { message: 'birthDate must be YYYY-MM-DD' })
  birthDate: string;

  @IsEthnicGroupCode()
  ethnicGroup: EthnicGroupCode;
}

export class Photo {
  @IsBase64()
  jpegBase64: string;

  @IsInt()
  @Min(1)
  @Max(10000)
  widthPx: number;

  @IsInt()
  @Min(1)
  @Max(10000)
  heightPx: number;

  @Matches(/^[0-9a-f]{64}$/, { message: 'sha256 must be 64 hex characters' })
  sha256: string;
}

export class ResidenceDeclaration {
  @IsString()
  @Length(4, 200)
  address: string;

  @IsISO8601()
  declaredAt: string;
}

export class Delivery {
  @IsIn(DELIVERY_METHODS)
  method: DeliveryMethod;

  @IsOptional()
  @IsString()
  @Length(4, 200)
  postalAddress?: string;
}

export class Fingerprints {
  @ArrayMinSize(2)
  @ArrayMaxSize(2)
  @IsBase64({}, { each: true })
  templates: string[];
}
