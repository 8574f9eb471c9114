import { randomUUID } from 'node:crypto';
import { checkCharacter, ProvinceCode } from '@idcard/contracts';
import { parsePrometheusText } from '@idcard/ops';
import { photoFields, syntheticCitizens, syntheticFingerprints } from '@idcard/synthetic';
import { Kafka, logLevel } from 'kafkajs';
import { Client } from 'pg';
import { REGISTER_SEED, registerSizeFor } from '../../scripts/demo-plan';
import { DEMO_DEFAULTS, runDemo } from '../../scripts/demo-run';
import type { RunningSystem } from '../../scripts/system';

const APPLICATIONS = 40;
const PROVINCES: ProvinceCode[] = ['44', '65'];

/** Every dead letter's headers, read back from every dead-letter topic of the run. */
async function deadLetterHeaders(system: RunningSystem): Promise<string[]> {
  const kafka = new Kafka({ clientId: 'leak-check', brokers: system.infrastructure.kafkaBrokers, logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  await admin.connect();
  const dlqs = (await admin.listTopics()).filter((t) => t.endsWith('.dlq'));
  const offsets = await Promise.all(
    dlqs.map(async (topic) => ({ topic, end: (await admin.fetchTopicOffsets(topic)).reduce((n, p) => n + Number(p.high), 0) })),
  );
  await admin.disconnect();
  const expected = offsets.reduce((n, o) => n + o.end, 0);
  const seen: string[] = [];
  if (expected === 0) return seen;
  const consumer = kafka.consumer({ groupId: `leak-check-${randomUUID()}`, maxWaitTimeInMs: 100 });
  await consumer.connect();
  await consumer.subscribe({ topics: dlqs, fromBeginning: true });
  await new Promise<void>((resolve) => {
    void consumer.run({
      eachMessage: async ({ message }) => {
        for (const [name, value] of Object.entries(message.headers ?? {})) seen.push(`${name}: ${String(value)}`);
        if (seen.length >= expected) resolve();
      },
    });
  });
  await consumer.disconnect();
  return seen;
}

/** Every table of every service's database, as a dump would show it: one JSON text per table. */
async function databaseDumps(system: RunningSystem): Promise<{ table: string; text: string }[]> {
  const out: { table: string; text: string }[] = [];
  for (const s of system.services) {
    const db = new Client({ connectionString: await system.infrastructure.databaseFor(s.identity.service, s.identity.province) });
    await db.connect();
    try {
      const tables = await db.query<{ name: string }>(`SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public'`);
      for (const { name } of tables.rows) {
        const dump = await db.query<{ text: string | null }>(`SELECT string_agg(row_to_json(t)::text, E'\n') AS text FROM "${name}" t`);
        out.push({ table: `${s.identity.service}-${s.identity.province}.${name}`, text: dump.rows[0].text ?? '' });
      }
    } finally {
      await db.end();
    }
  }
  return out;
}

/**
 * Logs, dead-letter headers and metric labels are read by operators and copied into tickets: none may carry a full
 * ID number, a name from the register, or photo or fingerprint bytes. The whole demo runs with every log level on.
 */
describe('nothing personal leaks', () => {
  const lines: string[] = [];
  let metricLabels: string[] = [];
  let headers: string[] = [];
  let dumps: { table: string; text: string }[] = [];
  let result: Awaited<ReturnType<typeof runDemo>>['result'];

  beforeAll(async () => {
    const write = process.stdout.write.bind(process.stdout);
    process.stdout.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
      lines.push(String(chunk));
      return typeof rest[rest.length - 1] === 'function' ? ((rest[rest.length - 1] as () => void)(), true) : true;
    }) as typeof process.stdout.write;
    try {
      ({ result } = await runDemo(
        { ...DEMO_DEFAULTS, applications: String(APPLICATIONS), provinces: PROVINCES.join(','), 'timeout-seconds': '150' },
        {
          logLevels: ['log', 'warn', 'error', 'debug', 'verbose'],
          say: (line) => lines.push(line),
          beforeStop: async (system) => {
            for (const s of system.services) {
              const parsed = parsePrometheusText(await (await fetch(`${s.url}/metrics`)).text());
              metricLabels.push(...parsed.samples.flatMap((sample) => Object.values(sample.labels)));
            }
            headers = await deadLetterHeaders(system);
            dumps = await databaseDumps(system);
          },
        },
      ));
    } finally {
      process.stdout.write = write;
    }
    metricLabels = [...new Set(metricLabels)];
  }, 240_000);

  const register = PROVINCES.flatMap((p) => syntheticCitizens(p, registerSizeFor(APPLICATIONS, PROVINCES.length), REGISTER_SEED));
  const everything = () => [...lines, ...headers, ...metricLabels];

  it('ran the whole flow, with structured logs to look through', () => {
    expect(result).toMatchObject({ submitted: APPLICATIONS, pending: 0, lost: 0, rejectedMessages: 0 });
    expect(lines.filter((l) => l.startsWith('{"time"')).length).toBeGreaterThan(APPLICATIONS);
    expect(metricLabels.length).toBeGreaterThan(10);
  });

  it('no full ID number: not of the register, not of any shape', () => {
    // Any 18 characters standing alone whose last is the GB 11643 check character of the first 17 (card serials and
    // receipts, which hold long digit runs behind a letter, are not ID numbers).
    const candidates = (l: string) => [...l.matchAll(/(?<![\dA-Za-z])(\d{17})([\dXx])(?![\dA-Za-z])/g)];
    const found = everything().filter((l) => candidates(l).some(([, first17, check]) => checkCharacter(first17) === check.toUpperCase()));
    expect(found.slice(0, 3)).toEqual([]);
    for (const c of register) expect(everything().some((l) => l.includes(c.idNumber))).toBe(false);
  });

  it('no name from the register', () => {
    const names = new Set(register.map((c) => c.name));
    const found = everything().filter((l) => [...names].some((name) => l.includes(name)));
    expect(found.slice(0, 3)).toEqual([]);
  });

  it('no photo or fingerprint bytes', () => {
    const photo = photoFields().jpegBase64;
    const prints = Array.from({ length: APPLICATIONS * 2 }, (_, i) => syntheticFingerprints(i)).flat();
    const samples = [photo.slice(0, 40), photo.slice(1000, 1040), ...prints.map((p) => p.slice(0, 24))];
    const found = everything().filter((l) => samples.some((s) => l.includes(s)));
    expect(found.slice(0, 3)).toEqual([]);
  });

  it('no readable photo or fingerprint in any table of any service’s database', () => {
    expect(dumps.length).toBeGreaterThan(20);
    expect(dumps.some((d) => d.table.endsWith('.outbox_message') && d.text.length > 0)).toBe(true);
    // A JPEG starts with FF D8 FF: "/9j/" in base64, whatever encoding a column holds it in (as text, or bytea as hex).
    const markers = ['/9j/', '\\xffd8ff', '\\\\xffd8ff'];
    const prints = Array.from({ length: APPLICATIONS * 2 }, (_, i) => syntheticFingerprints(i))
      .flat()
      .map((p) => p.slice(0, 24));
    const readable = dumps.filter((d) => markers.some((m) => d.text.includes(m)) || prints.some((p) => d.text.includes(p))).map((d) => d.table);
    expect(readable).toEqual([]);
  });
});
