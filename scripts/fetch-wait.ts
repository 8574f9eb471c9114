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

/** Consumer-lag samples a second, at most, over every service of the system (each reads its groups' offsets from the broker). */
export const LAG_SAMPLES_PER_SECOND = 10;
/** A service's own lag sampling interval, ms (DEFAULT_LAG_SAMPLE_INTERVAL_MS of libs/service-runtime). */
const SERVICE_LAG_SAMPLE_MS = 2000;

/**
 * How often each service samples its consumer lag: every 2 s, lengthened where that many services would keep the broker
 * busy answering them — 93 services every 2 s are ~46 samples a second of several requests each, on a machine whose
 * cores are already taken by idle work. The lag statuses judge a 60 s window, which still holds several samples.
 */
export function lagSampleIntervalFor(services: number): number {
  return Math.max(SERVICE_LAG_SAMPLE_MS, Math.ceil((services * 1000) / LAG_SAMPLES_PER_SECOND));
}
