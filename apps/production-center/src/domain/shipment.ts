import { IllegalShipmentTransition } from './errors';

/** A shipment takes cards while open (one open shipment per receiving office) and is on its way once dispatched. */
export const SHIPMENT_STATES = ['open', 'dispatched'] as const;
export type ShipmentState = (typeof SHIPMENT_STATES)[number];

/**
 * The one state change of a shipment (null: a new one). A batch opens and is dispatched when it closes; an
 * expedited card's shipment is dispatched from the start, as it ships alone at once.
 */
export function transition(from: ShipmentState | null, to: ShipmentState): ShipmentState {
  if (from === 'dispatched' || from === to) throw new IllegalShipmentTransition(from, to);
  return to;
}

/** When a shipment to one receiving office stops taking cards and goes on its way. */
export interface ShipmentRules {
  /** Cards at which a shipment is full and leaves. */
  sizeLimit: number;
  /** Longest the oldest card of a shipment waits for the shipment to fill (ms). */
  maxWaitMs: number;
}

/** 'escalated': a card whose 60-day limit was breached leaves with its shipment at once. */
export type ClosingReason = 'expedited' | 'full' | 'cut-off' | 'escalated';

export interface ShipmentSnapshot {
  expedited: boolean;
  cardCount: number;
  /** When the first (oldest) card went in. */
  openedAt: Date;
}

/** Shipments opened at or before this instant have reached their cut-off. */
export function cutOffFor(now: Date, rules: ShipmentRules): Date {
  return new Date(now.getTime() - rules.maxWaitMs);
}

/** The latest a card packed at `packedAt` leaves: its shipment opened then or before. */
export function leavesBy(packedAt: Date, rules: Pick<ShipmentRules, 'maxWaitMs'>): Date {
  return new Date(packedAt.getTime() + rules.maxWaitMs);
}

/** Why this shipment must leave now, or null while it may wait for more cards. */
export function closingReason(s: ShipmentSnapshot, now: Date, rules: ShipmentRules): ClosingReason | null {
  if (s.cardCount === 0) return null;
  if (s.expedited) return 'expedited';
  if (s.cardCount >= rules.sizeLimit) return 'full';
  if (s.openedAt.getTime() <= cutOffFor(now, rules).getTime()) return 'cut-off';
  return null;
}

export interface PackedCard {
  receiptNumber: string;
  cardSerial: string;
}

export interface ManifestLine extends PackedCard {
  /** 1-based line of the manifest; the receiving office ticks cards off by it. */
  position: number;
}

/** The manifest of a shipment: its cards sorted by receipt number (code-unit order, the same in every locale). */
export function manifestOf(cards: readonly PackedCard[]): ManifestLine[] {
  return [...cards]
    .sort((a, b) => (a.receiptNumber < b.receiptNumber ? -1 : a.receiptNumber > b.receiptNumber ? 1 : 0))
    .map((c, i) => ({ position: i + 1, receiptNumber: c.receiptNumber, cardSerial: c.cardSerial }));
}

/** S + producing province + CST date the shipment opened + sequence, e.g. S44-20250601-000017. */
export function shipmentIdFor(producedBy: string, openedOn: string, sequence: number): string {
  return `S${producedBy}-${openedOn.replace(/-/g, '')}-${String(sequence).padStart(6, '0')}`;
}
