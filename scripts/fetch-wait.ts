/** Fetches a second the broker answers with nothing, at most, over every consumer of the system (two per service). */
export const IDLE_FETCHES_PER_SECOND = 400;

/**
 * The consumers' fetch wait: the one asked for (short, so a stop is quick: a consumer's stop waits for the fetch in
 * hand), lengthened where that many consumers would keep the broker answering empty fetches — 186 consumers of 93
 * services at the demo's 100 ms made 1,860 a second. A fetch answers as soon as data arrives, so no message waits longer.
 */
export function fetchWaitFor(askedMs: number | undefined, services: number): number | undefined {
  if (askedMs === undefined) return undefined;
  return Math.max(askedMs, Math.ceil((services * 2 * 1000) / IDLE_FETCHES_PER_SECOND));
}
