import { IsIn } from 'class-validator';
import { IsCardSerial, IsCitizenId, IsTimestamp } from '../validators';

/**
 * Why a card stops being valid: a new card replaced it, it was reported lost (挂失), it expired (its home registry's
 * sweep says so once), or a temporary card was voided (issued after the receiving office had given up waiting, so
 * never handed out). A found card that had been reported lost or replaced is already invalid and is destroyed; it
 * needs no second broadcast.
 */
export const INVALIDATION_REASONS = ['replaced', 'lost', 'expired', 'voided'] as const;
export type InvalidationReason = (typeof INVALIDATION_REASONS)[number];

/**
 * home registry → every province (idcard.national.card-invalidations, keyed by card serial): this card is no longer
 * valid. Every registry office applies it to its verification table.
 */
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
