import type { LossReportRefusal } from '@idcard/contracts';

/** A card of the citizen as the register holds it. */
export interface RegisteredCard {
  cardSerial: string;
  status: 'valid' | 'invalidated';
  invalidationReason: 'replaced' | 'lost' | 'expired' | null;
}

export type LossJudgement = { outcome: 'accepted'; cardSerial: string } | { outcome: 'refused'; refusal: LossReportRefusal; cardSerial?: string };

/**
 * What a loss report (挂失) does to the register: the citizen's one valid card is marked lost, unless the citizen is
 * not in the register, the report names another card than the current one, the current card is already lost, or the
 * citizen holds no valid card at all. `cards` are the citizen's cards, newest first; `namedSerial` the serial the
 * report gives, if any.
 */
export function judgeLossReport(registered: boolean, cards: readonly RegisteredCard[], namedSerial?: string): LossJudgement {
  if (!registered) return { outcome: 'refused', refusal: 'not-in-register' };
  const current = cards.find((c) => c.status === 'valid');
  const named = namedSerial === undefined ? undefined : cards.find((c) => c.cardSerial === namedSerial);
  if (current && (namedSerial === undefined || namedSerial === current.cardSerial)) return { outcome: 'accepted', cardSerial: current.cardSerial };
  // No valid card, or another card named: already lost if that card (or the newest one) is, else not the current card.
  const asked = namedSerial === undefined ? cards[0] : named;
  if (asked?.invalidationReason === 'lost') return { outcome: 'refused', refusal: 'already-lost', cardSerial: asked.cardSerial };
  return { outcome: 'refused', refusal: 'not-current-card' };
}

/**
 * Issue 12, item 5: a `lost` application (补领) needs a loss on record for the citizen's current card. With a valid
 * card still in the register, either the clerk records the loss with the application (the registry marks it lost as
 * part of the review: `record`) or the application is refused (`refuse`). Without a valid card there is nothing to
 * invalidate (`none`). Any other kind of application: `none`.
 */
export function lossForLostApplication(
  kind: string,
  lossReportedAtCounter: boolean | undefined,
  validCardSerial: string | null,
): { action: 'none' } | { action: 'record'; cardSerial: string } | { action: 'refuse' } {
  if (kind !== 'lost' || validCardSerial === null) return { action: 'none' };
  return lossReportedAtCounter === true ? { action: 'record', cardSerial: validCardSerial } : { action: 'refuse' };
}
