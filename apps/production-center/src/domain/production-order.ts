import { IllegalOrderTransition } from './errors';

/**
 * Where an order is at this centre: queued for the line (with the photo to print), produced (a card serial, in a
 * shipment), or forwarded to the centre that prints its second script. Produced and forwarded are final here.
 */
export const PRODUCTION_ORDER_STATES = ['queued', 'produced', 'forwarded'] as const;
export type ProductionOrderState = (typeof PRODUCTION_ORDER_STATES)[number];

/** The states an order may take next; `new` is an order this centre has not received yet. */
const NEXT_STATES: Record<ProductionOrderState | 'new', readonly ProductionOrderState[]> = {
  new: ['queued', 'forwarded'],
  queued: ['produced'],
  produced: [],
  forwarded: [],
};

/** The one state change of a production order (null: not received yet); throws IllegalOrderTransition for any other. */
export function transition(from: ProductionOrderState | null, to: ProductionOrderState): ProductionOrderState {
  if (!NEXT_STATES[from ?? 'new'].includes(to)) throw new IllegalOrderTransition(from, to);
  return to;
}
