import { ApiProperty } from '@nestjs/swagger';
import { APPLICATION_KINDS } from '@idcard/contracts';

export class PersonView {
  @ApiProperty()
  idNumber: string;

  @ApiProperty()
  name: string;

  @ApiProperty({ enum: ['male', 'female'] })
  sex: string;

  @ApiProperty({ example: '1990-03-07' })
  birthDate: string;

  @ApiProperty({ example: '01', description: 'GB 3304 code' })
  ethnicGroup: string;
}

export class ReviewDoubtView {
  @ApiProperty({ enum: ['ethnicity_change', 'fee_mismatch'] })
  kind: string;

  @ApiProperty({ required: false, description: 'ethnicity_change: registered and declared GB 3304 codes' })
  registered?: string;

  @ApiProperty({ required: false })
  declared?: string;

  @ApiProperty({ required: false, description: 'fee_mismatch: yuan due for the kind and yuan paid' })
  due?: number;

  @ApiProperty({ required: false })
  paid?: number;
}

/** One application waiting for an officer. Unmasked: reviewers are officers (nothing of it is logged). */
export class ReviewItem {
  @ApiProperty()
  receiptNumber: string;

  @ApiProperty({ description: 'Why the application is doubtful, one line' })
  why: string;

  @ApiProperty({ type: [ReviewDoubtView] })
  doubts: ReviewDoubtView[];

  @ApiProperty({ enum: APPLICATION_KINDS })
  kind: string;

  @ApiProperty()
  feePaidYuan: number;

  @ApiProperty({ type: PersonView, description: 'As declared at the counter' })
  declared: PersonView;

  @ApiProperty({ type: PersonView, nullable: true, description: 'As the register holds it' })
  registered: PersonView | null;

  @ApiProperty()
  receivingProvince: string;

  @ApiProperty()
  receivingOfficeCode: string;

  @ApiProperty()
  expedited: boolean;

  @ApiProperty({ format: 'date-time' })
  receivedAt: string;

  @ApiProperty({ format: 'date-time' })
  dueAt: string;

  @ApiProperty({ description: 'Whole CST days left of the 60-day limit (0 on the last day, negative once breached)' })
  daysLeft: number;

  @ApiProperty({ description: 'The receiving office has reported the 60-day limit breached' })
  deadlineBreached: boolean;

  @ApiProperty({ description: 'The receiving office has warned that the 60-day limit is running out' })
  deadlineWarned: boolean;
}
