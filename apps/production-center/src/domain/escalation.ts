import type { ProductionOrderState } from '../take-orders/entities/production-order.entity';

/** The receiving office's report on an order's 60-day limit: 1 warned (near due), 2 breached. */
export type EscalationLevel = 1 | 2;

export const ESCALATION_NAMES: Record<0 | EscalationLevel, 'none' | 'warned' | 'breached'> = { 0: 'none', 1: 'warned', 2: 'breached' };

/** A later report replaces the kept one unless it is milder (a warning delivered after the breach). */
export function replacesKept(incoming: EscalationLevel, kept: EscalationLevel | null): boolean {
  return kept === null || incoming >= kept;
}

export type EscalationAction =
  /** The order has not reached this centre: kept, and applied when it arrives. */
  | 'keep'
  /** Queued: to the front of the queue, and expedited so its card ships alone at once. */
  | 'expedite'
  /** Forwarded to the centre that prints its script: the report follows it there. */
  | 'pass-on'
  /** Produced and still in an open shipment: that shipment leaves now instead of waiting to fill. */
  | 'ship-at-once'
  /** Produced and on its way: nothing left to hurry here. */
  | 'already-shipped';

export function escalationAction(state: ProductionOrderState | null, shipmentOpen: boolean): EscalationAction {
  if (state === null) return 'keep';
  if (state === 'queued') return 'expedite';
  if (state === 'forwarded') return 'pass-on';
  return shipmentOpen ? 'ship-at-once' : 'already-shipped';
}
