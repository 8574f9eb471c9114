/**
 * Whether the production line and the shipment dispatcher have anything to do, so that the timer of an idle centre
 * runs no transaction: each is a commit, and an idle line and dispatcher at every tick were most of a quiet centre's
 * commits. The line has work from the moment an order is queued (told once its transaction has committed) until a run
 * that began after it takes fewer orders than it may; the dispatcher, until it has run at or after the cut-off of every
 * card packed. What nobody tells this replica (orders left by a replica that stopped, shipments from before a start)
 * the timer still finds by looking now and then regardless (`lookAnyway`).
 */
export class LineWork {
  /** Orders queued so far: a run that began before the last of them may have missed it. */
  private queuedCount = 0;
  /** Orders may be waiting: true at start, for those queued before it. */
  private ordersWaiting = true;
  /** Cut-offs (ms) of cards packed and not yet seen past by a dispatcher run; the epoch at start, so the first tick looks. */
  private cutOffs: number[] = [0];

  /** An order was queued and its transaction has committed. */
  orderQueued(): void {
    this.queuedCount++;
    this.ordersWaiting = true;
  }

  /** A run of the line begins: the token it hands back to `lineRan`. */
  lineStarting(): number {
    return this.queuedCount;
  }

  /**
   * A run that began with `token` took `taken` orders of at most `limit`, and packed cards that must leave by `cutOff`.
   * A run that took fewer than it could found the queue empty, unless an order was queued after it began.
   */
  lineRan(token: number, taken: number, limit: number, cutOff: Date | null): void {
    if (taken < limit && token === this.queuedCount) this.ordersWaiting = false;
    if (taken > 0 && cutOff) this.cutOffs.push(cutOff.getTime());
  }

  /** A dispatcher run that began at `at` has left every shipment due by then. */
  dispatched(at: Date): void {
    const now = at.getTime();
    this.cutOffs = this.cutOffs.filter((cutOff) => cutOff > now);
  }

  /** What a tick at `now` should run; `lookAnyway`: both, told or not. */
  due(now: Date, lookAnyway: boolean): { line: boolean; dispatch: boolean } {
    const t = now.getTime();
    return { line: lookAnyway || this.ordersWaiting, dispatch: lookAnyway || this.cutOffs.some((cutOff) => cutOff <= t) };
  }
}
