import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Length, Max, Min } from 'class-validator';

/** What an officer may refuse with: their own words, or the refusal of a declared change of ethnicity. */
export const REVIEWER_REJECTIONS = ['REVIEWER_REJECTED', 'ETHNICITY_MISMATCH'] as const;
export type ReviewerRejection = (typeof REVIEWER_REJECTIONS)[number];

/** Nothing to say: the officer who approves is the caller, from their token (a body naming a reviewer is refused). */
export class ApproveDto {}

/** The officer who rejects is the caller, from their token; the body says why. */
export class RejectDto {
  @ApiProperty({ description: 'Why, in words the receiving office can pass on to the citizen', example: 'no record of a change of ethnicity' })
  @IsString()
  @Length(1, 400)
  reason: string;

  @ApiProperty({
    enum: REVIEWER_REJECTIONS,
    required: false,
    default: 'REVIEWER_REJECTED',
    description: 'ETHNICITY_MISMATCH only for an application that declares a change of ethnicity',
  })
  @IsOptional()
  @IsIn(REVIEWER_REJECTIONS)
  reasonCode?: ReviewerRejection;
}

export class ReviewQueueQuery {
  @ApiProperty({ required: false, default: 100, minimum: 1, maximum: 1000, description: 'At most this many, oldest first' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  limit?: number;
}
