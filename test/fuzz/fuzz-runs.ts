import fc from 'fast-check';

/** Cases that are batches of items, and as many batches as make the count of items asked for. */
export interface FuzzBatches<T> {
  batches: fc.Arbitrary<T[]>;
  parameters: fc.Parameters<[T[]]>;
  /** Items in all the batches of the run (at least FUZZ_RUNS, or the default). */
  items: number;
}

/**
 * The fuzz properties' cases: each a batch of 1 to `batchSize` items (messages, requests), whose waits are paid
 * once for the batch, and as many batches as make FUZZ_RUNS items in all: a few hundred in `npm test` (FUZZ_RUNS
 * unset: `defaultItems`), the full count with `npm run fuzz` (10000). The batches of a seed are the same in fc.sample
 * as in fc.assert, so their lengths are counted before the run. FUZZ_SEED replays a failing run (the seed is printed
 * either way), FUZZ_PATH with it only the case of that path, as fast-check prints it for a failure; fast-check shrinks a
 * failing batch to the fewest items that still fail, then shrinks those. The short run stops after 4 minutes.
 */
export function fuzzBatches<T>(item: fc.Arbitrary<T>, o: { batchSize: number; defaultItems: number; what: string }): FuzzBatches<T> {
  const wanted = Number(process.env.FUZZ_RUNS) || o.defaultItems;
  const seed = Number(process.env.FUZZ_SEED) || Date.now() ^ (Math.random() * 0x7fffffff);
  const batches = fc.array(item, { minLength: 1, maxLength: o.batchSize, size: 'max' });
  let runs = 0;
  let items = 0;
  for (let sampled = Math.ceil((4 * wanted) / o.batchSize); items < wanted; sampled *= 2) {
    const lengths = fc.sample(batches, { seed, numRuns: sampled }).map((batch) => batch.length);
    for (runs = 0, items = 0; runs < lengths.length && items < wanted; runs++) items += lengths[runs];
  }
  console.info(`[fuzz] ${o.what}: ${items} in ${runs} batches of 1 to ${o.batchSize}, seed ${seed} (FUZZ_SEED=${seed} replays it)`);
  const parameters: fc.Parameters<[T[]]> = {
    numRuns: runs,
    seed,
    ...(process.env.FUZZ_PATH ? { path: process.env.FUZZ_PATH } : {}),
    endOnFailure: false,
    interruptAfterTimeLimit: wanted > o.defaultItems ? undefined : 240_000,
  };
  return { batches, parameters, items };
}

/**
 * A line on standard error each time a long run passes another `every` items (jest shows a test's console output only
 * once the test is over): how far it is, and after how long.
 */
export function fuzzProgress(what: string, every = 1000): (done: number) => void {
  const started = Date.now();
  let reported = 0;
  return (done) => {
    if (Math.floor(done / every) > Math.floor(reported / every))
      process.stderr.write(`[fuzz] ${what}: ${done} after ${Math.round((Date.now() - started) / 1000)} s\n`);
    reported = done;
  };
}

/** Keys that poison prototypes when a parser or a merge is careless. */
const POLLUTING_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf'];

/** Strings that break naive code: empty, huge, unicode edge cases (lone surrogates, RTL, zero width, NUL, emoji). */
export const nastyString: fc.Arbitrary<string> = fc.oneof(
  fc.string(),
  fc.string({ unit: 'binary' }),
  fc.constantFrom(
    '',
    ' ',
    '\u0000',
    '\ud800',
    '\udfff',
    '\u202e',
    '\u200b',
    '\ufeff',
    '𠮷',
    '👨‍👩‍👧',
    'Ω≈ç√',
    '../../etc/passwd',
    '%00',
    "' OR 1=1 --",
    'NaN',
    '-1',
    '1e309',
  ),
  fc.integer({ min: 1000, max: 200_000 }).map((n) => 'x'.repeat(n)),
  fc.constantFrom(...POLLUTING_KEYS),
);

/** Any JSON value, with polluting keys among the object keys, and deep nesting now and then. */
export const nastyJson: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: fc.jsonValue() },
  {
    weight: 3,
    arbitrary: fc.dictionary(
      fc.oneof(
        fc.constantFrom(...POLLUTING_KEYS),
        nastyString.filter((s) => s.length < 100),
      ),
      fc.jsonValue(),
      { maxKeys: 8 },
    ),
  },
  { weight: 1, arbitrary: fc.integer({ min: 20, max: 300 }).map((depth) => JSON.parse('['.repeat(depth) + ']'.repeat(depth))) },
  { weight: 1, arbitrary: fc.integer({ min: 20, max: 300 }).map((depth) => JSON.parse('{"a":'.repeat(depth) + '1' + '}'.repeat(depth))) },
  { weight: 1, arbitrary: fc.constantFrom(null, true, 0, -0, 1e308, -1, '', [], {}) },
);

/** A form that is almost right: a valid one with one field replaced by something nasty (wrong type, huge, missing). */
export function mutatedForm(valid: Record<string, unknown>): fc.Arbitrary<unknown> {
  const keys = Object.keys(valid);
  return fc
    .record({ key: fc.constantFrom(...keys, '__proto__', 'extra'), value: fc.oneof(nastyJson, nastyString, fc.constant(undefined)) })
    .map(({ key, value }) => {
      const copy: Record<string, unknown> = JSON.parse(JSON.stringify(valid));
      if (value === undefined) delete copy[key];
      else Object.defineProperty(copy, key, { value, enumerable: true, configurable: true, writable: true });
      return copy;
    });
}

/** Request bodies as text: truncated or broken JSON, and nesting far deeper than any form (a parser's recursion). */
export const rawBody: fc.Arbitrary<string> = fc.oneof(
  fc.string({ maxLength: 500 }),
  fc
    .jsonValue()
    .map((v) => JSON.stringify(v))
    .chain((text) => fc.nat({ max: Math.max(0, text.length - 1) }).map((cut) => text.slice(0, cut))),
  fc.integer({ min: 1000, max: 100_000 }).map((depth) => '['.repeat(depth) + ']'.repeat(depth)),
  fc.integer({ min: 1000, max: 50_000 }).map((depth) => '{"a":'.repeat(depth) + '1' + '}'.repeat(depth)),
  fc.constantFrom('{"__proto__": {"polluted": true}}', '{"constructor": {"prototype": {"polluted": true}}}', '\ufeff{}', 'null', '"', '{', '[1,]'),
);
