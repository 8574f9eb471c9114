import { spawn } from 'node:child_process';
import { rm } from 'node:fs/promises';
import * as path from 'node:path';
import { redactUrl } from '@idcard/database';
import { infrastructureFromEnv, startInfrastructure } from './infrastructure';

/**
 * `npm run mutation [-- --scope units|messaging …] [stryker options, e.g. --incremental]`: StrykerJS over each scope
 * of stryker.config.mjs (both by default), then the score per folder (scripts/mutation-summary.mjs).
 *
 * The messaging scope's behaviour suites each start a PostgreSQL cluster and a broker of their own when nothing else
 * is given, and Stryker runs them again for every mutant: initdb alone was most of a mutant's minute. So this starts
 * one embedded PostgreSQL and one development broker for the whole run and hands them to every suite through
 * DATABASE_URL and KAFKA_BROKERS (servers already given there are used instead): each suite still gets a database
 * and a KAFKA_NAMESPACE of its own (libs/database's databaseForTests, jest.setup.js), so two test runners side by
 * side never share a table or a topic.
 */
const SCOPES = ['units', 'messaging'] as const;
type Scope = (typeof SCOPES)[number];

const root = path.resolve(__dirname, '..', '..');

function parse(argv: string[]): { scopes: Scope[]; strykerArgs: string[] } {
  const scopes: Scope[] = [];
  const strykerArgs: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = arg === '--scope' ? argv[++i] : arg.startsWith('--scope=') ? arg.slice('--scope='.length) : undefined;
    if (value === undefined && arg !== '--scope') {
      strykerArgs.push(arg);
      continue;
    }
    if (!SCOPES.includes(value as Scope)) throw new Error(`--scope: expected one of ${SCOPES.join(', ')}, got ${JSON.stringify(value)}`);
    scopes.push(value as Scope);
  }
  return { scopes: scopes.length ? scopes : [...SCOPES], strykerArgs };
}

/** Runs a command of the repository's, inheriting the terminal; resolves with its exit code. */
function run(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: root, env, stdio: 'inherit' });
    child.once('error', reject);
    child.once('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

async function main(): Promise<number> {
  const { scopes, strykerArgs } = parse(process.argv.slice(2));
  const log = (line: string) => process.stderr.write(`[mutation] ${line}\n`);
  // A run of every scope starts from an empty report folder; one scope leaves the others' reports to the summary.
  if (scopes.length === SCOPES.length) await rm(path.join(root, 'reports', 'mutation'), { recursive: true, force: true });

  const infrastructure = await startInfrastructure({ ...infrastructureFromEnv(), log });
  // Ctrl-C reaches Stryker too (same process group): let it stop, then stop the servers below.
  const ignoreInterrupt = () => log('interrupted: waiting for Stryker to stop');
  process.on('SIGINT', ignoreInterrupt);
  let code = 0;
  try {
    const env = { ...process.env, DATABASE_URL: infrastructure.databaseServerUrl, KAFKA_BROKERS: infrastructure.kafkaBrokers.join(',') };
    log(`suites use PostgreSQL at ${redactUrl(infrastructure.databaseServerUrl)} and Kafka at ${infrastructure.kafkaBrokers.join(',')}`);
    for (const scope of scopes) {
      const started = Date.now();
      code = await run(path.join(root, 'node_modules', '.bin', 'stryker'), ['run', ...strykerArgs], { ...env, STRYKER_SCOPE: scope });
      log(`scope ${scope}: Stryker exited ${code} after ${((Date.now() - started) / 60_000).toFixed(1)} min`);
      if (code !== 0) break;
    }
  } finally {
    await infrastructure.stop();
    process.off('SIGINT', ignoreInterrupt);
  }
  // After an interrupted or failed run, what its event recorder holds: the mutants tested so far.
  const summary = await run(process.execPath, [path.join(root, 'scripts', 'mutation-summary.mjs'), ...(code ? ['--partial'] : [])], process.env);
  return code || summary;
}

main().then(
  (code) => process.exit(code),
  (err) => {
    process.stderr.write(`mutation failed: ${err instanceof Error ? err.stack : err}\n`);
    process.exit(1);
  },
);
