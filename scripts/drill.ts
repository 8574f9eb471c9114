import { ChildProcess, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { SharedOffsetClock } from '@idcard/clock';
import { ProvinceCode } from '@idcard/contracts';
import { EmbeddedPostgres, freePort, startEmbeddedPostgres } from '@idcard/database';
import { seededRandom, syntheticCitizens } from '@idcard/synthetic';
import { Client } from 'pg';
import { Actors } from './actors';
import { CARDS_TO_COLLECT_SQL, CardToCollect, collectCard } from './clerk';
import { call } from './demo-http';
import { applicationBody } from './demo-plan';
import { DEFAULT_MAX_CONNECTIONS } from './infrastructure';
import { parseProvinces, RunningSystem, startSystem, SystemService } from './system';
import { AcceptedReceipt, verdictLines, verdictOf } from './verdict';

/**
 * `npm run drill -- --applications 1000 [--kill-every 5s] [--seed N]`: the chaos drill of issue 14. Runs the system in
 * process mode on PostgreSQL and the development broker of its own (each a process it can kill), submits applications
 * (each with an Idempotency-Key, sent again until answered), plays the clerk who receives and hands over every card,
 * moves the shared clock forward (deadlines fire) and, at moments and on targets chosen by a PRNG seeded with --seed,
 * kills a service process, the broker or PostgreSQL with SIGKILL and starts it again; once, PostgreSQL is down for 30
 * seconds, and once the broker is restarted cleanly. It ends when every accepted application is issued or rejected at
 * every system of record (or --timeout passes: what is unfinished then counts as lost) and prints one JSON line.
 * Exits 1 on a loss, a card issued twice, a deadline event emitted twice or a message applied twice.
 */

const REGISTER_SEED = 13;
/** How often the clock moves forward (by --days-per-minute's share). */
const CLOCK_STEP_MS = 10_000;
const say = (line: string) => process.stderr.write(`${new Date().toISOString().slice(11, 19)} ${line}\n`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

type TargetKind = 'service' | 'broker' | 'postgres';

/** PostgreSQL on a fixed port and data directory, so a restart is the same server to every service's pool. */
class DrillPostgres {
  private pg: EmbeddedPostgres | null = null;
  constructor(
    private readonly dataDir: string,
    readonly port: number,
  ) {}

  get url(): string {
    return `postgres://postgres:postgres@127.0.0.1:${this.port}/postgres`;
  }

  async start(): Promise<void> {
    // After a SIGKILL the old server's backends notice their postmaster is gone and exit within moments; until
    // then PostgreSQL refuses to start beside their shared memory, so a start is tried again for a while.
    for (let attempt = 1; ; attempt++) {
      try {
        this.pg = await startEmbeddedPostgres({
          dataDir: this.dataDir,
          port: this.port,
          settings: { max_connections: DEFAULT_MAX_CONNECTIONS },
          notice: (line) => say(`postgres: ${line}`),
        });
        return;
      } catch (err) {
        if (attempt >= 30) throw err;
        await sleep(1000);
      }
    }
  }

  async kill(): Promise<void> {
    if (!this.pg) return;
    process.kill(this.pg.pid, 'SIGKILL');
    await this.pg.stop(); // returns at once for a server that has exited; lets go of the data directory's lock
    this.pg = null;
  }

  async stop(): Promise<void> {
    await this.pg?.stop();
    this.pg = null;
  }
}

/** The development broker's command line, as a process of its own on a fixed port and data directory. */
class DrillBroker {
  private child: ChildProcess | null = null;
  constructor(
    private readonly dataDir: string,
    readonly port: number,
  ) {}

  async start(): Promise<void> {
    const cli = path.resolve(__dirname, '..', 'libs', 'devbroker', 'src', 'cli.js');
    const child = spawn(process.execPath, ['-r', 'tsconfig-paths/register', cli, '--port', String(this.port), '--data-dir', this.dataDir], {
      env: { ...process.env, TS_NODE_BASEURL: path.resolve(__dirname, '..') },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout!.on('data', (d) => (out += d));
    child.stderr!.on('data', (d) => (out += d));
    const deadline = Date.now() + 60_000;
    while (!/listening on/.test(out)) {
      if (child.exitCode !== null || Date.now() > deadline) throw new Error(`the broker did not start:\n${out.slice(-2000)}`);
      await sleep(50);
    }
    this.child = child;
  }

  private async end(signal: NodeJS.Signals): Promise<void> {
    const child = this.child;
    this.child = null;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill(signal);
    await exited;
  }

  kill(): Promise<void> {
    return this.end('SIGKILL');
  }

  stop(): Promise<void> {
    return this.end('SIGTERM');
  }
}

interface Submission {
  index: number;
  home: ProvinceCode;
  residence: ProvinceCode;
  office: string;
  idNumber: string;
  body: Record<string, unknown>;
  receipt: string | null;
  refused: string | null;
  handedOver: boolean;
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      applications: { type: 'string', default: '1000' },
      'kill-every': { type: 'string', default: '5s' },
      seed: { type: 'string' },
      provinces: { type: 'string', default: '11,44,65' },
      rate: { type: 'string', default: '5' },
      'days-per-minute': { type: 'string', default: '30' },
      timeout: { type: 'string' },
    },
  });
  const total = Number(values.applications);
  const killEveryMs = durationMs(values['kill-every']!);
  const seed = values.seed !== undefined ? Number(values.seed) : Math.floor(Math.random() * 2 ** 31);
  const rate = Number(values.rate);
  const daysPerMinute = Number(values['days-per-minute']);
  if (!Number.isInteger(total) || total < 1) throw new Error('--applications must be a whole number above 0');
  if (!Number.isInteger(seed)) throw new Error('--seed must be a whole number');
  if (!(rate > 0) || !(daysPerMinute >= 0)) throw new Error('--rate must be above 0 and --days-per-minute not below 0');
  const provinces = parseProvinces(values.provinces!);
  const timeoutMs = (values.timeout ? Number(values.timeout) : 600 + (total / rate) * 3) * 1000;
  const random = seededRandom(seed);
  say(`drill: ${total} applications, a kill every ${killEveryMs / 1000} s or so, seed ${seed} (--seed ${seed} repeats it)`);

  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'idcard-drill-'));
  fs.chmodSync(dataDir, 0o755);
  const clock = new SharedOffsetClock(path.join(dataDir, 'clock-offset-ms'));
  const postgres = new DrillPostgres(path.join(dataDir, 'postgres'), await freePort());
  const broker = new DrillBroker(path.join(dataDir, 'kafka'), await freePort());
  const started = Date.now();
  await postgres.start();
  await broker.start();
  const system = await startSystem({
    provinces,
    dataDir,
    databaseUrl: postgres.url,
    kafkaBrokers: [`127.0.0.1:${broker.port}`],
    clock,
    processes: true,
    // Under chaos every service logs its outages; the verdict, from the systems of record, is what counts.
    logLevels: [],
    env: {
      ...process.env,
      CLOCK_OFFSET_FILE: path.join(dataDir, 'clock-offset-ms'),
      PRODUCTION_INTERVAL_MS: '200',
      SHIPMENT_MAX_WAIT_MS: '300',
      RATE_LIMIT_PER_MINUTE: '100000000',
      DEADLINE_TICK_MS: '1000',
      RETENTION_TICK_MS: '0',
      // The drill compresses weeks into minutes: a message held up for a minute of chaos is days old by the clock, so
      // the freshness window (and the inbox period that must outlast it) is a year here, not 30 days.
      MESSAGE_MAX_AGE_MS: String(365 * 86_400_000),
      INBOX_RETENTION_DAYS: '400',
    },
    maxWaitTimeInMs: 250,
    log: say,
  });
  say(`system up in ${((Date.now() - started) / 1000).toFixed(1)} s: ${system.services.length} service processes`);
  const drill = new Drill(system, provinces, postgres, broker, clock, random, seed);
  // Ctrl-C: the broker and PostgreSQL are children of this process that would outlive it.
  const interrupted = async () => {
    say('drill: interrupted, stopping everything');
    await system.stop().catch(() => undefined);
    await broker.stop();
    await postgres.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
    process.exit(130);
  };
  process.once('SIGINT', () => void interrupted());
  process.once('SIGTERM', () => void interrupted());
  try {
    return await drill.run(total, rate, killEveryMs, daysPerMinute, timeoutMs);
  } finally {
    await system.stop().catch((err) => say(`stopping the services: ${(err as Error).message}`));
    await broker.stop();
    await postgres.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

/** `5s`, `500ms`, `2m` or a number of seconds. */
function durationMs(text: string): number {
  const m = /^(\d+(?:\.\d+)?)(ms|s|m)?$/.exec(text.trim());
  if (!m) throw new Error(`--kill-every ${text}: a duration such as 5s, 500ms or 1m`);
  return Number(m[1]) * (m[2] === 'ms' ? 1 : m[2] === 'm' ? 60_000 : 1000);
}

class Drill {
  private readonly actors: Actors;
  private readonly submissions: Submission[] = [];
  private readonly kills: Record<TargetKind, number> = { service: 0, broker: 0, postgres: 0 };
  private readonly collecting = new Set<string>();
  private postgresDown = false;
  private readonly restarting = new Set<SystemService>();

  constructor(
    private readonly system: RunningSystem,
    private readonly provinces: ProvinceCode[],
    private readonly postgres: DrillPostgres,
    private readonly broker: DrillBroker,
    private readonly clock: SharedOffsetClock,
    private readonly random: () => number,
    private readonly seed: number,
  ) {
    this.actors = new Actors(system.issuer);
  }

  async run(total: number, rate: number, killEveryMs: number, daysPerMinute: number, timeoutMs: number): Promise<number> {
    const t0 = Date.now();
    await this.seedRegisters(total);
    const plan = this.plan(total);
    let submitting = true;
    const submitter = this.submitAll(plan, rate).finally(() => (submitting = false));

    // The chaos: a kill at seeded moments, the 30-second outage of PostgreSQL once 40 % are sent, the broker's clean
    // restart at 70 %; meanwhile the clock moves and the clerk collects.
    let outageDone = false;
    let brokerRestartDone = false;
    let nextKill = Date.now() + killEveryMs * (0.5 + this.random());
    let lastClock = Date.now();
    let lastCheck = 0;
    let lastLine = 0;
    const deadline = t0 + timeoutMs;
    for (;;) {
      const now = Date.now();
      const sent = this.submissions.filter((s) => s.receipt || s.refused).length;
      if (!outageDone && sent >= total * 0.4) {
        outageDone = true;
        await this.postgresOutage(30_000);
      } else if (!brokerRestartDone && sent >= total * 0.7) {
        brokerRestartDone = true;
        say('chaos: the broker restarted cleanly');
        await this.broker.stop();
        await this.broker.start();
      } else if (now >= nextKill) {
        await this.killOne();
        nextKill = Date.now() + killEveryMs * (0.5 + this.random());
      }
      // In steps, not continuously: a token lives 8 hours by the clock, which at 30 days a minute would be a second of
      // real time; a request that meets a step with an expired token is sent again with a new one.
      if (daysPerMinute > 0 && Date.now() - lastClock >= CLOCK_STEP_MS) {
        lastClock = Date.now();
        this.clock.advance((CLOCK_STEP_MS / 60_000) * daysPerMinute * 86_400_000);
      }
      await this.clerk().catch(() => undefined);
      if (Date.now() - lastLine >= 5000) {
        lastLine = Date.now();
        const accepted = this.submissions.filter((s) => s.receipt).length;
        const handed = this.submissions.filter((s) => s.handedOver).length;
        say(`t=${Math.round((Date.now() - t0) / 1000)}s accepted ${accepted}/${total} handed over ${handed} kills ${JSON.stringify(this.kills)}`);
      }
      if (!submitting && Date.now() - lastCheck >= 10_000) {
        lastCheck = Date.now();
        const progress = await verdictOf(this.system, this.accepted()).catch(() => null);
        if (progress && progress.lost === 0 && outageDone && brokerRestartDone && this.restarting.size === 0) break;
      }
      if (Date.now() > deadline) {
        say('drill: the time is up; what is unfinished counts as lost');
        break;
      }
      await sleep(200);
    }
    await submitter;
    while (this.restarting.size > 0) await sleep(200);
    const verdict = await verdictOf(this.system, this.accepted(), { settleMs: 10_000 });
    for (const line of verdictLines(verdict)) say(line);
    // A figure that cannot be read is printed as null (and why, on standard error) rather than losing the line.
    const figure = <T>(what: string, read: () => Promise<T>) =>
      read().catch((err: Error) => {
        say(`could not read ${what}: ${err.message}`);
        return null;
      });
    const deadlineEvents = await figure('the deadline events', () => this.deadlineEvents());
    const deadLettered = await figure('the dead letters', () => this.deadLettered());
    const line = {
      applications: total,
      accepted: verdict.accepted,
      refused: this.submissions.filter((s) => s.refused).length,
      issued: verdict.issued,
      rejected: verdict.rejected,
      kills: this.kills,
      postgresOutageSeconds: 30,
      brokerCleanRestarts: 1,
      lost: verdict.lost + (total - verdict.accepted),
      duplicatesIssued: verdict.duplicatesIssued,
      deadlineEvents: deadlineEvents?.emitted ?? null,
      deadlineEventsEmittedTwice: deadlineEvents?.twice ?? null,
      appliedTwice: verdict.appliedTwice,
      deadLettered,
      clockAdvancedDays: Math.round((this.clock.now().getTime() - Date.now()) / 86_400_000),
      seconds: Math.round((Date.now() - t0) / 1000),
      seed: this.seed,
      loadAverage: os.loadavg().map((l) => Math.round(l * 10) / 10),
    };
    console.log(JSON.stringify(line));
    return line.lost + line.duplicatesIssued + (line.deadlineEventsEmittedTwice ?? 1) + line.appliedTwice > 0 ? 1 : 0;
  }

  private accepted(): AcceptedReceipt[] {
    return this.submissions
      .filter((s) => s.receipt)
      .map((s) => ({ receipt: s.receipt!, residence: s.residence, home: s.home, idNumber: s.idNumber, expected: 'issued' }));
  }

  /** Every home register holds a citizen for each application it will be asked about (seeding is idempotent). */
  private async seedRegisters(total: number): Promise<void> {
    const size = Math.ceil(total / this.provinces.length) + 20;
    for (const p of this.provinces) {
      const res = await call(
        'POST',
        `${this.system.url('registry-office', p)}/register/seed`,
        { count: size, seed: REGISTER_SEED },
        await this.actors.registerAdmin(p),
      );
      if (res.status >= 300) throw new Error(`seeding the register of ${p}: ${res.status} ${JSON.stringify(res.body)}`);
    }
  }

  /** Each application for a citizen not used before, most submitted away from home, 1 in 5 at home. */
  private plan(total: number): Submission[] {
    const size = Math.ceil(total / this.provinces.length) + 20;
    const registers = new Map(this.provinces.map((p) => [p, syntheticCitizens(p, size, REGISTER_SEED)]));
    const n = this.provinces.length;
    return Array.from({ length: total }, (_, i) => {
      const home = this.provinces[i % n];
      const residence = n === 1 || i % 5 === 0 ? home : this.provinces[(i + 1 + (Math.floor(i / n) % (n - 1))) % n];
      const citizen = registers.get(home)![Math.floor(i / n)];
      const body: Record<string, unknown> = { ...applicationBody(citizen, residence, i, this.clock.now()), expedited: false };
      return {
        index: i,
        home,
        residence,
        office: String(body.receivingOfficeCode),
        idNumber: citizen.idNumber,
        body,
        receipt: null,
        refused: null,
        handedOver: false,
      };
    });
  }

  /** At `rate` a second; each one sent again under its Idempotency-Key until a counter answers it (201, or 200: the first receipt). */
  private async submitAll(plan: Submission[], rate: number): Promise<void> {
    const t0 = Date.now();
    await Promise.all(
      plan.map(async (s) => {
        await sleep((s.index / rate) * 1000 - (Date.now() - t0));
        this.submissions.push(s);
        for (;;) {
          const answer = await call('POST', `${this.system.url('receiving-office', s.residence)}/applications`, s.body, await this.actors.clerk(s.office), {
            'idempotency-key': `drill-${this.seed}-${s.index}`,
          }).catch((err: Error) => ({ status: 0, body: err.message }));
          if (answer.status === 200 || answer.status === 201) {
            s.receipt = answer.body.receiptNumber;
            return;
          }
          // 401: the token expired in a step of the clock; 429: a rate limit; both are asked again.
          if (answer.status >= 400 && answer.status < 500 && answer.status !== 429 && answer.status !== 401) {
            s.refused = `${answer.status} ${JSON.stringify(answer.body).slice(0, 300)}`;
            say(`refused: ${s.refused}`);
            return;
          }
          await sleep(500); // down for a moment (503, refused connection): the same request again
        }
      }),
    );
  }

  /** A target chosen by the PRNG, killed with SIGKILL and started again at once. */
  private async killOne(): Promise<void> {
    const r = this.random();
    const kind: TargetKind = r < 0.6 ? 'service' : r < 0.8 ? 'broker' : 'postgres';
    const since = Date.now();
    if (kind === 'service') {
      // A service's restart takes as long as its consumer group's rebalance (the killed member's session must time
      // out), so it goes on in the background while the chaos goes on; one being restarted is not chosen again.
      const restartable = this.system.services.filter(
        (s): s is SystemService & Required<Pick<SystemService, 'pid' | 'restart'>> => !!s.pid && !!s.restart && !this.restarting.has(s),
      );
      if (restartable.length === 0) return;
      const target = restartable[Math.floor(this.random() * restartable.length)];
      process.kill(target.pid, 'SIGKILL');
      this.restarting.add(target);
      const name = `${target.identity.service} ${target.identity.province}`;
      void (async () => {
        // A start can fail when PostgreSQL or the broker is killed meanwhile: tried again, as an orchestrator would.
        for (let attempt = 1; ; attempt++) {
          try {
            await target.restart();
            say(`chaos: killed ${name}, back in ${Date.now() - since} ms`);
            break;
          } catch (err) {
            say(`chaos: ${name} did not start (attempt ${attempt}): ${(err as Error).message}`);
            if (attempt >= 10) break;
            await sleep(2000);
          }
        }
        this.restarting.delete(target);
      })();
    } else if (kind === 'broker') {
      await this.broker.kill();
      await this.broker.start();
      say(`chaos: killed the broker, back in ${Date.now() - since} ms`);
    } else {
      await this.postgres.kill();
      await this.postgres.start();
      say(`chaos: killed PostgreSQL, back in ${Date.now() - since} ms`);
    }
    this.kills[kind]++;
  }

  private async postgresOutage(ms: number): Promise<void> {
    say(`chaos: PostgreSQL down for ${ms / 1000} s`);
    this.postgresDown = true;
    await this.postgres.stop();
    const until = Date.now() + ms;
    while (Date.now() < until) await sleep(200); // submissions meanwhile are answered 503 and sent again
    await this.postgres.start();
    this.postgresDown = false;
    say('chaos: PostgreSQL back');
  }

  /** The clerk: every card shipped to one of the drill's receipts is received and handed over. */
  private async clerk(): Promise<void> {
    if (this.postgresDown) return;
    const byReceipt = new Map(this.submissions.filter((s) => s.receipt && !s.handedOver).map((s) => [s.receipt!, s]));
    if (byReceipt.size === 0) return;
    for (const p of this.provinces) {
      const rows = await this.query<CardToCollect>('receiving-office', p, CARDS_TO_COLLECT_SQL);
      for (const r of rows) {
        const s = byReceipt.get(r.receipt);
        if (!s || this.collecting.has(r.receipt)) continue;
        this.collecting.add(r.receipt);
        void (async () => {
          await collectCard(this.system.url('receiving-office', p), r, s.idNumber, await this.actors.clerk(s.office));
          s.handedOver = true;
        })()
          .catch(() => undefined) // tried again on a later round
          .finally(() => this.collecting.delete(r.receipt));
      }
    }
  }

  private async query<T>(service: string, province: string, sql: string): Promise<T[]> {
    const db = new Client({ connectionString: await this.system.infrastructure.databaseFor(service, province) });
    db.on('error', () => undefined);
    await db.connect();
    try {
      return (await db.query(sql)).rows as T[];
    } finally {
      await db.end().catch(() => undefined);
    }
  }

  /**
   * Deadline warnings and breaches the receiving offices put in their outboxes, and how many more than their alerts
   * fired: each alert (one receipt, one kind) fires once (deadline_alert) and is sent once to each of two topics (the
   * home registry, the production centre), so an outbox row beyond the fired alerts of its citizen (the message key)
   * and type on one topic is an event emitted twice. (Outbox bodies are sealed: not read here.)
   */
  private async deadlineEvents(): Promise<{ emitted: number; twice: number }> {
    let emitted = 0;
    let twice = 0;
    for (const p of this.provinces) {
      const [row] = await this.query<{ emitted: number; twice: number }>(
        'receiving-office',
        p,
        `WITH sent AS (
           SELECT message_key, message_type, topic, count(*) AS n FROM outbox_message
           WHERE message_type IN ('DeadlineWarning', 'DeadlineBreached') GROUP BY message_key, message_type, topic),
         fired AS (
           SELECT a.id_number AS message_key, CASE WHEN d.kind = 'breach' THEN 'DeadlineBreached' ELSE 'DeadlineWarning' END AS message_type,
                  count(*) AS n
           FROM deadline_alert d JOIN application a USING (receipt_number) WHERE d.fired_at IS NOT NULL GROUP BY 1, 2)
         SELECT coalesce(sum(sent.n), 0)::int AS emitted, coalesce(sum(greatest(sent.n - coalesce(fired.n, 0), 0)), 0)::int AS twice
         FROM sent LEFT JOIN fired USING (message_key, message_type)`,
      );
      emitted += row.emitted;
      twice += row.twice;
    }
    return { emitted, twice };
  }

  /** Messages every service parked on a dead-letter topic, by its message log. */
  private async deadLettered(): Promise<number> {
    let n = 0;
    for (const s of this.system.services) {
      const rows = await this.query<{ n: number }>(
        s.identity.service,
        s.identity.province,
        `SELECT count(*)::int AS n FROM message_log WHERE direction = 'dead-lettered'`,
      );
      n += rows[0].n;
    }
    return n;
  }
}

main().then(
  (code) => process.exit(code),
  (err) => {
    process.stderr.write(`npm run drill failed: ${err instanceof Error ? err.stack : err}\n`);
    process.exit(1);
  },
);
