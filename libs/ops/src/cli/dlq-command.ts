import { Kafka, logLevel } from 'kafkajs';
import { readKafkaConnection, SettingsError, SettingsReader, stopKafkaIdleLoop } from '@idcard/settings';
import { deadLetterTopicsOf, dlqOf, ParkedMessage, readParkedMessages, replayParkedMessages } from '../kafka/dead-letter-topics';
import { CommandFailure, formatTable, OpsCommandIo, parseOptions, UsageError, withExitCode } from './command-io';

const DEFAULT_BROKERS = '127.0.0.1:19092';

export const DLQ_HELP = `Usage: npm run ops -- dlq list [--topic T] [--since WHEN] [--json] [--brokers host:port]
       npm run ops -- dlq replay --topic T [--message-id ID ...] [--since WHEN] [--brokers host:port]

dlq list     The messages parked on dead-letter topics (<topic>.dlq; every one of the cluster, or T's), oldest
             first per topic: when and by whom each was parked, where it was read from, its message id and type,
             and the reason (x-dead-letter-reason).
dlq replay   Puts T's parked messages (all of them, or those with the given message ids) back on T once the cause
             is fixed: the same key, value and signature, without the parking headers, with x-replayed-from. The
             receiving service claims each message id once in its inbox, so a message already applied (replayed
             twice, say) changes nothing; one whose cause is not fixed is parked again with its reason.

Options:
  --topic T          The original topic (or its .dlq); required for replay
  --message-id ID    Replay only this message (repeatable)
  --since WHEN       Only messages parked since WHEN: an ISO 8601 instant (2026-12-01T00:00:00Z) or a duration
                     back from now (30m, 6h, 2d)
  --json             list: one JSON document instead of the table
  --brokers          Kafka bootstrap servers (default: KAFKA_BROKERS, else ${DEFAULT_BROKERS}); TLS and SASL as for lag
`;

/** WHEN of --since: an instant, or a duration back from now. */
export function sinceOption(text: string | undefined, now: Date): Date | undefined {
  if (text === undefined) return undefined;
  const duration = /^(\d+)([smhd])$/.exec(text);
  if (duration) return new Date(now.getTime() - Number(duration[1]) * { s: 1, m: 60, h: 3600, d: 86_400 }[duration[2] as 's']! * 1000);
  const instant = new Date(text);
  if (!/^\d{4}-\d{2}-\d{2}/.test(text) || Number.isNaN(instant.getTime()))
    throw new UsageError(`--since must be an ISO 8601 instant or a duration such as 6h or 2d, not ${JSON.stringify(text)}`);
  return instant;
}

function parkedSince(message: ParkedMessage, since: Date | undefined): boolean {
  if (!since) return true;
  const at = message.deadLetteredAt ? Date.parse(message.deadLetteredAt) : NaN;
  return Number.isNaN(at) || at >= since.getTime();
}

function listRow(m: ParkedMessage): string[] {
  return [
    m.deadLetteredAt ?? '-',
    `${m.topic}[${m.partition ?? '?'}]@${m.offset ?? '?'}`,
    m.messageId ?? '-',
    m.type ?? '-',
    m.deadLetteredBy ?? '-',
    m.reason.replace(/\s+/g, ' ').slice(0, 160),
  ];
}

function jsonOf(m: ParkedMessage): Record<string, unknown> {
  const { key, value, headers, ...rest } = m;
  void headers;
  return { ...rest, key: key?.toString('utf8') ?? null, valueBytes: value?.length ?? 0 };
}

/** `npm run ops -- dlq list|replay …`; resolves the exit code. */
export function runDlqCommand(argv: string[], io: OpsCommandIo): Promise<number> {
  return withExitCode(io, DLQ_HELP, async () => {
    const [action, ...rest] = argv;
    if (action === undefined || action === '--help' || action === '-h' || action === 'help') {
      io.out(DLQ_HELP);
      return action === undefined ? 2 : 0;
    }
    if (action !== 'list' && action !== 'replay') throw new UsageError(`unknown dlq command ${JSON.stringify(action)}: list or replay`);
    const values = parseOptions(rest, {
      topic: { type: 'string' },
      'message-id': { type: 'string', multiple: true },
      since: { type: 'string' },
      json: { type: 'boolean', default: false },
      brokers: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    });
    if (values.help) {
      io.out(DLQ_HELP);
      return 0;
    }
    const now = io.now?.() ?? new Date();
    const since = sinceOption(values.since, now);
    if (action === 'replay' && !values.topic) throw new UsageError('--topic is required: the topic whose parked messages go back on it');
    const kafka = kafkaOf(values.brokers ?? io.env.KAFKA_BROKERS ?? DEFAULT_BROKERS, io);
    let parked: ParkedMessage[];
    try {
      parked = (await readParkedMessages(kafka, await deadLetterTopicsOf(kafka, values.topic))).filter((m) => parkedSince(m, since));
    } catch (err) {
      throw new CommandFailure(`cannot read the dead-letter topics: ${(err as Error).message}`);
    }
    if (action === 'list') {
      if (values.json) io.out(JSON.stringify(parked.map(jsonOf), null, 2) + '\n');
      else if (parked.length === 0) io.out(`no parked messages${values.topic ? ` on ${dlqOf(values.topic)}` : ''}\n`);
      else io.out(formatTable(['DEAD-LETTERED AT', 'FROM', 'MESSAGE ID', 'TYPE', 'BY', 'REASON'], parked.map(listRow)));
      return 0;
    }
    const wanted = values['message-id'];
    const chosen = wanted ? parked.filter((m) => m.messageId !== null && wanted.includes(m.messageId)) : parked;
    const missing = (wanted ?? []).filter((id) => !chosen.some((m) => m.messageId === id));
    if (missing.length) throw new CommandFailure(`not parked on ${dlqOf(values.topic!)}: ${missing.join(', ')}`);
    await replayParkedMessages(kafka, chosen, now);
    io.out(`replayed ${chosen.length} message(s) from ${dlqOf(values.topic!)} onto ${dlqOf(values.topic!).slice(0, -'.dlq'.length)}\n`);
    for (const m of chosen) io.out(`  ${m.messageId ?? '-'}  ${m.type ?? '-'}  (parked at ${m.dlqPartition}/${m.dlqOffset}: ${m.reason.slice(0, 100)})\n`);
    return 0;
  });
}

function kafkaOf(brokerList: string, io: OpsCommandIo): Kafka {
  const read = new SettingsReader(io.env);
  let connection;
  try {
    connection = readKafkaConnection(read);
    read.check('ops dlq');
  } catch (err) {
    if (err instanceof SettingsError) throw new UsageError(err.message);
    throw err;
  }
  stopKafkaIdleLoop(); // kafkajs 2.2.4's timer a millisecond on every idle connection (libs/settings)
  return new Kafka({
    clientId: 'idcard-ops-dlq',
    brokers: brokerList
      .split(',')
      .map((b) => b.trim())
      .filter(Boolean),
    ssl: connection.ssl,
    sasl: connection.sasl,
    logLevel: logLevel.NOTHING,
    connectionTimeout: 3000,
    retry: { retries: 2, initialRetryTime: 100 },
  });
}
