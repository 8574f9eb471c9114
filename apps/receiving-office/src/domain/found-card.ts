/**
 * A card handed in as found (丢失招领) at this office: routed to the holder's home registry, which answers whether
 * it is to be destroyed (it was reported lost or replaced) or returned (the registry texts the holder to collect it
 * here). A returned card not collected within the keep period is destroyed too.
 *
 *   routed ──destroy──> to_destroy ─────────────> destroyed
 *     └────return──> awaiting_collection ──> collected
 *                        └──kept too long──> to_destroy
 */
export const FOUND_CARD_STATUSES = ['routed', 'to_destroy', 'awaiting_collection', 'destroyed', 'collected'] as const;
export type FoundCardStatus = (typeof FOUND_CARD_STATUSES)[number];

/**
 * Why a card is to be destroyed: the registry said so, the card was invalidated while held here (reported lost or
 * replaced after the registry had said return), or nobody came for it in time.
 */
export type DestructionCause = 'registry' | 'invalidated' | 'uncollected';

/** The registry's instruction for a found card (FoundCardAnswered.instruction). */
export type FoundCardInstruction = 'destroy' | 'return';

/** FOUND_CARD_KEEP_DAYS default: how long a returned card waits at the counter for its holder. */
export const DEFAULT_FOUND_CARD_KEEP_DAYS = 90;

const DAY_MS = 86_400_000;

export function isFoundCardStatus(value: unknown): value is FoundCardStatus {
  return typeof value === 'string' && (FOUND_CARD_STATUSES as readonly string[]).includes(value);
}

/** Statuses in which a card is still in the office's hands (one such card per serial). */
export const FOUND_CARD_OPEN_STATUSES: readonly FoundCardStatus[] = ['routed', 'to_destroy', 'awaiting_collection'];

/** Until when a card the registry told us to return waits for its holder. */
export function keepUntil(answeredAt: Date, keepDays: number): Date {
  return new Date(answeredAt.getTime() + keepDays * DAY_MS);
}

/**
 * What the registry's answer does to a found card here:
 * - `apply`: the new status (and, for a return, until when it is kept);
 * - `already-applied`: the same instruction again — nothing changes;
 * - `conflict`: an instruction other than the one recorded, or one for a card already out of the office's hands:
 *   a person must look, so the message is dead-lettered with the reason.
 */
export type FoundCardAnswerOutcome =
  | { outcome: 'apply'; status: 'to_destroy' | 'awaiting_collection'; keepUntil: Date | null; because: DestructionCause | null }
  | { outcome: 'already-applied' }
  | { outcome: 'conflict'; reason: string };

export function foundCardAnswerOutcome(
  card: { status: FoundCardStatus; instruction: FoundCardInstruction | null; invalidationReason?: string | null },
  instruction: FoundCardInstruction,
  answeredAt: Date,
  keepDays: number,
): FoundCardAnswerOutcome {
  if (card.status === 'routed') {
    if (instruction === 'destroy') return { outcome: 'apply', status: 'to_destroy', keepUntil: null, because: 'registry' };
    // The card was invalidated after the registry looked (the two travel on different topics): never returned.
    if (card.invalidationReason) return { outcome: 'apply', status: 'to_destroy', keepUntil: keepUntil(answeredAt, keepDays), because: 'invalidated' };
    return { outcome: 'apply', status: 'awaiting_collection', keepUntil: keepUntil(answeredAt, keepDays), because: null };
  }
  if (card.instruction === instruction) return { outcome: 'already-applied' };
  return { outcome: 'conflict', reason: `the registry said ${card.instruction ?? 'nothing'} before, now ${instruction}, for a card that is ${card.status}` };
}

/** A card awaiting collection past its keep date is to be destroyed (the sweep records it so; until then it already counts so). */
export function isUncollected(card: { status: FoundCardStatus; keepUntil: Date | null }, now: Date): boolean {
  return card.status === 'awaiting_collection' && card.keepUntil !== null && card.keepUntil.getTime() <= now.getTime();
}

/** The status a clerk sees: an awaiting card kept too long is to be destroyed even before the sweep has run. */
export function effectiveFoundCardStatus(card: { status: FoundCardStatus; keepUntil: Date | null }, now: Date): FoundCardStatus {
  return isUncollected(card, now) ? 'to_destroy' : card.status;
}

/** Why the card cannot be destroyed now (null when it can): only a card to be destroyed is. */
export function destructionProblem(card: { status: FoundCardStatus; keepUntil: Date | null }, now: Date): string | null {
  const status = effectiveFoundCardStatus(card, now);
  if (status === 'to_destroy') return null;
  if (status === 'routed') return 'the home registry has not answered yet';
  if (status === 'awaiting_collection') return 'the home registry asked for it to be returned to its holder';
  return `it is already ${status}`;
}

/** Why the card cannot be handed to its holder now (null when it can): only a returned card, within its keep period. */
export function collectionProblem(card: { status: FoundCardStatus; keepUntil: Date | null }, now: Date): string | null {
  const status = effectiveFoundCardStatus(card, now);
  if (status === 'awaiting_collection') return null;
  if (status === 'routed') return 'the home registry has not answered yet';
  if (status === 'to_destroy')
    return card.status === 'awaiting_collection' ? 'it was kept past its collection period and is to be destroyed' : 'it is to be destroyed';
  return `it is already ${status}`;
}

/** The ID number a person presents at collection must be the card's (as the counter types it: lower-case x, spaces). */
export function isTheHolder(cardIdNumber: string, presentedIdNumber: string): boolean {
  return presentedIdNumber.trim().toUpperCase() === cardIdNumber;
}

/**
 * What a CardInvalidated broadcast does to a card this office holds: one kept for its holder is to be destroyed at
 * once; one still waiting for the registry keeps the reason, so a later `return` destroys it; otherwise nothing.
 */
export function foundCardInvalidatedOutcome(card: { status: FoundCardStatus; invalidationReason: string | null }): 'destroy' | 'note' | 'nothing' {
  if (card.status === 'awaiting_collection') return 'destroy';
  if (card.status === 'routed' && card.invalidationReason === null) return 'note';
  return 'nothing';
}
