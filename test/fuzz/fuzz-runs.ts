import fc from 'fast-check';

/**
 * How many cases each fuzz property runs: a few hundred in `npm test` (FUZZ_RUNS unset), the full count with
 * `npm run fuzz` (FUZZ_RUNS=10000). FUZZ_SEED replays a failing run; the seed is printed either way. FUZZ_PATH (with
 * the seed) replays only the case of that path, as fast-check prints it for a failure.
 */
export function fuzzParameters<T>(defaultRuns: number, what: string): fc.Parameters<T> {
  const runs = Number(process.env.FUZZ_RUNS) || defaultRuns;
  const seed = Number(process.env.FUZZ_SEED) || Date.now() ^ (Math.random() * 0x7fffffff);
  console.info(`[fuzz] ${what}: ${runs} cases, seed ${seed} (FUZZ_SEED=${seed} replays it)`);
  return {
    numRuns: runs,
    seed,
    ...(process.env.FUZZ_PATH ? { path: process.env.FUZZ_PATH } : {}),
    endOnFailure: false,
    interruptAfterTimeLimit: runs > defaultRuns ? undefined : 240_000,
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
