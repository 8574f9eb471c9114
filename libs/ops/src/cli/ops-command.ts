import { parseArgs } from 'node:util';
import { Kafka, logLevel } from 'kafkajs';
import { LagMonitor } from '../kafka/lag-monitor';
import { formatLagTable } from './lag-table';

/** The broker `npm start` runs, when neither --brokers nor KAFKA_BROKERS says otherwise. */
export const DEFAULT_BROKERS = '127.0.0.1:19092';
const DEFAULT_WINDOW_SECONDS = 3;
const DEFAULT_SAMPLES = 4;

export const OPS_HELP = `Usage: npm run ops -- lag [--brokers host:port[,host:port]] [--json] [--window-seconds N] [--samples N]

lag   Every consumer group of the deployment (ListGroups; none skipped), per topic and partition: committed
      offset, log end offset, lag, lag in seconds (age of the oldest unconsumed message) and a status in the
      manner of Burrow (OK, WARNING, STALLED, STOPPED), then one line per group.

      A status needs a window of observations, so the command samples the groups --samples times (default
      ${DEFAULT_SAMPLES}) over --window-seconds (default ${DEFAULT_WINDOW_SECONDS}) and judges that window: it takes that long to answer.
      Lag seconds are estimated from the end offsets seen while sampling (no message is read); a backlog older
      than the sampling shows as >=N (at least N seconds) unless the write rate allows extrapolating.

Options:
  --brokers           Kafka bootstrap servers (default: KAFKA_BROKERS, else ${DEFAULT_BROKERS}, the broker of npm start)
  --json              One JSON document instead of the table
  --window-seconds N  Sampling period and status window in seconds (default ${DEFAULT_WINDOW_SECONDS})
  --samples N         Samples taken over the window, at least 2 (default ${DEFAULT_SAMPLES})
`;

export interface OpsCommandIo {
  out: (text: string) => void;
  err: (text: string) => void;
  env: Record<string, string | undefined>;
}

/** `npm run ops -- <command>`; resolves the process exit code. */
export async function runOpsCommand(argv: string[], io: OpsCommandIo): Promise<number> {
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

  const kafka = new Kafka({
    clientId: 'idcard-ops-cli',
    brokers,
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
