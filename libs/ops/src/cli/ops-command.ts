import { parseArgs } from 'node:util';
import { Kafka, logLevel } from 'kafkajs';
import { KafkaConnection, readKafkaConnection, SettingsError, SettingsReader, stopKafkaIdleLoop } from '@idcard/settings';
import { LagMonitor } from '../kafka/lag-monitor';
import { OpsCommandIo } from './command-io';
import { DLQ_HELP, runDlqCommand } from './dlq-command';
import { KEYS_HELP, runKeysCommand } from './keys-command';
import { runTokenCommand } from './token-command';
import { formatLagTable } from './lag-table';
import { runVerifyLogCommand, VERIFY_LOG_HELP } from './verify-log-command';

export type { OpsCommandIo } from './command-io';

/** The broker `npm start` runs, when neither --brokers nor KAFKA_BROKERS says otherwise. */
export const DEFAULT_BROKERS = '127.0.0.1:19092';
const DEFAULT_WINDOW_SECONDS = 3;
const DEFAULT_SAMPLES = 4;

export const OPS_HELP = `Usage: npm run ops -- <command> [options]

Commands:
  lag          consumer lag, time lag and status of every consumer group (below)
  keys         the key ceremony: init, generate, add, remove, show (npm run ops -- keys --help)
  token        a development bearer token for a role, from npm start's issuer (npm run ops -- token --help)
  verify-log   walk a service's tamper-evident message log (npm run ops -- verify-log --help)
  dlq          dead-lettered messages: list them with their reason, replay them (npm run ops -- dlq --help)

npm run ops -- lag [--brokers host:port[,host:port]] [--json] [--window-seconds N] [--samples N]

lag   Every consumer group of the deployment (ListGroups; none skipped), per topic and partition: committed
      offset, log end offset, lag, lag in seconds (age of the oldest unconsumed message) and a status in the
      manner of Burrow (OK, WARNING, STOPPED, STALLED, REWIND), then one line per group.

      A status needs a window of observations, so the command samples the groups --samples times (default
      ${DEFAULT_SAMPLES}) over --window-seconds (default ${DEFAULT_WINDOW_SECONDS}) and judges that window: it takes that long to answer.
      Lag seconds are estimated from the end offsets seen while sampling (no message is read); a backlog older
      than the sampling shows as >=N (at least N seconds) unless the write rate allows extrapolating.

Options:
  --brokers           Kafka bootstrap servers (default: KAFKA_BROKERS, else ${DEFAULT_BROKERS}, the broker of npm start)
  --json              One JSON document instead of the table
  --window-seconds N  Sampling period and status window in seconds (default ${DEFAULT_WINDOW_SECONDS})
  --samples N         Samples taken over the window, at least 2 (default ${DEFAULT_SAMPLES})

Kafka connection (lag): TLS and SASL from the environment, as every client of the system reads them:
  KAFKA_SSL (true/false; on by itself with a CA or client certificate), KAFKA_SSL_CA, KAFKA_SSL_CERT, KAFKA_SSL_KEY
  (PEM files), KAFKA_SSL_REJECT_UNAUTHORIZED (default true), KAFKA_SASL_MECHANISM (plain, scram-sha-256,
  scram-sha-512), KAFKA_SASL_USERNAME, KAFKA_SASL_PASSWORD or KAFKA_SASL_PASSWORD_FILE. None set: plaintext.

${KEYS_HELP}
${VERIFY_LOG_HELP}
${DLQ_HELP}`;

/** `npm run ops -- <command>`; resolves the process exit code. */
export async function runOpsCommand(argv: string[], io: OpsCommandIo): Promise<number> {
  // keys and verify-log parse their own options; lag keeps the parsing it always had.
  if (argv[0] === 'keys') return runKeysCommand(argv.slice(1), io);
  if (argv[0] === 'token') return runTokenCommand(argv.slice(1), io);
  if (argv[0] === 'verify-log') return runVerifyLogCommand(argv.slice(1), io);
  if (argv[0] === 'dlq') return runDlqCommand(argv.slice(1), io);
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        brokers: { type: 'string' },
        json: { type: 'boolean', default: false },
        'window-seconds': { type: 'string', default: String(DEFAULT_WINDOW_SECONDS) },
        samples: { type: 'string', default: String(DEFAULT_SAMPLES) },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (err) {
    io.err(`${(err as Error).message}\n\n${OPS_HELP}`);
    return 2;
  }
  const { values, positionals } = parsed;
  const [command] = positionals;
  if (values.help || command === undefined || command === 'help') {
    io.out(OPS_HELP);
    return values.help || command === 'help' ? 0 : 2;
  }
  if (command === 'keys' || command === 'verify-log' || command === 'token') return usage(io, `${command} must come first: npm run ops -- ${command} …`);
  if (command !== 'lag') {
    io.err(`unknown command ${JSON.stringify(command)}\n\n${OPS_HELP}`);
    return 2;
  }
  const windowSeconds = Number(values['window-seconds']);
  const samples = Number(values.samples);
  if (!(windowSeconds > 0)) return usage(io, `--window-seconds must be a positive number, not ${values['window-seconds']}`);
  if (!Number.isInteger(samples) || samples < 2) return usage(io, `--samples must be a whole number of at least 2, not ${values.samples}`);
  const brokers = (values.brokers ?? io.env.KAFKA_BROKERS ?? DEFAULT_BROKERS)
    .split(',')
    .map((b) => b.trim())
    .filter(Boolean);
  let connection: KafkaConnection;
  try {
    const read = new SettingsReader(io.env);
    connection = readKafkaConnection(read);
    read.check('ops lag');
  } catch (err) {
    if (err instanceof SettingsError) return usage(io, err.message);
    throw err;
  }

  stopKafkaIdleLoop(); // kafkajs 2.2.4's timer a millisecond on every idle connection (libs/settings)
  const kafka = new Kafka({
    clientId: 'idcard-ops-cli',
    brokers,
    ssl: connection.ssl,
    sasl: connection.sasl,
    logLevel: logLevel.NOTHING,
    connectionTimeout: 3000,
    retry: { retries: 2, initialRetryTime: 100 },
  });
  const monitor = new LagMonitor({ kafka, windowMs: windowSeconds * 1000 });
  try {
    const report = await monitor.sampleOver(windowSeconds * 1000, samples);
    io.out(
      values.json
        ? JSON.stringify({ brokers, windowSeconds, samples, ...report, at: new Date(report.atMs).toISOString() }, null, 2) + '\n'
        : formatLagTable(report),
    );
    return 0;
  } catch (err) {
    io.err(`cannot read consumer groups from ${brokers.join(',')}: ${(err as Error).message}\n`);
    return 1;
  } finally {
    await monitor.stop();
  }
}

function usage(io: OpsCommandIo, message: string): number {
  io.err(`${message}\n\n${OPS_HELP}`);
  return 2;
}
