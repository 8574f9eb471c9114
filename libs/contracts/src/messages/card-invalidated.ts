import { IsIn } from 'class-validator';
import { IsCardSerial, IsCitizenId, IsTimestamp } from '../validators';

/** Why a card stops being valid: a new card replaced it, or it was reported lost (挂失). */
export const INVALIDATION_REASONS = ['replaced', 'lost'] as const;
export type InvalidationReason = (typeof INVALIDATION_REASONS)[number];

/** home registry → every province (idcard.national.card-invalidations): this card is no longer valid. */
export class CardInvalidated {
  @IsCardSerial()
  cardSerial: string;

  @IsCitizenId()
  idNumber: string;

  @IsIn(INVALIDATION_REASONS)
  reason: InvalidationReason;

  @IsTimestamp()
  invalidatedAt: string;
}
