import { tracing } from './tracing';
import { parseArgs } from 'util';
import { DEMO_DEFAULTS, runDemo } from './demo-run';

/**
 * `npm run demo -- --applications N [--provinces 11,44,65] [--stall 65 --advance-days 61]`: see demo-run.ts. Prints
 * one JSON line of results last and exits non-zero when the verdict from the systems of record (verdict.ts) finds a
 * receipt lost or still pending, a citizen with two valid cards, a message applied twice or an outcome the plan did not
 * expect, or when --stall / --advance-days did not show the expected escalations.
 */
async function main(): Promise<number> {
  const { processes, ...strings } = DEMO_DEFAULTS;
  const { values } = parseArgs({
    options: {
      ...(Object.fromEntries(Object.entries(strings).map(([name, value]) => [name, { type: 'string', default: value }])) as Record<
        keyof typeof strings,
        { type: 'string'; default: string }
      >),
      // A flag, as npm start's: --processes runs every service as a process of its own.
      processes: { type: 'boolean', default: processes === 'true' },
    },
  });
  const { result, exitCode } = await runDemo({ ...DEMO_DEFAULTS, ...values, processes: String(values.processes) });
  console.log(JSON.stringify(result));
  return exitCode;
}

main().then(
  // The last spans leave before the process does (nothing to do with tracing off).
  async (code) => {
    await tracing?.shutdown();
    process.exit(code);
  },
  (err) => {
    process.stderr.write(`demo failed: ${err instanceof Error ? err.stack : err}\n`);
    process.exit(2);
  },
);
