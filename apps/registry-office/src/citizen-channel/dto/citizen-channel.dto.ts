import { ApiProperty } from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';
import { IsCardSerial, IsCitizenId } from '@idcard/contracts';

export class OneTimeCodeRequestDto {
  @ApiProperty({ description: 'The citizen ID number (GB 11643); a code goes by SMS to the phone number the register holds', example: '11010519491231002X' })
  @IsCitizenId()
  idNumber: string;
}

export class OneTimeCodeAnswer {
  @ApiProperty({
    description: 'Always the same, whether or not the citizen is in the register',
    example: 'if the register holds a phone number for this ID number, a code has been sent to it',
  })
  message: string;
}

export class CitizenSignInDto {
  @ApiProperty({ example: '11010519491231002X' })
  @IsCitizenId()
  idNumber: string;

  @ApiProperty({ description: 'The six-digit code from the SMS', example: '042917' })
  @Matches(/^\d{6}$/, { message: 'code: must be the six digits sent by SMS' })
  code: string;
}

export class CitizenSessionAnswer {
  @ApiProperty({ description: 'Bearer token for the /citizens/me routes of this registry only' })
  token: string;

  @ApiProperty({ format: 'date-time' })
  expiresAt: string;
}

export class CitizenLossReportDto {
  @ApiProperty({ required: false, description: 'The serial of the card reported lost, if known: it must be the current card' })
  @IsOptional()
  @IsCardSerial()
  cardSerial?: string;
}

export class CitizenLossReportAnswer {
  @ApiProperty()
  reportId: string;

  @ApiProperty({ description: 'The card now marked lost and invalid in every province' })
  cardSerial: string;

  @ApiProperty({ format: 'date-time' })
  reportedAt: string;
}

export class CitizenVerificationView {
  @ApiProperty({ format: 'date-time' })
  checkedAt: string;

  @ApiProperty()
  cardSerial: string;

  @ApiProperty({ description: 'The verifier client (bank, hotel, telecom) as its token names it' })
  client: string;

  @ApiProperty({ description: 'Where: the province whose registry office answered the check (GB/T 2260 code)', example: '11' })
  province: string;

  @ApiProperty({ enum: ['valid', 'invalid'] })
  result: 'valid' | 'invalid';

  @ApiProperty({ nullable: true, type: String })
  reason: string | null;
}
