/**
 * Consumer status as LinkedIn's Burrow evaluates it (core/internal/evaluator, CachingEvaluator): judged over a sliding
 * window of observations of the committed offset and the lag, never against a fixed lag threshold, so a busy group
 * with a steady backlog that it keeps working off is fine and a quiet group that has stopped is not.
 *
 * Burrow's order, each rule skipping the rest once it holds:
 *  0. no lag now, or the window not yet covered (Burrow: "incomplete") — OK;
 *  1. STOPPED: commits have ceased, unless the group was caught up within the window (Burrow's recent-lag-zero check);
 *  2. REWIND: the committed offset went backwards and has not since come back to where it was;
 *  3. a lag of zero anywhere in the window — OK (the group keeps up);
 *  4. STALLED: the committed offset did not move over the window while messages waited;
 *  5. WARNING: the offset moved but the lag never fell from one observation to the next (falling behind);
 *  6. otherwise — OK.
 *
 * Burrow reads every commit from __consumer_offsets, so it tells a consumer committing the same offset (stalled) from
 * one not committing at all (stopped) by the commits' timestamps. The offset APIs show only the committed offset, so
 * "can commits still come" is read from the group instead: an offset that did not move on a partition no live member
 * holds is STOPPED, on one a live member holds STALLED.
 */

/** A group's status on one partition; Burrow's severity order (its StatusConstant), least severe first. */
export const CONSUMER_STATUSES = ['OK', 'WARNING', 'STOPPED', 'STALLED', 'REWIND'] as const;
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
  /** The window is covered by observations (Burrow's "complete"): only then can the status be other than OK. */
  complete: boolean;
}

/**
 * The status of a group on a partition at `nowMs`. `observations` are oldest first and may begin before the window
 * (the tracker keeps one observation at or before its start, which is how it knows the window is covered).
 */
export function evaluatePartitionStatus(observations: readonly CommitObservation[], windowMs: number, nowMs: number): StatusVerdict {
  if (observations.length === 0) return { status: 'OK', reason: 'not observed yet', complete: false };
  const windowStart = nowMs - windowMs;
  const latest = observations[observations.length - 1];
  const inWindow = observations.filter((o) => o.atMs >= windowStart);
  const span = observations.slice(Math.max(0, observations.length - inWindow.length - 1));
  const complete = span[0].atMs <= windowStart;
  if (latest.lag === 0) return { status: 'OK', reason: 'caught up', complete };
  if (!complete) return { status: 'OK', reason: `window not yet covered (${formatSeconds(span[0].atMs - windowStart)} s to go)`, complete };

  const seconds = formatSeconds(windowMs);
  // The anchor before the window only shows where the offset stood when the window opened; lags count inside it.
  const caughtUpInWindow = inWindow.some((o) => o.lag === 0);
  const committedMoved = span.some((o) => o.committedOffset !== span[0].committedOffset);
  if (!committedMoved && !latest.owned && !caughtUpInWindow)
    return { status: 'STOPPED', reason: `no commits for ${seconds} s with ${latest.lag} waiting; no consumer holds the partition`, complete };

  const rewind = unrecoveredRewind(span);
  if (rewind) return { status: 'REWIND', reason: `committed offset went back from ${rewind.from} to ${rewind.to} and has not returned`, complete };

  if (caughtUpInWindow) return { status: 'OK', reason: 'caught up within the window', complete };
  if (!committedMoved) {
    const where = latest.committedOffset === null ? 'nothing committed' : `committed offset stuck at ${latest.committedOffset}`;
    return { status: 'STALLED', reason: `${where} for ${seconds} s with ${latest.lag} waiting; a consumer holds the partition`, complete };
  }
  const neverFell = span.every((o, i) => i === 0 || o.lag >= span[i - 1].lag);
  if (neverFell) return { status: 'WARNING', reason: `lag never fell (${span[0].lag} to ${latest.lag}) over ${seconds} s while committing`, complete };
  return { status: 'OK', reason: 'committing and keeping up', complete };
}

/**
 * A drop of the committed offset that the group has not made up since: no later offset reaches the one before the
 * drop. A drop made up (a rebalance re-committing an older offset, then going on) is not held against the group.
 */
function unrecoveredRewind(span: readonly CommitObservation[]): { from: number; to: number } | null {
  let previous: number | null = null;
  for (let i = 0; i < span.length; i++) {
    const offset = span[i].committedOffset;
    if (offset === null) continue;
    if (previous !== null && offset < previous) {
      const from = previous;
      const recovered = span.slice(i + 1).some((o) => o.committedOffset !== null && o.committedOffset >= from);
      if (!recovered) return { from, to: offset };
    }
    previous = offset;
  }
  return null;
}

/** Seconds for a reason line: whole seconds, or tenths below ten. */
function formatSeconds(ms: number): string {
  const s = ms / 1000;
  return s >= 10 ? String(Math.round(s)) : String(Math.round(s * 10) / 10);
}

/**
 * A group's status from its partitions': the most severe in Burrow's order. Burrow reports any partition status above
 * ERR as ERR for the group; here the group keeps the partition's own name (ERR is STOPPED, STALLED or REWIND), so
 * an alert and the console can say which without opening the partitions.
 */
export function worstStatus(statuses: Iterable<ConsumerStatus>): ConsumerStatus {
  let worst: ConsumerStatus = 'OK';
  for (const s of statuses) if (CONSUMER_STATUSES.indexOf(s) > CONSUMER_STATUSES.indexOf(worst)) worst = s;
  return worst;
}

/** Burrow's ERR: the statuses that need someone, where WARNING only needs watching. */
export const ERROR_STATUSES: readonly ConsumerStatus[] = ['STOPPED', 'STALLED', 'REWIND'];

/** Burrow's group "complete": the share of partitions whose window is covered (0 for a group without partitions). */
export function completeShare(verdicts: readonly { complete: boolean }[]): number {
  return verdicts.length === 0 ? 0 : verdicts.filter((v) => v.complete).length / verdicts.length;
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
