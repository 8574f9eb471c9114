import { ApiProperty } from '@nestjs/swagger';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

export class SeedRegisterDto {
  @ApiProperty({
    description: 'How many synthetic citizens the register should hold (from the start of the seeded sequence)',
    example: 1000,
    minimum: 1,
    maximum: 200000,
  })
  @IsInt()
  @Min(1)
  @Max(200_000)
  count: number;

  @ApiProperty({ description: 'Seed of the synthetic register; the same seed gives the same citizens', example: 1, required: false, default: 1 })
  @IsOptional()
  @IsInt()
  @Min(0)
  seed?: number;
}

export class SeedRegisterAnswer {
  @ApiProperty({ description: 'Citizens added now (those already in the register are kept as they are)' })
  seeded: number;

  @ApiProperty({ description: 'Current cards given now to adults (16+) who held none' })
  cardsIssued: number;
}
