import { randomUUID } from 'node:crypto';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { AdjustableClock } from '@idcard/clock';
import { DeadlineScheduler } from '../apps/receiving-office/src';
import { infrastructureFromEnv } from './infrastructure';
import { Actors } from './actors';
import { call, percentile } from './demo-http';
import { inParallel } from './in-parallel';
import { anyLostCards, extraRegisterCitizens, lostCardsEnv, parseLostCardCounts, runLostCardsDemo } from './demo-lost-cards';
import { clockStops, PlannedApplication, planApplications, REGISTER_SEED, registerSizeFor } from './demo-plan';
import { consumerGroup } from '@idcard/contracts';
import { LagMonitor, parsePrometheusText, sumOf } from '@idcard/ops';
import { Kafka, logLevel } from 'kafkajs';
import { parseProvinces, parseReplicas, RunningSystem, startSystem } from './system';
import { AcceptedReceipt, LagOverRun, Verdict, verdictLines, verdictOf } from './verdict';

interface Tracked {
  plan: PlannedApplication;
  receipt: string | null;
  submittedAt: number;
  status: string;
  outcome: 'issued' | 'rejected' | null;
  signedOffMs: number | null;
  handedOverMs: number | null;
  /** Deadline steps on its timeline at the receiving office. */
  deadlineWarnings: number;
  deadlineBreaches: number;
}

const TERMINAL = new Set(['handed_over', 'rejected']);

/**
 * `npm run demo -- --applications N [--provinces 11,44,65] [--stall 65 --advance-days 61]`: brings the system up (or
 * uses DATABASE_URL and KAFKA_BROKERS), seeds the registers, submits N applications over HTTP, plays the reviewer
 * and the clerk, waits for every application to be issued or rejected and prints one JSON line of results last.
 * With --stall, the registry offices of those provinces never take a message, so applications homed there stay
 * pending; with --advance-days, once everything else is finished the clock moves that far (stopping at each
 * warning point), the deadline schedulers run, and every stalled application must be breached exactly once
 * while no finished one is warned or breached.
 *
 * The figures of the result come from the systems of record (verdict.ts): every receipt's state in the receiving
 * office's, the home registry's and the production centre's databases, the registries' card tables and the
 * services' inboxes and message logs; never from what the demo itself saw over HTTP.
 */
/** The demo's command-line arguments, as text (the CLI passes them through). */
export interface DemoArguments {
  applications: string;
  provinces: string;
  concurrency: string;
  'timeout-seconds': string;
  stall: string;
  'advance-days': string;
  /** Lost cards (demo-lost-cards.ts): loss reports, found cards, temporary IDs. */
  losses: string;
  found: string;
  temporary: string;
  /** `true`: every service as a process of its own (npm start --processes). */
  processes: string;
  /** With processes: `registry-office=2,receiving-office=2`. */
  replicas: string;
}

export const DEMO_DEFAULTS: DemoArguments = {
  applications: '100',
  provinces: '11,44,65',
  concurrency: '16',
  'timeout-seconds': '900',
  stall: '',
  'advance-days': '0',
  losses: '0',
  found: '0',
  temporary: '0',
  processes: 'false',
  replicas: '',
};

export interface DemoIo {
  /** Progress lines (standard error by default). */
  say?: (line: string) => void;
  /** The services' log levels (default: errors only). */
  logLevels?: string[];
  /** Called once the system is up, before the registers are seeded and anything is submitted (a test or drill breaks something here). */
  afterStart?: (system: RunningSystem) => Promise<void>;
  /** Called with the system still running, after the result is known (a test reads metrics and dead letters). */
  beforeStop?: (system: RunningSystem) => Promise<void>;
}

export interface DemoOutcome {
  result: Record<string, unknown> & { lost: number; pending: number; rejectedMessages: number; appliedTwice: number; verdict?: Verdict['detail'] };
  exitCode: number;
}

/** Sends of one application while counters answer 503 (nothing changed, try again), a second more apart each time. */
const SUBMISSION_ATTEMPTS = 5;

/** How long the verdict re-reads the databases while receipts are pending: the run's last messages may still be in flight. */
const VERDICT_SETTLE_MS = 5000;

/** Messages refused by the checks on receipt, over every service (idcard_rejected_messages_total): 0 in a clean run. */
async function countRejectedMessages(system: RunningSystem): Promise<number> {
  let total = 0;
  for (const s of system.services) {
    const res = await fetch(`${s.url}/metrics`);
    // No series yet is no rejection yet: prom-client shows a labelled counter only once it has counted.
    total += sumOf(parsePrometheusText(await res.text()), 'idcard_rejected_messages_total') ?? 0;
  }
  return total;
}

export async function runDemo(values: DemoArguments, io: DemoIo = {}): Promise<DemoOutcome> {
  const n = Number(values.applications);
  if (!Number.isInteger(n) || n < 1) throw new Error(`--applications must be a positive integer, got ${values.applications}`);
  const provinces = parseProvinces(values.provinces!);
  const concurrency = Number(values.concurrency);
  const stall = new Set(values.stall ? parseProvinces(values.stall) : []);
  const advanceDays = Number(values['advance-days']);
  if (!Number.isInteger(advanceDays) || advanceDays < 0) throw new Error(`--advance-days must be a whole number of days, got ${values['advance-days']}`);
  const lostCards = parseLostCardCounts(values);
  const say = io.say ?? ((line: string) => process.stderr.write(line + '\n'));
  const started = Date.now();

  const system = await startSystem({
    ...infrastructureFromEnv(),
    provinces,
    logLevels: io.logLevels ?? ['error'],
    // Faster than a person watching needs, unless the environment says otherwise.
    env: { PRODUCTION_INTERVAL_MS: '200', SHIPMENT_MAX_WAIT_MS: '1500', ...lostCardsEnv(lostCards), ...process.env },
    maxWaitTimeInMs: 100,
    stall: [...stall],
    processes: values.processes === 'true',
    replicas: parseReplicas(values.replicas ?? ''),
    log: say,
  });
  const startSeconds = Math.round((Date.now() - started) / 100) / 10;
  // How late this process's timers ran: in one process, the event loop every service shares.
  const loopDelay = monitorEventLoopDelay({ resolution: 20 });
  loopDelay.enable();
  let submissionsRetried = 0;
  say(`system up: ${system.services.length} services in ${startSeconds} s`);
  const actors = new Actors(system.issuer);
  // Samples every consumer group from the start, so that each group's status at the end is judged over the whole
  // run (from the last submission on), not over the last few seconds (verdict.ts, LagOverRun).
  const lag = new LagOverRun(
    new LagMonitor({
      kafka: new Kafka({ clientId: 'demo-lag', brokers: system.infrastructure.kafkaBrokers, ...system.kafkaConnection, logLevel: logLevel.NOTHING }),
      windowMs: 5000,
    }),
  );
  lag.start(1000);
  try {
    await io.afterStart?.(system);
    // The lost-card part takes its citizens from the end of each register, past the applications' (a prefix).
    const registerSize = registerSizeFor(n, provinces.length) + extraRegisterCitizens(lostCards, provinces.length);
    for (const p of provinces) {
      const seeded = await call(
        'POST',
        `${system.url('registry-office', p)}/register/seed`,
        { count: registerSize, seed: REGISTER_SEED },
        await actors.registerAdmin(p),
      );
      if (seeded.status >= 300) throw new Error(`seeding the register of ${p} failed: ${seeded.status} ${JSON.stringify(seeded.body)}`);
    }
    say(`registers seeded: ${registerSize} citizens in each of ${provinces.join(', ')}`);

    const plan = planApplications(n, provinces, system.clock.now());
    const tracked: Tracked[] = plan.map((p) => ({
      plan: p,
      receipt: null,
      submittedAt: 0,
      status: 'unsubmitted',
      outcome: null,
      signedOffMs: null,
      handedOverMs: null,
      deadlineWarnings: 0,
      deadlineBreaches: 0,
    }));
    // Applications homed in a stalled province can never finish: the demo does not wait for them.
    const stalled = (t: Tracked) => stall.has(t.plan.home);
    const unfinished = (t: Tracked) => !TERMINAL.has(t.status) && !stalled(t);
    const submit = async (t: Tracked) => {
      t.submittedAt = Date.now();
      // A 503 says nothing was changed: a counter sends the same application again, under the same Idempotency-Key,
      // as the drill's clerks do. Counted, so an overloaded run shows.
      const idempotencyKey = randomUUID();
      let res = await call('POST', `${system.url('receiving-office', t.plan.residence)}/applications`, t.plan.body, await actors.clerk(t.plan.office), {
        'idempotency-key': idempotencyKey,
      });
      for (let attempt = 1; res.status === 503 && attempt < SUBMISSION_ATTEMPTS; attempt++) {
        submissionsRetried++;
        await new Promise((r) => setTimeout(r, 1000 * attempt));
        res = await call('POST', `${system.url('receiving-office', t.plan.residence)}/applications`, t.plan.body, await actors.clerk(t.plan.office), {
          'idempotency-key': idempotencyKey,
        });
      }
      if (res.status !== 201 && res.status !== 200) throw new Error(`submission refused (${res.status}): ${JSON.stringify(res.body)}`);
      t.receipt = res.body.receiptNumber;
      t.status = res.body.status;
    };
    // A duplicate goes in right after the application it duplicates, from another province, while that one is in flight.
    const units = tracked.filter((t) => t.plan.duplicateOf === undefined).map((t) => [t]);
    for (const t of tracked) if (t.plan.duplicateOf !== undefined) units.find((u) => u[0] === tracked[t.plan.duplicateOf!])!.push(t);
    await inParallel(units, concurrency, async (unit) => {
      for (const t of unit) await submit(t);
    });
    say(`submitted ${n} applications in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    lag.markWorkDone();

    const deadline = Date.now() + Number(values['timeout-seconds']) * 1000;
    const progress = new Progress(n);
    let lastLookUp = 0;
    while (Date.now() < deadline && tracked.some(unfinished)) {
      await playReviewer(system.url.bind(system), provinces, actors);
      // Each round the clerks work from their offices' parcel lists; each receipt is looked up on its own only now and
      // then (a rejection shows nowhere else, and a parcel may have scrolled off the list): at 3,000 receipts, a look-up
      // of every one each round was most of the demo's own load.
      await collectFromParcels(tracked.filter(unfinished), system.url.bind(system), actors, concurrency);
      const waiting = tracked.filter(unfinished);
      if (waiting.length <= LOOK_UP_ALL_BELOW || Date.now() - lastLookUp >= LOOK_UP_EVERY_MS) {
        await inParallel(waiting, concurrency, (t) => advance(t, system.url('receiving-office', t.plan.residence), actors));
        lastLookUp = Date.now();
      }
      progress.show(tracked.filter((t) => t.outcome === 'issued').length, tracked.filter((t) => t.outcome === 'rejected').length);
      await new Promise((r) => setTimeout(r, 300));
    }
    progress.done();

    const lost = anyLostCards(lostCards)
      ? await runLostCardsDemo({ system, actors, provinces, registerSize, registerSeed: REGISTER_SEED, say }, lostCards)
      : null;
    for (const line of lost?.problems ?? []) say(`lost cards: ${line}`);

    if (advanceDays > 0) await moveTimeOn(system, provinces, tracked.filter(stalled), advanceDays, say);

    // Which receipts the receiving office warned or breached (whether it still accounts for each is the verdict's part).
    await inParallel(tracked, concurrency, async (t) => {
      const res = await call(
        'GET',
        `${system.url('receiving-office', t.plan.residence)}/applications/${t.receipt}`,
        undefined,
        await actors.clerk(t.plan.office),
      );
      const steps: string[] = res.status === 200 ? res.body.timeline.map((s: { step: string }) => s.step) : [];
      if (res.status === 200) noteSignOff(t, res.body);
      t.deadlineWarnings = steps.filter((s) => s.startsWith('deadline_warning_')).length;
      t.deadlineBreaches = steps.filter((s) => s === 'deadline_breached').length;
    });
    // Every stalled application breached exactly once (when the clock went past day 60); no finished one escalated.
    const wronglyEscalated = tracked.filter((t) => t.outcome && t.deadlineWarnings + t.deadlineBreaches > 0);
    const notBreachedOnce = advanceDays > 60 ? tracked.filter((t) => stalled(t) && t.deadlineBreaches !== 1) : [];
    for (const t of wronglyEscalated.slice(0, 10)) say(`escalated though finished: ${t.receipt} (${t.outcome})`);
    for (const t of notBreachedOnce.slice(0, 10)) say(`stalled but breached ${t.deadlineBreaches} times: ${t.receipt}`);
    // The verdict, from the systems of record: each receipt as the receiving office, its home registry and the
    // production centre hold it, every registry's cards, every service's inbox and message log.
    const accepted: AcceptedReceipt[] = tracked.map((t) => ({
      receipt: t.receipt!,
      residence: t.plan.residence,
      home: t.plan.home,
      idNumber: t.plan.idNumber,
      expected: stalled(t) ? 'held' : t.plan.expected,
    }));
    const verdict = await verdictOf(system, accepted, { settleMs: VERDICT_SETTLE_MS });
    for (const line of verdictLines(verdict)) say(line);
    const signOff = tracked.map((t) => t.signedOffMs).filter((v): v is number => v !== null);
    const handover = tracked.map((t) => t.handedOverMs).filter((v): v is number => v !== null);
    say(
      `submission → sign-off: median ${percentile(signOff, 50)} ms, p99 ${percentile(signOff, 99)} ms; submission → handover: median ${percentile(handover, 50)} ms, p99 ${percentile(handover, 99)} ms`,
    );
    const rejectedMessages = await countRejectedMessages(system);
    const { report: lagReport, status: lagStatus, reasons: lagReasons } = await lag.finish();
    for (const [group, reason] of Object.entries(lagReasons)) say(`group ${group}: ${lagStatus[group]} over the run (${reason})`);
    const stalledGroups = [...stall].map((p) => lagReport.groups.find((g) => g.groupId === consumerGroup('registry-office', p)));
    for (const g of stalledGroups) if (g) say(`stalled group ${g.groupId}: lag ${g.lag}, status over the run ${lagStatus[g.groupId] ?? 'OK'}`);
    const stallUnseen = stalledGroups.filter((g) => !g || g.lag === 0 || !lagStatus[g.groupId]);
    const result: DemoOutcome['result'] = {
      submitted: n,
      issued: verdict.issued,
      rejected: verdict.rejected,
      // Pending receipts are lost too: the run ended without them (verdict.ts).
      pending: verdict.pending,
      lost: verdict.lost,
      ...(stall.size ? { held: verdict.held } : {}),
      duplicatesIssued: verdict.duplicatesIssued,
      appliedTwice: verdict.appliedTwice,
      unexpectedOutcomes: verdict.unexpectedOutcomes,
      deadlineWarnings: tracked.reduce((n, t) => n + t.deadlineWarnings, 0),
      deadlineBreaches: tracked.reduce((n, t) => n + t.deadlineBreaches, 0),
      rejectedMessages,
      lag: Object.fromEntries(lagReport.groups.map((g) => [g.groupId, g.lag])),
      lagStatus,
      ...(lost?.result ?? {}),
      startSeconds,
      submissionsRetried,
      eventLoopDelayMs: {
        p50: Math.round(loopDelay.percentile(50) / 1e6),
        p99: Math.round(loopDelay.percentile(99) / 1e6),
        max: Math.round(loopDelay.max / 1e6),
      },
      seconds: Math.round((Date.now() - started) / 100) / 10,
      ...(verdict.wrong ? { verdict: verdict.detail } : {}),
    };
    await io.beforeStop?.(system);
    await system.stop();
    const lostCardsWrong = lost !== null && (lost.result.verificationsWrong > 0 || lost.result.lostCardsUnexpected > 0);
    const failed = verdict.wrong || wronglyEscalated.length > 0 || notBreachedOnce.length > 0 || stallUnseen.length > 0 || lostCardsWrong;
    return { result, exitCode: failed ? 1 : 0 };
  } catch (err) {
    await lag.stop().catch(() => undefined);
    await system.stop();
    throw err;
  }
}

/**
 * The clock moves `days` on, stopping at each warning point; at each stop every receiving office's deadline
 * scheduler runs. Then the demo waits until the production centre of each stalled application's receiving
 * province holds its breach (the home registry, stalled, never reads it).
 */
async function moveTimeOn(system: RunningSystem, provinces: string[], stalled: Tracked[], days: number, say: (line: string) => void): Promise<void> {
  if (!(system.clock instanceof AdjustableClock)) throw new Error('--advance-days needs the demo clock (an AdjustableClock)');
  if (system.processes) throw new Error('--advance-days moves the clock of services in this process: it does not work with --processes');
  const clock = system.clock;
  let day = 0;
  for (const stop of clockStops(days)) {
    clock.advanceDays(stop - day);
    day = stop;
    const ticks = await Promise.all(provinces.map((p) => system.service('receiving-office', p).app!.get(DeadlineScheduler).tick()));
    const fired = ticks.reduce((t, r) => ({ warnings: t.warnings + r.warnings, breaches: t.breaches + r.breaches }), { warnings: 0, breaches: 0 });
    say(`day ${day}: the deadline schedulers fired ${fired.warnings} warnings and ${fired.breaches} breaches`);
  }
  if (days <= 60) return;
  const landed = async () => {
    for (const p of provinces) {
      const mine = stalled.filter((t) => t.plan.residence === p);
      if (mine.length === 0) continue;
      const res = await call<{ escalations: { receiptNumber: string; escalation: string }[] }>(
        'GET',
        `${system.url('production-center', p)}/escalations?limit=10000`,
        undefined,
        await new Actors(system.issuer).operator(p),
      );
      const breached = new Set(res.body.escalations.filter((e) => e.escalation === 'breached').map((e) => e.receiptNumber));
      if (!mine.every((t) => breached.has(t.receipt!))) return false;
    }
    return true;
  };
  const until = Date.now() + 60_000;
  while (!(await landed())) {
    if (Date.now() > until) throw new Error('the breaches did not reach the production centres within 60 s');
    await new Promise((r) => setTimeout(r, 200));
  }
  say(`every breach reached its production centre (${stalled.length} stalled applications)`);
}

/** The reviewer: every application waiting for a manual decision (the demo's ethnicity changes) is approved. */
async function playReviewer(url: (service: 'registry-office', province: string) => string, provinces: string[], actors: Actors): Promise<void> {
  for (const p of provinces) {
    const reviewer = await actors.reviewer(p);
    const queue = await call<{ receiptNumber: string }[]>('GET', `${url('registry-office', p)}/reviews`, undefined, reviewer);
    const items = Array.isArray(queue.body) ? queue.body : ((queue.body as { items?: { receiptNumber: string }[] } | null)?.items ?? []);
    for (const item of items) await call('POST', `${url('registry-office', p)}/reviews/${item.receiptNumber}/approve`, {}, reviewer);
  }
}

/** Unfinished receipts at or below this many are each looked up every round; above it, every LOOK_UP_EVERY_MS. */
const LOOK_UP_ALL_BELOW = 200;
const LOOK_UP_EVERY_MS = 10_000;

/** Submission → sign-off, from the receiving office's view of the application (its timeline). */
function noteSignOff(t: Tracked, app: { acceptedAt: string; timeline?: { step: string; at: string }[] }): void {
  const signedOff = app.timeline?.find((s) => s.step === 'signed_off')?.at;
  if (t.signedOffMs === null && signedOff) t.signedOffMs = Date.parse(signedOff) - Date.parse(app.acceptedAt);
}

/** The clerk hands the card over; on 200 the receipt is issued. */
async function handOver(t: Tracked, receivingUrl: string, clerk: string): Promise<void> {
  const handed = await call('POST', `${receivingUrl}/applications/${t.receipt}/handover`, { idNumber: t.plan.idNumber }, clerk);
  if (handed.status !== 200) return;
  t.status = 'handed_over';
  t.outcome = 'issued';
  t.handedOverMs = Date.now() - t.submittedAt;
}

interface ManifestLine {
  cardSerial: string;
  receiptNumber: string;
  arrived: boolean;
  applicationStatus: string | null;
}

/**
 * The clerks at the counter, as they work: each office's clerk opens the list of parcels being checked in
 * (GET /shipments), and in each parcel confirms every card not yet confirmed and hands over each confirmed card whose
 * application waits for it.
 */
async function collectFromParcels(
  unfinished: Tracked[],
  url: (service: 'receiving-office', province: string) => string,
  actors: Actors,
  concurrency: number,
): Promise<void> {
  const byOffice = new Map<string, Map<string, Tracked>>();
  for (const t of unfinished) {
    if (!t.receipt) continue;
    const key = `${t.plan.residence}/${t.plan.office}`;
    if (!byOffice.has(key)) byOffice.set(key, new Map());
    byOffice.get(key)!.set(t.receipt, t);
  }
  await inParallel([...byOffice], concurrency, async ([key, mine]) => {
    const [province, office] = key.split('/');
    const receivingUrl = url('receiving-office', province);
    const clerk = await actors.clerk(office);
    const parcels = await call<{ shipmentId: string }[]>('GET', `${receivingUrl}/shipments`, undefined, clerk);
    if (parcels.status !== 200 || !Array.isArray(parcels.body)) return;
    for (const parcel of parcels.body) {
      const manifest = await call<{ cards: ManifestLine[] }>('GET', `${receivingUrl}/shipments/${parcel.shipmentId}`, undefined, clerk);
      if (manifest.status !== 200) continue;
      for (const line of manifest.body.cards) {
        const t = mine.get(line.receiptNumber);
        if (!t || t.outcome) continue;
        if (!line.arrived && line.applicationStatus === 'shipped') {
          const arrived = await call('POST', `${receivingUrl}/shipments/${parcel.shipmentId}/arrivals`, { cardSerial: line.cardSerial }, clerk);
          if (arrived.status !== 200 && arrived.status !== 409) continue;
          t.status = 'arrived';
        } else if (line.arrived && line.applicationStatus === 'arrived') t.status = 'arrived';
        if (t.status === 'arrived') await handOver(t, receivingUrl, clerk);
      }
    }
  });
}

/** The clerk: looks the receipt up and does the next thing — record the card's arrival, hand it over. */
async function advance(t: Tracked, receivingUrl: string, actors: Actors): Promise<void> {
  const clerk = await actors.clerk(t.plan.office);
  const res = await call('GET', `${receivingUrl}/applications/${t.receipt}`, undefined, clerk);
  if (res.status !== 200) return;
  const app = res.body;
  t.status = app.status;
  noteSignOff(t, app);
  if (app.status === 'shipped' && app.card?.shipmentId) {
    await call('POST', `${receivingUrl}/shipments/${app.card.shipmentId}/arrivals`, { cardSerial: app.card.serial }, clerk);
    t.status = 'arrived';
  }
  if (t.status === 'arrived') await handOver(t, receivingUrl, clerk);
  else if (t.status === 'handed_over') {
    t.outcome = 'issued';
    t.handedOverMs ??= Date.now() - t.submittedAt;
  } else if (t.status === 'rejected') t.outcome = 'rejected';
}

/** A progress bar on a terminal; nothing when output is piped. */
class Progress {
  private readonly tty = process.stderr.isTTY;
  constructor(private readonly total: number) {}
  show(issued: number, rejected: number): void {
    if (!this.tty) return;
    const doneShare = (issued + rejected) / this.total;
    const width = 30;
    const bar = '█'.repeat(Math.round(doneShare * width)).padEnd(width, '░');
    process.stderr.write(`\r${bar} ${issued + rejected}/${this.total}  issued ${issued}  rejected ${rejected}   `);
  }
  done(): void {
    if (this.tty) process.stderr.write('\n');
  }
}
