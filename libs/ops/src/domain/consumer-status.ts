/**
 * Consumer status in the manner of LinkedIn's Burrow: judged over a sliding window of observations of the
 * committed offset and the lag, never against a fixed lag threshold, so a busy group with a steady backlog is
 * fine and a quiet group that has stopped is not.
 *
 * Rules, in order:
 *  1. a lag of zero anywhere in the window — OK (the group keeps up);
 *  2. the window is not yet covered by observations — OK (too early to judge);
 *  3. the committed offset did not move over the window while messages waited —
 *     STALLED if a live member of the group owns the partition (it is there but not getting on),
 *     STOPPED if nobody does (no commits can come);
 *  4. the committed offset moved but the lag never fell and ended higher — WARNING (falling behind);
 *  5. otherwise — OK.
 *
 * Burrow reads every commit from __consumer_offsets, so it can tell a consumer committing the same offset
 * (stalled) from one not committing at all (stopped). Offset APIs only show the committed offset, so whether
 * commits can still come is read from the group: a partition assigned to a live member counts as committing.
 */

export const CONSUMER_STATUSES = ['OK', 'WARNING', 'STALLED', 'STOPPED'] as const;
export type ConsumerStatus = (typeof CONSUMER_STATUSES)[number];

/** One look at a group on a partition. */
export interface CommitObservation {
  atMs: number;
  /** Committed offset; null while the group has committed nothing here. */
  committedOffset: number | null;
  lag: number;
  /** A live member of the group has this partition assigned. */
  owned: boolean;
}

export interface StatusVerdict {
  status: ConsumerStatus;
  /** One line for an operator: why this status. */
  reason: string;
}

/**
 * The status of a group on a partition at `nowMs`. `observations` are oldest first and may begin before the window
 * (the tracker keeps one observation at or before its start, which is how it knows the window is covered).
 */
export function evaluatePartitionStatus(observations: readonly CommitObservation[], windowMs: number, nowMs: number): StatusVerdict {
  if (observations.length === 0) return { status: 'OK', reason: 'not observed yet' };
  const windowStart = nowMs - windowMs;
  const latest = observations[observations.length - 1];
  const inWindow = observations.filter((o) => o.atMs >= windowStart);
  if (latest.lag === 0 || inWindow.some((o) => o.lag === 0)) return { status: 'OK', reason: 'caught up within the window' };
  const firstIndex = Math.max(0, observations.length - inWindow.length - 1);
  const span = observations.slice(firstIndex);
  if (span[0].atMs > windowStart) return { status: 'OK', reason: `window not yet covered (${formatSeconds(span[0].atMs - windowStart)} s to go)` };
  const seconds = formatSeconds(windowMs);
  const committedMoved = span.some((o) => o.committedOffset !== span[0].committedOffset);
  if (!committedMoved) {
    return latest.owned
      ? {
          status: 'STALLED',
          reason: `${latest.committedOffset === null ? 'nothing committed' : `committed offset stuck at ${latest.committedOffset}`} for ${seconds} s with ${latest.lag} waiting; a consumer holds the partition`,
        }
      : { status: 'STOPPED', reason: `no commits for ${seconds} s with ${latest.lag} waiting; no consumer holds the partition` };
  }
  const neverFell = span.every((o, i) => i === 0 || o.lag >= span[i - 1].lag);
  if (neverFell && latest.lag > span[0].lag)
    return { status: 'WARNING', reason: `lag grew from ${span[0].lag} to ${latest.lag} over ${seconds} s while committing` };
  return { status: 'OK', reason: 'committing and keeping up' };
}

/** Seconds for a reason line: whole seconds, or tenths below ten. */
function formatSeconds(ms: number): string {
  const s = ms / 1000;
  return s >= 10 ? String(Math.round(s)) : String(Math.round(s * 10) / 10);
}

/** Severity order: a group is as bad as its worst partition. */
export function worstStatus(statuses: Iterable<ConsumerStatus>): ConsumerStatus {
  let worst: ConsumerStatus = 'OK';
  for (const s of statuses) if (CONSUMER_STATUSES.indexOf(s) > CONSUMER_STATUSES.indexOf(worst)) worst = s;
  return worst;
}

/**
 * The observations a partition keeps: all within the window plus the latest one at or before its start, so a
 * verdict can tell a covered window from a young one. Returns the trimmed list (oldest first).
 */
export function trimToWindow<T extends { atMs: number }>(observations: T[], windowMs: number, nowMs: number): T[] {
  const windowStart = nowMs - windowMs;
  let anchor = 0;
  for (let i = 0; i < observations.length && observations[i].atMs <= windowStart; i++) anchor = i;
  return anchor > 0 ? observations.slice(anchor) : observations;
}
