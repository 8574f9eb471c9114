/** What the production line needs to know to put an order in its place in the queue. */
export interface QueuedOrder {
  receiptNumber: string;
  /** The receiving office's report on its 60-day limit: 0 none, 1 warned (near due), 2 breached. */
  escalation: number;
  expedited: boolean;
  dueAt: Date;
  /** Arrival sequence at this centre: earlier orders have smaller numbers. */
  arrival: number;
}

export type QueueKey = 'escalation' | 'expedited' | 'dueAt' | 'arrival';

/**
 * The order in which cards are made: breached orders first, then warned (near-due) ones, then expedited (加急),
 * then the earliest 60-day due date, then arrival.
 * The database query and its index are derived from this list, so the SQL and this rule cannot drift apart.
 */
export const QUEUE_ORDER: readonly { key: QueueKey; direction: 'ASC' | 'DESC' }[] = [
  { key: 'escalation', direction: 'DESC' },
  { key: 'expedited', direction: 'DESC' },
  { key: 'dueAt', direction: 'ASC' },
  { key: 'arrival', direction: 'ASC' },
];

function rank(order: QueuedOrder, key: QueueKey): number {
  const value = order[key];
  return typeof value === 'boolean' ? Number(value) : value instanceof Date ? value.getTime() : value;
}

/** Negative when `a` is produced before `b`. */
function compareQueueOrder(a: QueuedOrder, b: QueuedOrder): number {
  for (const { key, direction } of QUEUE_ORDER) {
    const diff = rank(a, key) - rank(b, key);
    if (diff !== 0) return direction === 'ASC' ? diff : -diff;
  }
  return 0;
}

/** A copy of the orders in production order. */
export function inQueueOrder<T extends QueuedOrder>(orders: readonly T[]): T[] {
  return [...orders].sort(compareQueueOrder);
}
