import { maskCitizenId } from '@idcard/contracts';
import { CommitObservation, ConsumerStatus, evaluatePartitionStatus, LagMonitor, LagReport, trimToWindow, worstStatus } from '@idcard/ops';
import { Client } from 'pg';
import type { RunningSystem } from './system';

/**
 * The verdict of a run, from the systems of record: for every receipt a counter accepted, where it stands in the
 * receiving office's, the home registry's and the production centre's own tables, read straight from each
 * service's database (reads only, never a write), and what the run therefore did — issued, rejected, still pending,
 * lost, a card issued twice, a message applied twice, an outcome the plan did not expect. The demo uses it; a
 * benchmark or a chaos drill hands it the receipts it got and the running system, and reads the same figures.
 *
 * Nothing here trusts what the caller saw over HTTP: a receipt the caller believes handed over counts as issued only
 * if the receiving office, its home registry and the production centre all hold it in its final state.
 */

/** What the plan expects of a receipt: `one-of-pair` for two applications of one citizen in flight at once (exactly one is issued); `held` for one homed in a registry stalled on purpose (it must stay unfinished). */
export type ExpectedOutcome = 'issued' | 'rejected' | 'one-of-pair' | 'held';

/** A receipt a counter accepted (HTTP 201), as the caller knows it. */
export interface AcceptedReceipt {
  receipt: string;
  /** The receiving office's province (where it was submitted, where the card is handed over). */
  residence: string;
  /** The citizen's home province: its registry decides. */
  home: string;
  /** The citizen's full ID number: used to find their cards, never printed (named receipts carry it masked). */
  idNumber: string;
  expected: ExpectedOutcome;
}

/** The production side of a receipt: the centres the order went through (the ordered one first, then each one it was forwarded to) and its state at the last. */
export interface ProductionState {
  chain: string[];
  /** `queued` | `produced` at the last centre; `missing` when a centre it was forwarded to has no row for it; `outside` when forwarded to a centre this system does not run. */
  state: string;
}

/** Where one receipt stands in each system of record at the end of the run. */
export interface ReceiptStates {
  accepted: AcceptedReceipt;
  /** application.status at the receiving office; null when it has no row for the receipt. */
  receiving: string | null;
  /** registry_application.state at the home registry; null when it has no row. */
  registry: string | null;
  /** When the home registry received it and when it issued its card (ms since the epoch, the services' clock); null when it has no row. */
  registrySpan?: { from: number; to: number | null } | null;
  /** Null when the centre the receiving office names (or, before the sign-off reached it, its own province's) has no order for it. */
  production: ProductionState | null;
  /** Effects recorded more than once for this receipt (see readObservations), one line each; empty in a clean run. */
  repeats: string[];
}

/** A citizen holding more than one valid card, over every registry's card table. */
export interface DuplicateCitizen {
  idNumber: string;
  validCards: number;
  registries: string[];
}

/** A message a service applied more than once, by its own message log and inbox. */
export interface InboxRepeat {
  /** `registry-office-44` … */
  service: string;
  /** What shows it (no personal data: a topic, a partition, an offset, counts). */
  detail: string;
  /** The Kafka key (a citizen's ID number for most topics): to find the run's receipts, never printed. */
  key: string | null;
}

/** Everything the verdict is judged from: the pure part (judge) takes only this. */
export interface Observations {
  receipts: ReceiptStates[];
  duplicateCitizens: DuplicateCitizen[];
  inboxRepeats: InboxRepeat[];
}

/** A receipt named in the verdict: its ID number masked, where it stands at each system of record, and why it is named. */
export interface NamedReceipt {
  receipt: string;
  idNumber: string;
  residence: string;
  home: string;
  receiving: string;
  registry: string;
  production: string;
  why: string;
}

export interface NamedDuplicate {
  idNumber: string;
  validCards: number;
  registries: string[];
  receipts: string[];
}

export interface NamedRepeat {
  receipt?: string;
  service?: string;
  why: string;
}

/** Up to `limit` offenders per category; categories with none are left out. */
export interface VerdictDetail {
  lost?: NamedReceipt[];
  pending?: NamedReceipt[];
  duplicatesIssued?: NamedDuplicate[];
  appliedTwice?: NamedRepeat[];
  unexpectedOutcomes?: NamedReceipt[];
}

export interface Verdict {
  accepted: number;
  /** Handed over at the receiving office, issued at the home registry, produced at the centre that made it. */
  issued: number;
  /** Rejected at the receiving office and at the home registry, with no production order anywhere. */
  rejected: number;
  /** At the receiving office and the home registry but not final at all three at the end (or the three disagree). Also counted in `lost`. */
  pending: number;
  /**
   * Accepted at a counter but missing at the receiving office or the home registry, or not final everywhere when the
   * run ended: a run that times out has lost those receipts — a timeout is not "pending and fine". So `lost` ⊇ `pending`.
   */
  lost: number;
  /** Homed in a registry stalled on purpose and, as planned, not finished (not counted as lost or pending). */
  held: number;
  /** Citizens with more than one valid card in the registries' card tables (whoever made the cards). */
  duplicatesIssued: number;
  /** Receipts with an effect recorded twice, plus messages a service's message log shows applied twice (see readObservations). */
  appliedTwice: number;
  /** Receipts whose final outcome is not the plan's (for a pair of one citizen: none issued, or two issued while both were in flight). */
  unexpectedOutcomes: number;
  detail: VerdictDetail;
  /** Something above is wrong: lost, pending, duplicatesIssued, appliedTwice or unexpectedOutcomes above 0. */
  wrong: boolean;
}

export type FinalOutcome = 'issued' | 'rejected' | 'unfinished' | 'missing';

/** A receipt's outcome from its three states: final only when all three systems of record agree it is. */
export function outcomeOf(s: Pick<ReceiptStates, 'receiving' | 'registry' | 'production'>): FinalOutcome {
  if (s.receiving === null || s.registry === null) return 'missing';
  if (s.receiving === 'handed_over' && s.registry === 'issued' && s.production?.state === 'produced') return 'issued';
  if (s.receiving === 'rejected' && s.registry === 'rejected' && s.production === null) return 'rejected';
  return 'unfinished';
}

function productionText(p: ProductionState | null): string {
  return p ? `${p.chain.join('→')}:${p.state}` : 'none';
}

function named(s: ReceiptStates, why: string): NamedReceipt {
  const a = s.accepted;
  return {
    receipt: a.receipt,
    idNumber: maskCitizenId(a.idNumber),
    residence: a.residence,
    home: a.home,
    receiving: s.receiving ?? 'missing',
    registry: s.registry ?? 'missing',
    production: productionText(s.production),
    why,
  };
}

/** Whether two issued receipts were in flight at their home registry at the same time (unknown spans count as yes). */
function inFlightTogether(a: ReceiptStates, b: ReceiptStates): boolean {
  const x = a.registrySpan;
  const y = b.registrySpan;
  if (!x || !y) return true;
  return x.from < (y.to ?? Infinity) && y.from < (x.to ?? Infinity);
}

function whyUnfinished(s: ReceiptStates): string {
  if (s.receiving === null) return `not at the receiving office of ${s.accepted.residence}`;
  if (s.registry === null) return `not at the home registry ${s.accepted.home}`;
  return `not final everywhere: receiving ${s.receiving}, registry ${s.registry}, production ${productionText(s.production)}`;
}

/**
 * The pure part: each receipt into its category, the counts, and up to `limit` offenders named per category.
 * A receipt is counted once in issued / rejected / lost (with pending a subset of lost) / held; unexpectedOutcomes
 * and appliedTwice are counted across those.
 */
export function judge(observations: Observations, limit = 10): Verdict {
  const lost: NamedReceipt[] = [];
  const pending: NamedReceipt[] = [];
  const unexpected: NamedReceipt[] = [];
  let issued = 0;
  let rejected = 0;
  let held = 0;
  const outcomes = new Map<ReceiptStates, FinalOutcome>();
  for (const s of observations.receipts) {
    const outcome = outcomeOf(s);
    outcomes.set(s, outcome);
    if (outcome === 'issued') issued++;
    else if (outcome === 'rejected') rejected++;
    // Stalled on purpose: fine while at the receiving office and unfinished (the stalled registry never read it).
    else if (s.accepted.expected === 'held' && s.receiving !== null) held++;
    else {
      lost.push(named(s, whyUnfinished(s)));
      if (outcome === 'unfinished') pending.push(named(s, whyUnfinished(s)));
    }
    const final = outcome === 'issued' || outcome === 'rejected';
    const { expected } = s.accepted;
    if (final && (expected === 'issued' || expected === 'rejected') && outcome !== expected)
      unexpected.push(named(s, `expected ${expected}, ended ${outcome}`));
    if (final && expected === 'held') unexpected.push(named(s, `expected to stay unfinished (its registry is stalled), ended ${outcome}`));
  }
  // Two applications of one citizen submitted one right after the other (the plan's duplicate in flight): at most one
  // may be issued while the other is in flight at the home registry, and at least one must be issued. Both issued is
  // right when the registry had finished the first before it received the second (a relay slower than the first
  // card: the second is then a new application, and its card replaces the first — duplicatesIssued would see a second
  // valid card); both issued with overlapping spans at the registry is the double issue the in-flight rule forbids.
  const pairs = new Map<string, ReceiptStates[]>();
  for (const s of observations.receipts)
    if (s.accepted.expected === 'one-of-pair') pairs.set(s.accepted.idNumber, [...(pairs.get(s.accepted.idNumber) ?? []), s]);
  for (const members of pairs.values()) {
    const issuedOfPair = members.filter((s) => outcomes.get(s) === 'issued');
    const allFinal = members.every((s) => outcomes.get(s) === 'issued' || outcomes.get(s) === 'rejected');
    const overlapping = issuedOfPair.some((a, i) => issuedOfPair.slice(i + 1).some((b) => inFlightTogether(a, b)));
    const why =
      allFinal && issuedOfPair.length === 0
        ? 'none issued'
        : overlapping
          ? `${issuedOfPair.length} issued, in flight at the home registry at the same time`
          : null;
    if (why) for (const s of members) unexpected.push(named(s, `one of ${members.length} applications of one citizen submitted together: ${why}`));
  }

  const receiptsOf = new Map<string, string[]>();
  for (const s of observations.receipts) receiptsOf.set(s.accepted.idNumber, [...(receiptsOf.get(s.accepted.idNumber) ?? []), s.accepted.receipt]);
  const duplicates: NamedDuplicate[] = observations.duplicateCitizens.map((d) => ({
    idNumber: maskCitizenId(d.idNumber),
    validCards: d.validCards,
    registries: d.registries,
    receipts: receiptsOf.get(d.idNumber) ?? [],
  }));
  const repeats: NamedRepeat[] = [
    ...observations.receipts.filter((s) => s.repeats.length > 0).map((s) => ({ receipt: s.accepted.receipt, why: s.repeats.join('; ') })),
    ...observations.inboxRepeats.map((r) => {
      const receipts = r.key ? (receiptsOf.get(r.key) ?? []) : [];
      return { service: r.service, why: receipts.length ? `${r.detail} (citizen of ${receipts.join(', ')})` : r.detail };
    }),
  ];

  const detail: VerdictDetail = {};
  if (lost.length) detail.lost = lost.slice(0, limit);
  if (pending.length) detail.pending = pending.slice(0, limit);
  if (duplicates.length) detail.duplicatesIssued = duplicates.slice(0, limit);
  if (repeats.length) detail.appliedTwice = repeats.slice(0, limit);
  if (unexpected.length) detail.unexpectedOutcomes = unexpected.slice(0, limit);
  const verdict = {
    accepted: observations.receipts.length,
    issued,
    rejected,
    pending: pending.length,
    lost: lost.length,
    held,
    duplicatesIssued: duplicates.length,
    appliedTwice: repeats.length,
    unexpectedOutcomes: unexpected.length,
    detail,
  };
  return { ...verdict, wrong: verdict.lost + verdict.pending + verdict.duplicatesIssued + verdict.appliedTwice + verdict.unexpectedOutcomes > 0 };
}

/** The running system as the verdict reads it: each service's identity and where its database is. */
export type SystemOfRecord = Pick<RunningSystem, 'services'> & { infrastructure: Pick<RunningSystem['infrastructure'], 'databaseFor'> };

type ServiceName = 'receiving-office' | 'registry-office' | 'production-center';

async function reading<T>(system: SystemOfRecord, service: ServiceName, province: string, read: (db: Client) => Promise<T>): Promise<T> {
  const db = new Client({ connectionString: await system.infrastructure.databaseFor(service, province) });
  await db.connect();
  try {
    // Reads only: the session refuses any write, whatever a query here might become.
    await db.query('SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY');
    return await read(db);
  } finally {
    await db.end().catch(() => undefined);
  }
}

/** Where the receiving office says the order went: the in_production step names the centre (record-decisions.service.ts). */
const ORDERED_FROM = /production centre of province (\d{2})/;

/**
 * Reads every receipt's state from the services' databases, and the system-wide checks.
 *
 * - receiving office of the residence province: application.status; the province of the centre the order went to,
 *   from its in_production step (before the sign-off reaches it: its own province, which is where the registry
 *   orders from — decisions.service.ts);
 * - home registry: registry_application.state;
 * - production: production_order at the ordered centre, following forwarded_to (an order for a script the centre
 *   does not print is forwarded and kept there as state `forwarded`) to the centre that has it queued or produced;
 * - every registry's card table: citizens with more than one valid card (all of them, not only this run's), and,
 *   for this run's citizens, valid cards summed over every registry.
 *
 * "Applied twice" — a message whose effect was recorded twice — is looked for where it would leave a trace:
 * - a receipt with two timeline steps of the same kind at the receiving office (application_step; its unique index
 *   forbids it today, the check does not rely on that);
 * - a receipt with more than one production order over all centres (rows not in state `forwarded`: a forwarded row
 *   is the hand-off, not an order);
 * - a receipt with more than one card produced for it over all registries (card.produced_for_receipt);
 * - a receipt on more than one shipment line at its receiving office (shipment_card);
 * - in every service's database, a Kafka record (topic, partition, offset) with more than one `applied` row in its
 *   message log, or more `applied` rows than inbox_message rows: the handler ran again although the inbox had the
 *   message (both are written in the one transaction that applies a message, so they match in a clean run).
 */
export async function readObservations(system: SystemOfRecord, accepted: AcceptedReceipt[]): Promise<Observations> {
  const provinces = [...new Set(system.services.map((s) => s.identity.province))].sort();
  const runs = (service: ServiceName) => provinces.filter((p) => system.services.some((s) => s.identity.service === service && s.identity.province === p));
  const all = accepted.map((a) => a.receipt);

  const receiving = new Map<string, { status: string; orderedFrom: string | null }>();
  const registry = new Map<string, { state: string; from: number; to: number | null }>();
  const repeats = new Map<string, string[]>();
  const repeat = (receipt: string, line: string) => repeats.set(receipt, [...(repeats.get(receipt) ?? []), line]);
  const orders = new Map<string, Map<string, { state: string; forwardedTo: string | null }>>();
  const cardsFor = new Map<string, number>();
  const validCards = new Map<string, { n: number; registries: string[] }>();
  const inboxRepeats: InboxRepeat[] = [];

  const messageLogs = async (service: ServiceName, province: string, db: Client) => {
    const name = `${service}-${province}`;
    const tables = await db.query<{ log: string | null; inbox: string | null }>(
      `SELECT to_regclass('message_log') AS log, to_regclass('inbox_message') AS inbox`,
    );
    if (!tables.rows[0].log || !tables.rows[0].inbox) return;
    const twice = await db.query<{ topic: string; partition: number; offset: string; n: number; key: string | null }>(
      `SELECT topic, partition, kafka_offset::text AS offset, count(*)::int AS n, min(message_key) AS key
         FROM message_log WHERE direction = 'applied' GROUP BY topic, partition, kafka_offset HAVING count(*) > 1`,
    );
    for (const r of twice.rows) inboxRepeats.push({ service: name, detail: `${r.topic}/${r.partition}@${r.offset} applied ${r.n} times`, key: r.key });
    const counts = await db.query<{ logged: number; inbox: number }>(
      `SELECT (SELECT count(*) FROM message_log WHERE direction = 'applied')::int AS logged, (SELECT count(*) FROM inbox_message)::int AS inbox`,
    );
    const { logged, inbox } = counts.rows[0];
    if (logged > inbox) inboxRepeats.push({ service: name, detail: `${logged} messages applied by its message log, ${inbox} by its inbox`, key: null });
  };

  await Promise.all([
    ...runs('receiving-office').map((p) =>
      reading(system, 'receiving-office', p, async (db) => {
        const mine = accepted.filter((a) => a.residence === p).map((a) => a.receipt);
        const apps = await db.query<{ receipt: string; status: string; detail: string | null }>(
          `SELECT a.receipt_number AS receipt, a.status,
                  (SELECT s.detail FROM application_step s WHERE s.receipt_number = a.receipt_number AND s.step = 'in_production' LIMIT 1) AS detail
             FROM application a WHERE a.receipt_number = ANY($1::text[])`,
          [mine],
        );
        for (const r of apps.rows) receiving.set(r.receipt, { status: r.status, orderedFrom: r.detail?.match(ORDERED_FROM)?.[1] ?? null });
        const steps = await db.query<{ receipt: string; step: string; n: number }>(
          `SELECT receipt_number AS receipt, step, count(*)::int AS n FROM application_step
            WHERE receipt_number = ANY($1::text[]) GROUP BY receipt_number, step HAVING count(*) > 1`,
          [mine],
        );
        for (const r of steps.rows) repeat(r.receipt, `timeline step ${r.step} ${r.n} times at the receiving office ${p}`);
        const lines = await db.query<{ receipt: string; n: number }>(
          `SELECT receipt_number AS receipt, count(*)::int AS n FROM shipment_card WHERE receipt_number = ANY($1::text[]) GROUP BY receipt_number HAVING count(*) > 1`,
          [mine],
        );
        for (const r of lines.rows) repeat(r.receipt, `${r.n} shipment lines at the receiving office ${p}`);
        await messageLogs('receiving-office', p, db);
      }),
    ),
    ...runs('registry-office').map((p) =>
      reading(system, 'registry-office', p, async (db) => {
        const mine = accepted.filter((a) => a.home === p).map((a) => a.receipt);
        const apps = await db.query<{ receipt: string; state: string; received_at: Date; issued_at: Date | null }>(
          `SELECT receipt_number AS receipt, state, received_at, issued_at FROM registry_application WHERE receipt_number = ANY($1::text[])`,
          [mine],
        );
        for (const r of apps.rows) registry.set(r.receipt, { state: r.state, from: r.received_at.getTime(), to: r.issued_at?.getTime() ?? null });
        const cards = await db.query<{ receipt: string; n: number }>(
          `SELECT produced_for_receipt AS receipt, count(*)::int AS n FROM card WHERE produced_for_receipt = ANY($1::text[]) GROUP BY produced_for_receipt`,
          [all],
        );
        for (const r of cards.rows) cardsFor.set(r.receipt, (cardsFor.get(r.receipt) ?? 0) + r.n);
        const valid = await db.query<{ id: string; n: number }>(
          `SELECT id_number AS id, count(*)::int AS n FROM card
            WHERE status = 'valid'
              AND (id_number = ANY($1::text[]) OR id_number IN (SELECT id_number FROM card WHERE status = 'valid' GROUP BY id_number HAVING count(*) > 1))
            GROUP BY id_number`,
          [[...new Set(accepted.map((a) => a.idNumber))]],
        );
        for (const r of valid.rows) {
          const seen = validCards.get(r.id) ?? { n: 0, registries: [] };
          validCards.set(r.id, { n: seen.n + r.n, registries: [...seen.registries, p] });
        }
        await messageLogs('registry-office', p, db);
      }),
    ),
    ...runs('production-center').map((p) =>
      reading(system, 'production-center', p, async (db) => {
        const rows = await db.query<{ receipt: string; state: string; forwarded_to: string | null }>(
          `SELECT receipt_number AS receipt, state, forwarded_to FROM production_order WHERE receipt_number = ANY($1::text[])`,
          [all],
        );
        orders.set(p, new Map(rows.rows.map((r) => [r.receipt, { state: r.state, forwardedTo: r.forwarded_to }])));
        await messageLogs('production-center', p, db);
      }),
    ),
  ]);

  const receipts = accepted.map((a): ReceiptStates => {
    const atOffice = receiving.get(a.receipt) ?? null;
    // The centre the receiving office names; until the sign-off reaches it, its own province's (where orders go).
    let centre = atOffice?.orderedFrom ?? a.residence;
    let production: ProductionState | null = null;
    const chain: string[] = [];
    while (!chain.includes(centre)) {
      chain.push(centre);
      if (!orders.has(centre)) {
        production = { chain, state: 'outside' };
        break;
      }
      const order = orders.get(centre)!.get(a.receipt);
      if (!order) {
        production = chain.length === 1 ? null : { chain, state: 'missing' };
        break;
      }
      production = { chain, state: order.state };
      if (order.state !== 'forwarded' || !order.forwardedTo) break;
      centre = order.forwardedTo;
    }
    const orderRows = [...orders].filter(([, rows]) => rows.get(a.receipt) && rows.get(a.receipt)!.state !== 'forwarded').map(([p]) => p);
    if (orderRows.length > 1) repeat(a.receipt, `production orders at ${orderRows.length} centres (${orderRows.join(', ')})`);
    const cards = cardsFor.get(a.receipt) ?? 0;
    if (cards > 1) repeat(a.receipt, `${cards} cards produced for it in the registers`);
    const atRegistry = registry.get(a.receipt) ?? null;
    return {
      accepted: a,
      receiving: atOffice?.status ?? null,
      registry: atRegistry?.state ?? null,
      registrySpan: atRegistry && { from: atRegistry.from, to: atRegistry.to },
      production,
      repeats: repeats.get(a.receipt) ?? [],
    };
  });
  const duplicateCitizens = [...validCards]
    .filter(([, v]) => v.n > 1)
    .map(([idNumber, v]) => ({ idNumber, validCards: v.n, registries: v.registries.sort() }))
    .sort((x, y) => x.idNumber.localeCompare(y.idNumber));
  return { receipts, duplicateCitizens, inboxRepeats };
}

export interface VerdictOptions {
  /**
   * How long to keep re-reading while receipts are pending (ms, default 0): the run's last messages — a CardProduced
   * on its way to a registry when the last card was handed over — may still be in flight when the caller stops.
   */
  settleMs?: number;
  pollMs?: number;
  limit?: number;
}

/** Reads the systems of record (again while receipts are pending, up to settleMs) and judges the run. */
export async function verdictOf(system: SystemOfRecord, accepted: AcceptedReceipt[], options: VerdictOptions = {}): Promise<Verdict> {
  const until = Date.now() + (options.settleMs ?? 0);
  for (;;) {
    const verdict = judge(await readObservations(system, accepted), options.limit);
    if (verdict.pending === 0 || Date.now() >= until) return verdict;
    await new Promise((r) => setTimeout(r, options.pollMs ?? 500));
  }
}

/** One line per named offender, for a run's progress output (ID numbers masked). */
export function verdictLines(verdict: Verdict): string[] {
  const d = verdict.detail;
  const lines: string[] = [];
  const receipt = (r: NamedReceipt) =>
    `${r.receipt} (${r.idNumber}, ${r.residence}→${r.home}; receiving ${r.receiving}, registry ${r.registry}, production ${r.production})`;
  for (const r of d.lost ?? []) lines.push(`lost: ${receipt(r)}: ${r.why}`);
  for (const r of d.unexpectedOutcomes ?? []) lines.push(`unexpected: ${receipt(r)}: ${r.why}`);
  for (const r of d.duplicatesIssued ?? [])
    lines.push(
      `issued twice: ${r.idNumber} holds ${r.validCards} valid cards (${r.registries.join(', ')}; ${r.receipts.join(', ') || 'no receipt of this run'})`,
    );
  for (const r of d.appliedTwice ?? []) lines.push(`applied twice: ${r.receipt ?? r.service}: ${r.why}`);
  return lines;
}

/**
 * Consumer-group status judged over the whole run (Burrow's rules, libs/ops consumer-status.ts), where the demo's
 * LagMonitor used to judge a window of its last 5 s: a run shorter than that, or a group that stalled early, read OK.
 * The monitor samples from the start; at the end every partition is judged over the window from `markWorkDone()`
 * (the last application accepted: from then on a healthy group must catch up at least once) to the last sample, with
 * the samples from before it as the anchor that shows the window covered. A group that never took a message of the
 * run reads STALLED (or STOPPED), however short the run.
 */
export class LagOverRun {
  private readonly history = new Map<string, CommitObservation[]>();
  private timer: NodeJS.Timeout | null = null;
  private running = false;
  private workDoneAt: number | null = null;

  constructor(private readonly monitor: LagMonitor) {}

  start(intervalMs: number): void {
    this.running = true;
    const tick = async () => {
      await this.take().catch(() => undefined);
      if (this.running) this.timer = setTimeout(tick, intervalMs);
    };
    void tick();
  }

  /** From now on the run's messages are all on their way: the window the statuses are judged over begins here. */
  markWorkDone(): void {
    this.workDoneAt ??= Date.now();
  }

  /** A last sample; each group's lag then, and its status over the run (groups whose status is not OK, with why). */
  async finish(): Promise<{ report: LagReport; status: Record<string, ConsumerStatus>; reasons: Record<string, string> }> {
    this.running = false;
    if (this.timer) clearTimeout(this.timer);
    const report = await this.take();
    await this.monitor.stop();
    const end = report.atMs;
    const windowMs = Math.max(1, end - (this.workDoneAt ?? end));
    const status: Record<string, ConsumerStatus> = {};
    const reasons: Record<string, string> = {};
    for (const g of report.groups) {
      const verdicts = g.partitions.map((p) => ({
        partition: `${p.topic}/${p.partition}`,
        ...evaluatePartitionStatus(trimToWindow(this.history.get(`${g.groupId}\u0000${p.topic}/${p.partition}`) ?? [], windowMs, end), windowMs, end),
      }));
      const worst = worstStatus(verdicts.map((v) => v.status));
      if (worst === 'OK') continue;
      status[g.groupId] = worst;
      const first = verdicts.find((v) => v.status === worst)!;
      reasons[g.groupId] = `${first.partition}: ${first.reason}`;
    }
    return { report, status, reasons };
  }

  async stop(): Promise<void> {
    this.running = false;
    if (this.timer) clearTimeout(this.timer);
    await this.monitor.stop();
  }

  private async take(): Promise<LagReport> {
    const report = await this.monitor.sample();
    for (const g of report.groups)
      for (const p of g.partitions) {
        const key = `${g.groupId}\u0000${p.topic}/${p.partition}`;
        const seen = this.history.get(key) ?? [];
        if (seen.length && seen[seen.length - 1].atMs === report.atMs) continue; // a shared read, already recorded
        seen.push({ atMs: report.atMs, committedOffset: p.committedOffset, lag: p.lag, owned: p.owner !== null });
        this.history.set(key, seen);
      }
    return report;
  }
}
