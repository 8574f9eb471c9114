import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { ProvinceCode } from '@idcard/contracts';
import { syntheticCitizens } from '@idcard/synthetic';
import { Client } from 'pg';
import { Actors } from './actors';
import { CARDS_TO_COLLECT_SQL, CardToCollect, collectCard } from './clerk';
import { call, percentile } from './demo-http';
import { applicationBody } from './demo-plan';
import { cpuBetween, cpuByCommand, cpuReading, descendantsOf, sampleProcess } from './bench-proc';
import { infrastructureFromEnv } from './infrastructure';
import { parseProvinces, parseReplicas, RunningSystem, startSystem } from './system';
import { AcceptedReceipt, verdictLines, verdictOf } from './verdict';
import { maxSustainedRate, nextRate, RateTrial } from './find-max';

/**
 * `npm run bench -- --rate R --duration S [--processes] [--replicas registry-office=2] [--find-max]`: open-loop load on
 * the whole system. Submissions go out at a fixed rate whatever the answers (nothing waits for a reply before the next
 * send), every one on the automatic path (a citizen of the home register, nothing for a reviewer); the clerk records
 * each card's arrival and hands it over as soon as it reaches the receiving office (the shipment cut-off is short).
 * Prints a progress line a second and, last, one JSON line: offered and completed rates, percentiles per hop, commits
 * per application from PostgreSQL's own statistics, the commit ceiling of the same server measured in the same run and
 * the limit it implies, CPU per application over every process (services, broker, PostgreSQL) and memory per service.
 * The verdict (lost, duplicates, applied twice) comes from verdict.ts, as the demo's does.
 */

const REGISTER_SEED = 11;
/** Every timeline step the receiving office records on the automatic path, in order. */
const HOPS = ['submitted', 'signed_off', 'produced', 'shipped', 'arrived', 'handed_over'] as const;
type Hop = (typeof HOPS)[number];

interface Submission {
  index: number;
  home: ProvinceCode;
  residence: ProvinceCode;
  office: string;
  idNumber: string;
  sentAt: number;
  receipt: string | null;
  failed: string | null;
  handedOverAt: number | null;
}

interface StepFigures {
  offeredPerSecond: number;
  completedPerSecond: number;
  sent: number;
  accepted: number;
  failedSubmissions: number;
  handedOver: number;
  drainSeconds: number | null;
  fellBehind: boolean;
  latencyMs: Record<string, { p50: number | null; p95: number | null; p99: number | null }>;
  commitsPerApplication: number;
  /** The bench's own queries in the same window (left out of commitsPerApplication). */
  benchCommitsPerApplication: number;
  /**
   * Statements the services ran per application, from pg_stat_statements (every database, the bench's own left out):
   * each is a round trip and a socket write at both ends, the cost that dominates CPU here. Null where the server
   * does not load pg_stat_statements (a DATABASE_URL server without it).
   */
  statementsPerApplication: number | null;
  commitCeilingPerSecond: number;
  connections: number;
  limitPerSecond: number;
  ratio: number;
  /**
   * The machine's CPU limit at this cost: its cores' milliseconds a second ÷ cpuMsPerApplication, and completed ÷ that.
   * On a small machine this, not the commit ceiling, is the limit the system meets first.
   */
  cpuLimitPerSecond: number;
  cpuRatio: number;
  cpuMsPerApplication: number;
  cpuMsPerApplicationByCommand: Record<string, number>;
  cpuIncludesLoadGenerator: boolean;
  maxRssMbPerService: number;
  lost: number;
  duplicatesIssued: number;
  appliedTwice: number;
  sustained: boolean;
}

const say = (line: string) => process.stderr.write(line + '\n');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      rate: { type: 'string' },
      duration: { type: 'string' },
      provinces: { type: 'string', default: '11,44,65' },
      processes: { type: 'boolean', default: false },
      replicas: { type: 'string', default: '' },
      'find-max': { type: 'boolean', default: false },
      'max-steps': { type: 'string', default: '8' },
      'data-dir': { type: 'string' },
      'drain-seconds': { type: 'string', default: '20' },
    },
  });
  const findMax = values['find-max']!;
  // --find-max climbs from a rate the machine holds, in short steps: a first step far above the limit would leave a
  // backlog longer than a step's drain, and every step after it would inherit it and fail.
  const rate = Number(values.rate ?? (findMax ? 5 : 100));
  const duration = Number(values.duration ?? (findMax ? 20 : 60));
  if (!(rate > 0) || !(duration > 0)) throw new Error('--rate and --duration must be positive numbers');
  const provinces = parseProvinces(values.provinces!);
  // A durable cluster (fsync on, as npm start's): a data directory of the run's own unless one is given.
  const dataDir = values['data-dir'] ?? fs.mkdtempSync(path.join(os.tmpdir(), 'idcard-bench-'));
  fs.chmodSync(dataDir, 0o755);
  const started = Date.now();
  const system = await startSystem({
    ...infrastructureFromEnv(),
    provinces,
    dataDir,
    logLevels: ['error'],
    env: {
      ...process.env,
      PRODUCTION_INTERVAL_MS: process.env.PRODUCTION_INTERVAL_MS ?? '100',
      SHIPMENT_MAX_WAIT_MS: process.env.SHIPMENT_MAX_WAIT_MS ?? '300',
      // The bench's clerks are a handful of tokens doing the work of many counters.
      RATE_LIMIT_PER_MINUTE: process.env.RATE_LIMIT_PER_MINUTE ?? '100000000',
      DEADLINE_TICK_MS: '0',
    },
    // The services' own default: a fetch is answered as soon as data arrives, so a longer wait costs no latency, only
    // empty fetches saved (at 100 ms, 18 consumers' idle fetches took a third of a core); a stop waits up to one fetch.
    maxWaitTimeInMs: 1000,
    // Statement counts (statementsPerApplication); only the embedded server is configured here.
    postgresSettings: { shared_preload_libraries: 'pg_stat_statements', 'pg_stat_statements.max': 10000 },
    processes: values.processes,
    replicas: parseReplicas(values.replicas!),
    log: say,
  });
  say(`system up in ${((Date.now() - started) / 1000).toFixed(1)} s (${system.processes ? 'processes' : 'one process'}, ${system.services.length} services)`);
  const bench = new Bench(system, provinces, Number(values['drain-seconds']));
  try {
    let result: StepFigures & { maxSustainedRate?: number | null; steps?: unknown[] };
    if (!findMax) {
      result = await bench.step(rate, duration);
    } else {
      // Up while it holds, down until it holds, then between (find-max.ts): the answer is a rate that was sustained.
      const figuresAt = new Map<number, StepFigures>();
      const trials: RateTrial[] = [];
      const tried: { rate: number; sustained: boolean; completedPerSecond: number; p99SignOffMs: number | null }[] = [];
      for (let r: number | null = rate; r !== null && trials.length < Number(values['max-steps']); r = nextRate(trials)) {
        const figures = await bench.step(r, duration);
        figuresAt.set(r, figures);
        const p99 = figures.latencyMs['submitted→signed_off'].p99;
        const ok = figures.sustained && p99 !== null && p99 < 1000;
        trials.push({ rate: r, sustained: ok });
        tried.push({ rate: r, sustained: ok, completedPerSecond: figures.completedPerSecond, p99SignOffMs: p99 });
        say(`step at ${r}/s: ${ok ? 'sustained' : 'not sustained'} (completed ${figures.completedPerSecond}/s, p99 accepted → signed off ${p99} ms)`);
      }
      // The figures of the highest rate sustained; if none held, those of the last step tried.
      const best = maxSustainedRate(trials);
      result = { ...figuresAt.get(best ?? trials[trials.length - 1].rate)!, maxSustainedRate: best, steps: tried };
    }
    const line = {
      mode: system.processes ? 'processes' : 'single-process',
      replicas: values.replicas || undefined,
      provinces: provinces.length,
      cpus: os.cpus().length,
      loadAverage: os.loadavg().map((l) => Math.round(l * 10) / 10),
      ...result,
    };
    await system.stop();
    if (!values['data-dir']) fs.rmSync(dataDir, { recursive: true, force: true });
    console.log(JSON.stringify(line));
    return line.lost + line.duplicatesIssued + line.appliedTwice > 0 ? 1 : 0;
  } catch (err) {
    await system.stop();
    throw err;
  }
}

class Bench {
  private readonly actors: Actors;
  private readonly tokens = new Map<string, string>();
  private readonly citizens = new Map<ProvinceCode, ReturnType<typeof syntheticCitizens>>();
  private readonly used = new Map<ProvinceCode, number>();
  private seeded = 0;
  private sequence = 0;

  constructor(
    private readonly system: RunningSystem,
    private readonly provinces: ProvinceCode[],
    private readonly drainSeconds: number,
  ) {
    this.actors = new Actors(system.issuer);
  }

  private async token(kind: 'clerk' | 'registerAdmin', who: string): Promise<string> {
    const key = `${kind}:${who}`;
    if (!this.tokens.has(key)) this.tokens.set(key, await this.actors[kind](who));
    return this.tokens.get(key)!;
  }

  /** Each province's register holds enough citizens for everything sent so far and `more` besides (seeding is idempotent). */
  private async seedFor(more: number): Promise<void> {
    const size = Math.ceil((this.sequence + more) / this.provinces.length) + 20;
    if (size <= this.seeded) return;
    const t = Date.now();
    await Promise.all(
      this.provinces.map(async (p) => {
        const res = await call(
          'POST',
          `${this.system.url('registry-office', p)}/register/seed`,
          { count: size, seed: REGISTER_SEED },
          await this.token('registerAdmin', p),
        );
        if (res.status >= 300) throw new Error(`seeding the register of ${p}: ${res.status} ${JSON.stringify(res.body)}`);
        this.citizens.set(p, syntheticCitizens(p, size, REGISTER_SEED));
      }),
    );
    this.seeded = size;
    say(`registers seeded: ${size} citizens in each of ${this.provinces.length} provinces (${Date.now() - t} ms)`);
  }

  /** The next application: a citizen not used before, most submitted away from home, 1 in 5 at home. */
  private next(): { body: Record<string, unknown>; home: ProvinceCode; residence: ProvinceCode; office: string; idNumber: string; index: number } {
    const i = this.sequence++;
    const n = this.provinces.length;
    const home = this.provinces[i % n];
    const residence = n === 1 || i % 5 === 0 ? home : this.provinces[(i + 1 + (Math.floor(i / n) % (n - 1))) % n];
    const k = this.used.get(home) ?? 0;
    this.used.set(home, k + 1);
    const citizen = this.citizens.get(home)![k];
    const body = applicationBody(citizen, residence, i, new Date());
    // Expedited cards ship alone at once: the bench measures the ordinary path.
    body.expedited = false;
    return { body, home, residence, office: String(body.receivingOfficeCode), idNumber: citizen.idNumber, index: i };
  }

  async step(rate: number, duration: number): Promise<StepFigures> {
    const total = Math.round(rate * duration);
    await this.seedFor(total);
    const system = this.system;
    const dbs = new Map<string, Client>();
    const db = async (service: string, p: string) => {
      const key = `${service}/${p}`;
      if (!dbs.has(key)) {
        const c = new Client({ connectionString: await system.infrastructure.databaseFor(service, p) });
        await c.connect();
        dbs.set(key, c);
      }
      return dbs.get(key)!;
    };
    const admin = new Client({ connectionString: system.infrastructure.databaseServerUrl });
    await admin.connect();
    try {
      for (const p of this.provinces) await db('receiving-office', p);
      // The bench's own queries (the clerk's look for shipped cards, the samples, this count) are transactions too: counted
      // here and left out of the services' commits per application.
      let ownCommits = 0;
      const commits = async () => {
        ownCommits++;
        return Number((await admin.query<{ n: string }>('SELECT sum(xact_commit)::bigint AS n FROM pg_stat_database')).rows[0].n);
      };
      const servicePids = () => this.servicePids();
      const everyPid = () => [...(system.processes ? [] : [process.pid]), ...descendantsOf(process.pid)];
      await sleep(1500); // statistics settle (PostgreSQL flushes a backend's counts at most once a second)
      const statementCounts = await StatementCounts.on(admin);
      const commitsBefore = await commits();
      ownCommits = 0;
      const cpuBefore = cpuReading(everyPid());
      let maxRss = 0;
      let maxConnections = 0;

      const subs: Submission[] = [];
      const collecting = new Set<string>();
      const byReceipt = new Map<string, Submission>();
      let inFlight = 0;
      const t0 = Date.now();
      const sendUntil = t0 + duration * 1000;
      // Open loop: every 5 ms, send whatever is due by the clock; never wait for an answer. The clerk's rounds below run
      // meanwhile, so a card is collected as soon as it reaches its office, not once the last submission is sent.
      const sending = new Promise<void>((resolve) => {
        const timer = setInterval(() => {
          const due = Math.min(total, Math.floor(((Date.now() - t0) / 1000) * rate) + 1);
          while (subs.length < due) {
            const a = this.next();
            const s: Submission = { ...a, sentAt: Date.now(), receipt: null, failed: null, handedOverAt: null };
            subs.push(s);
            inFlight++;
            void this.token('clerk', a.office)
              .then((token) => call('POST', `${system.url('receiving-office', a.residence)}/applications`, a.body, token))
              .then(
                (res) => {
                  if (res.status === 201) {
                    s.receipt = res.body.receiptNumber;
                    byReceipt.set(s.receipt!, s);
                  } else s.failed = `${res.status} ${JSON.stringify(res.body).slice(0, 200)}`;
                },
                (err: Error) => (s.failed = err.message),
              )
              .finally(() => inFlight--);
          }
          if (subs.length >= total) {
            clearInterval(timer);
            resolve();
          }
        }, 5);
      });

      // The clerk: as soon as a card is shipped to its office, record its arrival and hand it over.
      const clerk = async () => {
        for (const p of this.provinces) {
          ownCommits++;
          const rows = await (await db('receiving-office', p)).query<CardToCollect>(CARDS_TO_COLLECT_SQL);
          for (const r of rows.rows) {
            const s = byReceipt.get(r.receipt);
            if (!s || collecting.has(r.receipt)) continue;
            collecting.add(r.receipt);
            void (async () => {
              await collectCard(system.url('receiving-office', p), r, s.idNumber, await this.token('clerk', s.office));
              s.handedOverAt = Date.now();
            })().catch(() => collecting.delete(r.receipt)); // tried again on the next round
          }
        }
      };
      const handedOver = () => subs.filter((s) => s.handedOverAt !== null).length;
      const sample = async () => {
        for (const pid of servicePids()) maxRss = Math.max(maxRss, sampleProcess(pid)?.rssMb ?? 0);
        ownCommits++;
        const n = Number(
          (
            await admin.query<{ n: string }>(
              `SELECT count(*) AS n FROM pg_stat_activity WHERE application_name ~ '^(registry-office|production-center|receiving-office)-'`,
            )
          ).rows[0].n,
        );
        maxConnections = Math.max(maxConnections, n);
      };
      // While sending (paced above, on its own timer) and draining: clerk rounds, samples, progress lines.
      let lastLine = 0;
      let drainedAt: number | null = null;
      // Judged on the drain window: what is not handed over `drainSeconds` after the last send has fallen behind. Then
      // the clerk goes on until every card is collected — or nothing has been handed over for a minute, or a long limit
      // passes — so the verdict reads a finished run: an application still queued behind an overloaded registry is late,
      // not lost, and a verdict taken while it waits in Kafka would call it lost.
      const behindAt = sendUntil + this.drainSeconds * 1000;
      const giveUpAt = sendUntil + Math.max(600, duration * 10) * 1000;
      const STALLED_MS = 60_000;
      let progress = { handedOver: 0, at: Date.now() };
      let fellBehind = false;
      for (;;) {
        await clerk();
        const now = Date.now();
        if (now - lastLine >= 1000) {
          lastLine = now;
          await sample();
          const accepted = subs.filter((s) => s.receipt).length;
          const failed = subs.filter((s) => s.failed).length;
          say(
            `t=${Math.round((now - t0) / 1000)}s sent ${subs.length}/${total} accepted ${accepted} failed ${failed} awaiting-answer ${inFlight} handed-over ${handedOver()}`,
          );
        }
        const everyone = subs.length >= total && inFlight === 0 && subs.every((s) => s.failed || s.handedOverAt !== null);
        if (everyone) {
          drainedAt = Date.now();
          break;
        }
        if (now > behindAt) fellBehind = true;
        const done = handedOver();
        if (done > progress.handedOver) progress = { handedOver: done, at: now };
        if (now > giveUpAt || (now > sendUntil && now - progress.at > STALLED_MS)) break;
        await sleep(100);
      }
      await sending;
      await sleep(1500);
      const ownCommitsBetween = ownCommits;
      const commitsAfter = await commits();
      const statements = await statementCounts?.since();
      const cpuAfter = cpuReading(everyPid());
      const accepted = subs.filter((s) => s.receipt);
      const done = accepted.filter((s) => s.handedOverAt !== null);

      // Per hop, from the systems of record: the receiving office's timeline, the production centre's produced_at.
      const times = new Map<string, Partial<Record<Hop, number>>>();
      for (const p of this.provinces) {
        const mine = accepted.filter((s) => s.residence === p).map((s) => s.receipt!);
        const steps = await (
          await db('receiving-office', p)
        ).query<{ receipt: string; step: string; at: Date }>(
          `SELECT receipt_number AS receipt, step, at FROM application_step WHERE receipt_number = ANY($1::text[])`,
          [mine],
        );
        for (const r of steps.rows) times.set(r.receipt, { ...times.get(r.receipt), [r.step]: r.at.getTime() });
      }
      for (const p of this.provinces) {
        const produced = await (
          await db('production-center', p)
        ).query<{ receipt: string; at: Date }>(`SELECT receipt_number AS receipt, produced_at AS at FROM production_order WHERE produced_at IS NOT NULL`);
        for (const r of produced.rows) if (times.has(r.receipt)) times.get(r.receipt)!.produced = r.at.getTime();
      }
      const latencyMs: StepFigures['latencyMs'] = {};
      const hop = (from: Hop, to: Hop) => {
        const values = [...times.values()].filter((t) => t[from] !== undefined && t[to] !== undefined).map((t) => t[to]! - t[from]!);
        latencyMs[`${from}→${to}`] = { p50: percentile(values, 50), p95: percentile(values, 95), p99: percentile(values, 99) };
      };
      for (let i = 1; i < HOPS.length; i++) hop(HOPS[i - 1], HOPS[i]);
      hop('submitted', 'handed_over');

      // Sustained throughput: handovers over a window as long as the send window, shifted by the median time from
      // submission to handover (the pipeline's fill time), per second: what came out while the offered load went in.
      const shift = latencyMs['submitted→handed_over'].p50 ?? 0;
      const window = done.filter((s) => s.handedOverAt! >= t0 + shift && s.handedOverAt! <= sendUntil + shift).length;
      const completedPerSecond = round(window / duration, 1);

      const verdict = await verdictOf(
        system,
        accepted.map((s): AcceptedReceipt => ({ receipt: s.receipt!, residence: s.residence, home: s.home, idNumber: s.idNumber, expected: 'issued' })),
        { settleMs: 5000 },
      );
      for (const line of verdictLines(verdict)) say(line);
      if (statements)
        for (const t of statements.top)
          say(`statements: ${(t.calls / Math.max(1, accepted.length)).toFixed(2)} per application: ${t.query.replace(/\s+/g, ' ').slice(0, 160)}`);

      const commitsPerApplication = (commitsAfter - commitsBefore - ownCommitsBetween) / Math.max(1, accepted.length);
      const connections = Math.max(1, maxConnections);
      const ceiling = await commitCeiling(system.infrastructure.databaseServerUrl, connections);
      const limitPerSecond = ceiling / commitsPerApplication;
      const cpuMs = cpuBetween(cpuBefore, cpuAfter);
      const cpuLimit = (os.cpus().length * 1000) / Math.max(0.001, cpuMs / Math.max(1, accepted.length));
      const perApplication = (ms: number) => round(ms / Math.max(1, accepted.length), 1);
      const cpuParts = Object.fromEntries(Object.entries(cpuByCommand(cpuBefore, cpuAfter)).map(([name, ms]) => [name, perApplication(ms)]));
      const rss = system.processes ? maxRss : maxRss / system.services.length;
      const failures = subs.filter((s) => s.failed);
      for (const f of failures.slice(0, 3)) say(`submission failed: ${f.failed}`);
      return {
        offeredPerSecond: round(subs.length / duration, 1),
        completedPerSecond,
        sent: subs.length,
        accepted: accepted.length,
        failedSubmissions: failures.length,
        handedOver: done.length,
        drainSeconds: drainedAt ? round((drainedAt - sendUntil) / 1000, 1) : null,
        fellBehind,
        latencyMs,
        commitsPerApplication: round(commitsPerApplication, 1),
        benchCommitsPerApplication: round(ownCommitsBetween / Math.max(1, accepted.length), 1),
        // The bench's own statements are one per counted query (ownCommits), the two readings of the counts besides.
        statementsPerApplication: statements ? round((statements.total - ownCommitsBetween - 2) / Math.max(1, accepted.length), 1) : null,
        commitCeilingPerSecond: Math.round(ceiling),
        connections,
        limitPerSecond: round(limitPerSecond, 1),
        ratio: round(completedPerSecond / limitPerSecond, 3),
        cpuLimitPerSecond: round(cpuLimit, 1),
        cpuRatio: round(completedPerSecond / cpuLimit, 3),
        cpuMsPerApplication: round(cpuMs / Math.max(1, accepted.length), 1),
        cpuMsPerApplicationByCommand: cpuParts,
        cpuIncludesLoadGenerator: !system.processes,
        maxRssMbPerService: round(rss, 1),
        lost: verdict.lost,
        duplicatesIssued: verdict.duplicatesIssued,
        appliedTwice: verdict.appliedTwice,
        sustained: !fellBehind && drainedAt !== null && failures.length === 0 && !verdict.wrong,
      };
    } finally {
      for (const c of dbs.values()) await c.end().catch(() => undefined);
      await admin.end().catch(() => undefined);
    }
  }

  /** The service processes (each replica on its own), or this one process when the services share it. */
  private servicePids(): number[] {
    if (!this.system.processes) return [process.pid];
    const pids: number[] = [];
    for (const s of this.system.services) {
      if (!s.pid) continue;
      if ((s.replicas ?? 1) > 1) pids.push(...descendantsOf(s.pid));
      else pids.push(s.pid);
    }
    return pids;
  }
}

/**
 * Statement counts from pg_stat_statements, over every database of the server: a reset now, the total and the most
 * frequent statements since. Null where the server has not loaded the module (it must be in shared_preload_libraries).
 */
class StatementCounts {
  private constructor(private readonly db: Client) {}

  static async on(db: Client): Promise<StatementCounts | null> {
    try {
      await db.query('CREATE EXTENSION IF NOT EXISTS pg_stat_statements');
      await db.query('SELECT pg_stat_statements_reset()');
      return new StatementCounts(db);
    } catch {
      return null;
    }
  }

  async since(): Promise<{ total: number; top: { calls: number; query: string }[] }> {
    const rows = (
      await this.db.query<{ calls: string; query: string }>('SELECT sum(calls)::bigint AS calls, query FROM pg_stat_statements GROUP BY query ORDER BY 1 DESC')
    ).rows;
    const total = rows.reduce((sum, r) => sum + Number(r.calls), 0);
    return { total, top: rows.slice(0, 25).map((r) => ({ calls: Number(r.calls), query: r.query })) };
  }
}

/**
 * The server's one-row commit rate on `connections` connections at once, measured for 3 s: each connection inserts a
 * row and commits, as fast as it can (a table of the measurement's own, in a database of its own).
 */
async function commitCeiling(serverUrl: string, connections: number): Promise<number> {
  const { ensureDatabase } = await import('@idcard/database');
  const url = await ensureDatabase(serverUrl, 'bench_commit_ceiling');
  const setup = new Client({ connectionString: url });
  await setup.connect();
  await setup.query('CREATE TABLE IF NOT EXISTS one_row (id bigserial PRIMARY KEY, at timestamptz NOT NULL DEFAULT now())');
  await setup.end();
  const clients = await Promise.all(
    Array.from({ length: connections }, async () => {
      const c = new Client({ connectionString: url });
      await c.connect();
      return c;
    }),
  );
  let count = 0;
  const until = Date.now() + 3000;
  const t = Date.now();
  await Promise.all(
    clients.map(async (c) => {
      while (Date.now() < until) {
        await c.query('INSERT INTO one_row DEFAULT VALUES');
        count++;
      }
    }),
  );
  const seconds = (Date.now() - t) / 1000;
  await Promise.all(clients.map((c) => c.end().catch(() => undefined)));
  return count / seconds;
}

function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

main().then(
  (code) => process.exit(code),
  (err) => {
    process.stderr.write(`bench failed: ${err instanceof Error ? err.stack : err}\n`);
    process.exit(2);
  },
);
