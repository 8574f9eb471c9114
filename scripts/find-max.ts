/** One step of `npm run bench -- --find-max`: the rate offered and whether the system held it. */
export interface RateTrial {
  rate: number;
  sustained: boolean;
}

/** Steps are rates to 0.1/s; below this the search gives up (the system holds nothing). */
export const LOWEST_RATE = 0.5;

/**
 * The next rate `--find-max` offers, or null when the search is done: up by half while every step held; down by
 * half from the first that did not until one holds; then between the highest rate held and the lowest that was not,
 * until they are within a tenth of each other. So the answer is a rate that was sustained, never a guess above it.
 */
export function nextRate(trials: RateTrial[]): number | null {
  if (trials.length === 0) throw new Error('the first rate is the one given (--rate)');
  const held = trials.filter((t) => t.sustained).map((t) => t.rate);
  const failed = trials.filter((t) => !t.sustained).map((t) => t.rate);
  const best = held.length ? Math.max(...held) : null;
  const lowestFailed = failed.length ? Math.min(...failed) : null;
  if (lowestFailed === null) return roundRate(best! * 1.5);
  if (best === null) {
    const lower = roundRate(lowestFailed / 2);
    return lower < LOWEST_RATE ? null : lower;
  }
  if (lowestFailed <= best * 1.1) return null;
  const between = roundRate((best + lowestFailed) / 2);
  return between > best && between < lowestFailed ? between : null;
}

/** The highest rate sustained among the steps, or null. */
export function maxSustainedRate(trials: RateTrial[]): number | null {
  const held = trials.filter((t) => t.sustained).map((t) => t.rate);
  return held.length ? Math.max(...held) : null;
}

function roundRate(rate: number): number {
  return Math.round(rate * 10) / 10;
}
