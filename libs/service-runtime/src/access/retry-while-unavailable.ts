import { outageOf } from '../outage';

export interface RetryPolicy {
  /** How long to keep trying, from the first attempt. */
  patienceMs: number;
  /** The first wait; each next one doubles, up to maxDelayMs. */
  firstDelayMs?: number;
  maxDelayMs?: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

export type RetryOutcome = { ok: true; attempts: number } | { ok: false; attempts: number; error: Error; unavailable: boolean };

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Runs `attempt` until it succeeds, trying again with backoff only while the failure says a part is down (outageOf:
 * PostgreSQL unreachable, restarting or out of connections) and the patience lasts. Any other failure (a refusal by
 * the database, a bug) is final at once: trying it again would only fail again.
 */
export async function retryWhileUnavailable(attempt: () => Promise<void>, policy: RetryPolicy): Promise<RetryOutcome> {
  const now = policy.now ?? Date.now;
  const sleep = policy.sleep ?? realSleep;
  const maxDelay = policy.maxDelayMs ?? 2000;
  const started = now();
  let delay = policy.firstDelayMs ?? 50;
  for (let attempts = 1; ; attempts++) {
    try {
      await attempt();
      return { ok: true, attempts };
    } catch (err) {
      const error = err instanceof Error ? err : new Error(String(err));
      const unavailable = outageOf(err) !== null;
      const left = started + policy.patienceMs - now();
      if (!unavailable || left <= 0) return { ok: false, attempts, error, unavailable };
      await sleep(Math.min(delay, left));
      delay = Math.min(delay * 2, maxDelay);
    }
  }
}
