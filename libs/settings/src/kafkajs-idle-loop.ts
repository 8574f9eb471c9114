/**
 * kafkajs 2.2.4 spins on every connection it has ever used: once a request is answered and nothing is pending, its
 * request queue schedules a check of the (empty) pending queue with a negative delay, which Node runs after 1 ms, and
 * that check schedules the next one — a timer a millisecond on every connection, forever (tulios/kafkajs#1556; the
 * fix proposed upstream in #1667 is not released). A service holds five or six connections (two consumers, two
 * producers, the lag monitor's admin), so an idle service process spent ~3 % of a core on it, and 93 of them on one
 * machine more than two cores.
 *
 * The fix is upstream's: with nothing pending there is nothing to check. A request that cannot be sent at once is
 * pushed to the pending queue, and push() schedules the check itself; an answered request checks the queue at once.
 * Applied once, to the class every kafkajs client's connections use; a later kafkajs whose request queue has changed
 * shape is left alone (kafkaIdleLoopStopped() says which).
 */
interface RequestQueueLike {
  pending: unknown[];
  throttleCheckTimeoutId: NodeJS.Timeout | null;
  scheduleCheckPendingRequests(): void;
}
type RequestQueueClass = { prototype: RequestQueueLike };

const PATCHED = Symbol.for('idcard.kafkajs.idle-loop-stopped');
const RequestQueue: RequestQueueClass | undefined = loadRequestQueue();

function loadRequestQueue(): RequestQueueClass | undefined {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return require('kafkajs/src/network/requestQueue') as RequestQueueClass;
  } catch {
    return undefined;
  }
}

/** Stops kafkajs's idle timer loop (idempotent); true when the patch is in place. */
export function stopKafkaIdleLoop(): boolean {
  const proto = RequestQueue?.prototype as (RequestQueueLike & { [PATCHED]?: boolean }) | undefined;
  if (!proto || typeof proto.scheduleCheckPendingRequests !== 'function') return false;
  if (proto[PATCHED]) return true;
  const original = proto.scheduleCheckPendingRequests;
  proto.scheduleCheckPendingRequests = function (this: RequestQueueLike) {
    if (this.pending.length === 0) return;
    original.call(this);
  };
  proto[PATCHED] = true;
  return true;
}

/** Whether the idle loop is stopped in this process. */
export function kafkaIdleLoopStopped(): boolean {
  return Boolean((RequestQueue?.prototype as { [PATCHED]?: boolean } | undefined)?.[PATCHED]);
}
