import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length, Matches } from 'class-validator';
import { IsCardSerial, IsCitizenId, VERIFICATION_REASONS, VerificationReason } from '@idcard/contracts';

/** What a verifier reads off the card in front of it. */
export class VerificationRequestDto {
  @ApiProperty({ description: 'The serial printed on the card (10-20 upper-case letters or digits)', example: 'P44202611220000001' })
  @IsCardSerial()
  cardSerial: string;

  @ApiProperty({ description: 'The ID number printed on the card (GB 11643)', example: '11010519491231002X' })
  @IsCitizenId()
  idNumber: string;

  @ApiProperty({ description: 'The name printed on the card', example: '王芳' })
  @IsString()
  @Length(1, 30)
  @Matches(/\S/, { message: 'name: must not be blank' })
  name: string;
}

/** Valid, or invalid with one reason: never anything about the holder. */
export class VerificationAnswerDto {
  @ApiProperty({ enum: ['valid', 'invalid'] })
  result: 'valid' | 'invalid';

  @ApiProperty({ enum: VERIFICATION_REASONS, required: false, description: 'Present when invalid' })
  reason?: VerificationReason;
}
