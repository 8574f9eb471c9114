import { Client } from 'pg';
import { redactUrl } from '@idcard/database';
import { LogCheckpoint, publicKeyOf, serviceKeyId, signCheckpoint, SignedCheckpoint, verifyCheckpoint } from '@idcard/trust';
import { CommandFailure, OpsCommandIo, parseOptions, readOptionFile, UsageError, withExitCode } from './command-io';
import { provinceOption, readPrivateKeyFile, readPublicKeyFile, serviceOption } from './key-ceremony-files';
import { biometricsKeyringFrom, resolveLogDatabaseUrl } from './log-database-url';
import { LogBreak, walkMessageLog } from './message-log-walk';

const DEFAULT_PAGE_SIZE = 5000;

export const VERIFY_LOG_HELP = `Usage: npm run ops -- verify-log --service S --province P [--database-url URL] [--json]
                          [--checkpoint --key FILE] [--against CHECKPOINT_FILE --public-key FILE] [--page-size N]

Walks a service's tamper-evident message log (message_log, a hash chain) from its first row and prints the row count
and the head hash; or the first broken row (its id, the hash expected and the hash found) and exits 1. The head the
service recorded (message_log_head) must be the walked one too: rows cut off the end are a break. Message keys and
values are never printed.

Options:
  --service S          receiving-office, registry-office or production-center
  --province P         two-digit province code (11 … 65)
  --database-url URL   the service's own database; else DATABASE_URL (a server: the database <service>_<province>
                       on it), else the server of npm start (<DATA_DIR or .data>/postgres.url)
  --json               { ok, count, head } or { ok: false, brokenAt, expected, found, reason }
  --checkpoint         if the log is intact, print a checkpoint of (count, head, now) signed with --key (the
                       service's private key), to be kept somewhere the service cannot rewrite
  --against FILE       also check the log still extends that signed checkpoint (verified with --public-key, the
                       service's public key): the chain has at least its count of rows and passes through its head
  --page-size N        rows read per query (default ${DEFAULT_PAGE_SIZE})

Exit codes: 0 intact, 1 broken (or unreadable, or a checkpoint that does not verify or is not extended), 2 a bad argument.
`;

/** `npm run ops -- verify-log …`; resolves the exit code. */
export function runVerifyLogCommand(argv: string[], io: OpsCommandIo): Promise<number> {
  return withExitCode(io, VERIFY_LOG_HELP, async () => {
    const values = parseOptions(argv, {
      service: { type: 'string' },
      province: { type: 'string' },
      'database-url': { type: 'string' },
      json: { type: 'boolean', default: false },
      checkpoint: { type: 'boolean', default: false },
      key: { type: 'string' },
      against: { type: 'string' },
      'public-key': { type: 'string' },
      'page-size': { type: 'string', default: String(DEFAULT_PAGE_SIZE) },
      help: { type: 'boolean', short: 'h', default: false },
    });
    if (values.help) {
      io.out(VERIFY_LOG_HELP);
      return 0;
    }
    const service = serviceOption(values.service);
    const province = provinceOption(values.province);
    const pageSize = Number(values['page-size']);
    if (!Number.isSafeInteger(pageSize) || pageSize < 1) throw new UsageError(`--page-size must be a whole number of at least 1, not ${values['page-size']}`);
    if (values.checkpoint !== (values.key !== undefined)) throw new UsageError('--checkpoint and --key go together: the checkpoint is signed with the key');
    if ((values.against === undefined) !== (values['public-key'] === undefined))
      throw new UsageError('--against and --public-key go together: the checkpoint is verified with the public key');
    const signingKey = values.key === undefined ? undefined : readPrivateKeyFile(values.key, '--key');
    const against = values.against === undefined ? undefined : readCheckpoint(values.against, values['public-key']!, service, province);
    const { url, from } = resolveLogDatabaseUrl({ databaseUrl: values['database-url'], service, province, env: io.env });

    const client = new Client({ connectionString: url, connectionTimeoutMillis: 5000 });
    let walk;
    try {
      await client.connect();
      walk = await walkMessageLog(client, { pageSize, checkpoint: against?.checkpoint, biometrics: biometricsKeyringFrom(io.env) });
    } catch (err) {
      const e = err as Error & { code?: string };
      if (e.code === '42P01')
        throw new CommandFailure(
          `no message log in ${redactUrl(url)} (from ${from}): ${e.message}; is this ${service} ${province}'s database, and has it run since the log exists?`,
        );
      throw new CommandFailure(`cannot read the message log at ${redactUrl(url)} (from ${from}): ${e.message}`);
    } finally {
      await client.end().catch(() => undefined);
    }

    const who = `${service} ${province}`;
    if (!walk.ok) return broken(io, values.json, who, walk);
    if (against && walk.headAtCheckpoint !== against.checkpoint.head) {
      const c = against.checkpoint;
      return broken(io, values.json, who, {
        ok: false,
        brokenAt: 'checkpoint',
        expected: c.head,
        found: walk.headAtCheckpoint ?? `only ${walk.count} rows`,
        reason:
          walk.headAtCheckpoint === null
            ? `the log has ${walk.count} rows, fewer than the ${c.count} of the checkpoint of ${c.at}: rows were cut off the end and the head rewritten`
            : `after ${c.count} rows the log's head is not the one the checkpoint of ${c.at} recorded: the log was rewritten since`,
        verifiedRows: walk.count,
      });
    }
    if (signingKey) {
      const checkpoint: LogCheckpoint = { service, province, count: walk.count, head: walk.head, at: (io.now?.() ?? new Date()).toISOString() };
      const signed = signCheckpoint(checkpoint, signingKey, serviceKeyId(service, province, publicKeyOf(signingKey)));
      io.out(`${JSON.stringify(signed, null, 2)}\n`);
      return 0;
    }
    const extends_ = against ? { extendsCheckpoint: { count: against.checkpoint.count, head: against.checkpoint.head, at: against.checkpoint.at } } : {};
    if (values.json) io.out(`${JSON.stringify({ ok: true, count: walk.count, head: walk.head, ...extends_ })}\n`);
    else {
      io.out(`${who}: message log intact: ${walk.count} rows, head ${walk.head}\n`);
      if (against) io.out(`extends the checkpoint of ${against.checkpoint.at} (${against.checkpoint.count} rows, head ${against.checkpoint.head})\n`);
    }
    return 0;
  });
}

function broken(io: OpsCommandIo, json: boolean | undefined, who: string, b: LogBreak): number {
  if (json) {
    const { ok, brokenAt, expected, found, reason } = b;
    io.out(`${JSON.stringify({ ok, brokenAt, expected, found, reason })}\n`);
    return 1;
  }
  const where = typeof b.brokenAt === 'number' || /^\d+$/.test(String(b.brokenAt)) ? `row id ${b.brokenAt}` : String(b.brokenAt);
  io.out(
    [
      `${who}: message log BROKEN at ${where} (${b.verifiedRows} rows before it verify): ${b.reason}`,
      `  expected  ${b.expected}`,
      `  found     ${b.found}`,
      '',
    ].join('\n'),
  );
  return 1;
}

function readCheckpoint(file: string, publicKeyFile: string, service: string, province: string): SignedCheckpoint {
  const text = readOptionFile(file, '--against');
  let signed: SignedCheckpoint;
  try {
    signed = JSON.parse(text) as SignedCheckpoint;
  } catch (err) {
    throw new UsageError(`--against ${file}: not JSON (${(err as Error).message})`);
  }
  const c = signed?.checkpoint;
  if (!c || typeof signed.keyId !== 'string' || typeof signed.signature !== 'string' || !Number.isSafeInteger(c.count) || typeof c.head !== 'string')
    throw new UsageError(`--against ${file}: not a signed checkpoint { checkpoint: { service, province, count, head, at }, keyId, signature }`);
  if (c.service !== service || c.province !== province)
    throw new UsageError(`--against ${file}: a checkpoint of ${c.service} ${c.province}, not of ${service} ${province}`);
  const publicKey = readPublicKeyFile(publicKeyFile, '--public-key');
  if (!verifyCheckpoint(signed, publicKey))
    throw new CommandFailure(`the checkpoint ${file} does not verify with --public-key ${publicKeyFile}: altered, or signed by another key`);
  return signed;
}
