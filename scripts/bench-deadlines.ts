import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'perf_hooks';
import { DEV_AUDIENCE, DEV_ISSUER, DevIssuer, TokenVerifier } from '@idcard/access';
import { BiometricsKeyring } from '@idcard/biometrics';
import type { Clock } from '@idcard/clock';
import { startDevBroker } from '@idcard/devbroker';
import { ensureKeyFiles } from '@idcard/trust';
import { DeadlineScheduler, receivingOfficeSettingsFrom, startReceivingOffice } from '../apps/receiving-office/src';
import { ensureDatabase, startEmbeddedPostgres } from '@idcard/database';
import { messagingMigrations } from '@idcard/messaging';
import { DEFAULT_MESSAGE_WINDOW, loadServiceTrust, runMigrationsLocked, trustSettingsInKeyDirectory } from '@idcard/service-runtime';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { receivingOfficeMigrations } from '../apps/receiving-office/src/migrations';
import { CLAIM_DUE_ALERTS } from '../apps/receiving-office/src/applications/application-ledger';

/**
 * `npm run bench:deadlines [-- --applications 1000000 --due 100]`: the deadline scheduler's claim on a receiving
 * office holding a million open applications, at a moment when 100 alerts fall due. Steady state: every alert due
 * before that moment was fired by earlier ticks, so the pending index holds the future alerts and the 100.
 */
const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const APPLICATIONS = arg('applications', 1_000_000);
const DUE = arg('due', 100);
const BATCH = 500;
// The moment of the tick: 10:00 CST.
const NOW = new Date('2026-06-01T10:00:00+08:00');

const say = (line: string) => process.stdout.write(line + '\n');

async function timed<T>(what: string, work: () => Promise<T>): Promise<T> {
  const started = performance.now();
  const result = await work();
  say(`${what}: ${((performance.now() - started) / 1000).toFixed(2)} s`);
  return result;
}

async function main(): Promise<void> {
  let opened: Client | null = null;
  const pg = await startEmbeddedPostgres({
    port: 0,
    log: process.env.BENCH_VERBOSE ? (line) => process.stderr.write(`[postgres] ${line}\n`) : undefined,
    // The server's default durability (fsync and synchronous commit on), as a province runs it: only memory is raised.
    persistent: true,
    settings: { shared_buffers: '256MB', maintenance_work_mem: '256MB', max_wal_size: '4GB' },
  });
  try {
    const url = await ensureDatabase(pg.url, 'receiving_office_bench');
    const dataSource = await new DataSource({
      type: 'postgres',
      url,
      migrations: [...messagingMigrations, ...receivingOfficeMigrations],
      migrationsTableName: 'schema_migrations',
    }).initialize();
    await runMigrationsLocked(dataSource);
    await dataSource.destroy();
    const sql = new Client({ connectionString: url });
    opened = sql;
    // PostgreSQL stopping under an open client must not hide the error that stopped the bench.
    sql.on('error', () => undefined);
    await sql.connect();

    // Accepted over the last 59 days, never long enough ago to be breached; the first DUE were accepted 45.5 days
    // ago, so their 15-day warning fell due at 00:00 CST today and no tick has fired it yet.
    await timed(`insert ${APPLICATIONS.toLocaleString('en')} open applications`, () =>
      sql.query(
        `INSERT INTO application (receipt_number, id_number, name, kind, home_province, receiving_office_code, status, expedited,
                                  delivery_method, accepted_at, due_at, deadline_state, card_serial, shipment_id, arrived_at)
         SELECT 'R44-BENCH-' || lpad(i::text, 8, '0'), '44010119900101' || lpad((i % 10000)::text, 4, '0'), '王某', 'renewal',
                (ARRAY['11', '65', '51', '43'])[1 + i % 4], '44010601', status, false, 'counter', accepted_at, due_at,
                -- Those whose 15-day warning earlier ticks fired are at risk.
                CASE WHEN i > $2 AND due_at - make_interval(hours => 24 * 16) <= $1 THEN 'warned' END,
                CASE WHEN status IN ('shipped', 'arrived') THEN 'P44BENCH' || i END,
                CASE WHEN status IN ('shipped', 'arrived') THEN 'S44-BENCH-' || (i / 50) END,
                CASE WHEN status = 'arrived' THEN accepted_at + interval '20 days' END
           FROM (SELECT i, accepted_at, (ARRAY['submitted', 'in_production', 'shipped', 'arrived'])[1 + i % 4] AS status,
                        to_timestamp((floor((extract(epoch FROM accepted_at) + 28800) / 86400) + 61) * 86400 - 28800) AS due_at
                   FROM (SELECT i, CASE WHEN i <= $2 THEN $1::timestamptz - interval '45 days 12 hours'
                                        ELSE $1::timestamptz - make_interval(days => i % 59, hours => 1 + i % 12) END AS accepted_at
                           FROM generate_series(1, $3::int) AS i) AS g) AS s`,
        [NOW, DUE, APPLICATIONS],
      ),
    );
    await timed(`insert their ${(APPLICATIONS * 3).toLocaleString('en')} alerts (earlier ones fired, as earlier ticks left them)`, () =>
      sql.query(
        `INSERT INTO deadline_alert (receipt_number, kind, fire_at, fired_at)
         SELECT a.receipt_number, p.kind, p.fire_at,
                CASE WHEN p.fire_at <= $1 AND a.receipt_number > 'R44-BENCH-' || lpad($2::text, 8, '0') THEN p.fire_at END
           FROM application a
          CROSS JOIN LATERAL (VALUES ('warning_15d', a.due_at - make_interval(hours => 24 * 16)), ('warning_5d', a.due_at - make_interval(hours => 24 * 6)), ('breach', a.due_at)) AS p (kind, fire_at)`,
        [NOW, DUE],
      ),
    );
    await timed('vacuum analyze', () => sql.query('VACUUM ANALYZE'));

    const [{ open, pending, due }] = (
      await sql.query(
        `SELECT (SELECT count(*) FROM application WHERE status NOT IN ('handed_over', 'rejected')) AS open,
                (SELECT count(*) FROM deadline_alert WHERE fired_at IS NULL AND cancelled_at IS NULL) AS pending,
                (SELECT count(*) FROM deadline_alert WHERE fired_at IS NULL AND cancelled_at IS NULL AND fire_at <= $1) AS due`,
        [NOW],
      )
    ).rows;
    const [{ size }] = (await sql.query(`SELECT pg_size_pretty(pg_relation_size('deadline_alert_pending')) AS size`)).rows;
    say(`open applications: ${open}; pending alerts: ${pending} (index deadline_alert_pending ${size}); due at ${NOW.toISOString()}: ${due}`);

    say(`\nEXPLAIN (ANALYZE, BUFFERS) of the claim (batch of ${BATCH}):`);
    await sql.query('BEGIN');
    const plan = await sql.query(`EXPLAIN (ANALYZE, BUFFERS) ${CLAIM_DUE_ALERTS}`, [NOW, BATCH]);
    await sql.query('ROLLBACK');
    for (const row of plan.rows) say(`  ${row['QUERY PLAN']}`);
    // The top node's Buffers line counts every page the whole claim touched (index, alerts, applications, locks).
    const top = plan.rows.map((r) => String(r['QUERY PLAN'])).find((l) => l.trim().startsWith('Buffers:'));
    say(`the whole claim touched: ${top?.trim() ?? 'n/a'}`);

    const runs: number[] = [];
    for (let i = 0; i < 20; i++) {
      await sql.query('BEGIN');
      const started = performance.now();
      const claimed = await sql.query(CLAIM_DUE_ALERTS, [NOW, BATCH]);
      runs.push(performance.now() - started);
      await sql.query('ROLLBACK');
      if (claimed.rowCount !== Number(due)) throw new Error(`claimed ${claimed.rowCount}, expected ${due}`);
    }
    runs.sort((a, b) => a - b);
    say(`\nclaim of ${due} due alerts among ${pending} pending: median ${runs[10].toFixed(2)} ms, max ${runs[19].toFixed(2)} ms (20 runs, rolled back)`);

    // The scheduler's own tick, on the receiving office itself: claim, mark fired, timeline steps, escalations and
    // the outbox rows to the registries and the production centre, committed batch by batch at full durability.
    const tick = await timedTick(url, DUE);
    say(`DeadlineScheduler.tick() for ${tick.fired} due alerts (the service's own code, outbox included): ${tick.ms.toFixed(1)} ms`);

    const reportStarted = performance.now();
    const report = await sql.query(
      `SELECT deadline_state, status, home_province, count(*) FROM application
        WHERE deadline_state IS NOT NULL AND status NOT IN ('handed_over', 'rejected') GROUP BY 1, 2, 3`,
    );
    say(`GET /deadlines/report query: ${report.rowCount} groups in ${(performance.now() - reportStarted).toFixed(1)} ms`);
  } finally {
    await opened?.end().catch(() => undefined);
    await pg.stop();
  }
}

/** Starts the receiving office of province 44 on the bench database with its clock at NOW, and times one tick. */
async function timedTick(url: string, due: number): Promise<{ fired: number; ms: number }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-deadlines-'));
  const broker = await startDevBroker({ port: 0 });
  const clock: Clock = { now: () => new Date(NOW) };
  const identity = { service: 'receiving-office' as const, province: '44' as const };
  ensureKeyFiles(path.join(dir, 'keys'), { services: [identity], now: new Date(NOW.getTime() - 86_400_000) });
  const trust = await loadServiceTrust(
    identity,
    { ...trustSettingsInKeyDirectory(path.join(dir, 'keys'), 'receiving-office', '44'), allowedSkew: DEFAULT_MESSAGE_WINDOW },
    clock,
  );
  const issuer = DevIssuer.open(path.join(dir, 'auth'));
  const office = await startReceivingOffice({
    identity,
    databaseUrl: url,
    kafkaBrokers: broker.brokers,
    clock,
    trust,
    access: { verifier: TokenVerifier.fromSettings({ publicKeyFiles: [issuer.publicKeyFile], issuer: DEV_ISSUER, audience: DEV_AUDIENCE }, () => clock.now()) },
    biometrics: BiometricsKeyring.generate('bench'),
    logLevels: [],
    ...receivingOfficeSettingsFrom({ DEADLINE_TICK_MS: '0' }),
  });
  try {
    const started = performance.now();
    const result = await office.app.get(DeadlineScheduler).tick();
    const ms = performance.now() - started;
    const fired = result.warnings + result.breaches;
    if (fired !== due) throw new Error(`the tick fired ${fired} alerts, expected ${due}`);
    return { fired, ms };
  } finally {
    await office.stop();
    await broker.stop();
  }
}

main().catch((err) => {
  process.stderr.write(`bench-deadlines failed: ${err instanceof Error ? err.stack : err}\n`);
  process.exit(1);
});
