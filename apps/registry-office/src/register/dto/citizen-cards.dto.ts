import { ApiProperty } from '@nestjs/swagger';
import { IsCitizenId } from '@idcard/contracts';

export class CitizenCardsParams {
  @ApiProperty({ description: 'Citizen ID number (GB 11643)', example: '440106199003071234' })
  @IsCitizenId()
  idNumber: string;
}

export class CardView {
  @ApiProperty({ example: 'RG3F9A0C11B2D4E5F6' })
  cardSerial: string;

  @ApiProperty({ enum: ['valid', 'invalidated'] })
  status: 'valid' | 'invalidated';

  @ApiProperty({ example: '2021-04-02', description: 'YYYY-MM-DD' })
  issueDate: string;

  @ApiProperty({ example: '2041-04-02', nullable: true, type: String, description: 'YYYY-MM-DD; null for a long-term card' })
  expiresOn: string | null;

  @ApiProperty({ nullable: true, type: String, format: 'date-time' })
  invalidatedAt: string | null;

  @ApiProperty({ enum: ['replaced', 'lost', 'expired'], nullable: true })
  invalidationReason: 'replaced' | 'lost' | 'expired' | null;

  @ApiProperty({ nullable: true, type: String, description: 'The application the card was produced for; null for a card from before this system' })
  producedForReceipt: string | null;
}

export class CitizenCardsAnswer {
  @ApiProperty()
  idNumber: string;

  @ApiProperty({ type: [CardView], description: 'Newest first' })
  cards: CardView[];
}
