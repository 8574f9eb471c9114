import { ApiProperty } from '@nestjs/swagger';
import { IsCitizenId } from '@idcard/contracts';

export class HandOverCardDto {
  @ApiProperty({ description: "The ID number the collecting citizen presents; must be the applicant's" })
  @IsCitizenId()
  idNumber: string;
}

export class HandoverDto {
  @ApiProperty()
  receiptNumber: string;

  @ApiProperty({ example: 'handed_over' })
  status: 'handed_over';

  @ApiProperty({ format: 'date-time' })
  handedOverAt: string;
}
