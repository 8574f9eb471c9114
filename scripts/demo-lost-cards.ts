import type { ProvinceCode } from '@idcard/contracts';
import { LagMonitor } from '@idcard/ops';
import { SyntheticCitizen, syntheticCitizens } from '@idcard/synthetic';
import { Kafka, logLevel } from 'kafkajs';
import { Client } from 'pg';
import type { Actors } from './actors';
import { call, percentile } from './demo-http';
import { inParallel } from './in-parallel';
import type { RunningSystem } from './system';

/**
 * The demo's lost-card part (issue 12), beside the applications: `--losses N --found N --temporary N`. Citizens come
 * from the end of each province's register (demo-run seeds it larger by extraRegisterCitizens), so none of them has an
 * application in flight. Each is served at a receiving office of another province, by a clerk of that office, and
 * every card is checked by a verifier (a bank's token) at the registry office of every province:
 *
 * - a loss: reported at the counter, accepted by the home registry; every province's POST /verifications is polled
 *   from the moment the report is taken until it answers `invalid: lost` — the slowest province of each loss is one
 *   sample of invalidationSeenEverywhereP99Ms;
 * - a found card: half of them cards reported lost above (the registry answers destroy; the clerk records the
 *   destruction), half valid cards (return: the registry texts the holder; the clerk records the collection);
 * - a temporary ID: asked at the counter, issued on the home registry's word, then verified valid in every province;
 *   beside each, a card read with another citizen's name must answer `invalid: mismatch`.
 *
 * An answer is wrong when it is neither the one expected nor one a card may give on its way there (`valid` before a
 * loss has reached a province, `unknown` before a new card has): verificationsWrong must be 0.
 *
 * lossReports, foundCards and temporaryCards are counted from the systems of record — the receiving offices' own
 * tables, read once the part is done — as the rows in their final state; anything the counters accepted that is not
 * there, or not final, is lostCardsUnexpected.
 */
export interface LostCardCounts {
  losses: number;
  found: number;
  temporary: number;
}

export interface LostCardsResult {
  /** Accepted by the home registry, as the receiving offices record it. */
  lossReports: number;
  /** Destroyed or collected, as the receiving offices record it. */
  foundCards: number;
  /** Issued on the home registry's word, as the receiving offices record it. */
  temporaryCards: number;
  verifications: number;
  verificationsWrong: number;
  invalidationSeenEverywhereP99Ms: number | null;
  /** Loss reports, found cards or temporary IDs that did not end as the plan expects (e.g. a report never accepted). */
  lostCardsUnexpected: number;
}

/** The demo's own lines of what went wrong, for standard error (ID numbers never printed). */
export interface LostCardsOutcome {
  result: LostCardsResult;
  problems: string[];
}

type Verdict = { result: 'valid' } | { result: 'invalid'; reason: string };

/** How often a verifier asks again while a card is on its way to the expected answer (the p99's resolution). */
const POLL_MS = 100;
/**
 * How long an answer may take before it counts as wrong: long, so that a slow machine shows in
 * invalidationSeenEverywhereP99Ms (the goal is 2 s) rather than as wrong answers; a lost broadcast still fails the run.
 */
const SETTLE_TIMEOUT_MS = 120_000;
const CONCURRENCY = 4;
/** Each loss polls every province at once: fewer losses at a time than the other parts. */
const LOSS_CONCURRENCY = 2;

function count(name: string, value: string | undefined): number {
  const n = Number(value ?? '0');
  if (!Number.isInteger(n) || n < 0) throw new Error(`--${name} must be a whole number, got ${value}`);
  return n;
}

export function parseLostCardCounts(values: { losses?: string; found?: string; temporary?: string }): LostCardCounts {
  return { losses: count('losses', values.losses), found: count('found', values.found), temporary: count('temporary', values.temporary) };
}

export function anyLostCards(counts: LostCardCounts): boolean {
  return counts.losses + counts.found + counts.temporary > 0;
}

/**
 * The services' settings the lost-card part needs: the demo's one verifier polls every province after each loss, far
 * above a bank's default allowance (VERIFICATION_RATE_LIMIT_PER_MINUTE); the environment still has the last word.
 */
export function lostCardsEnv(counts: LostCardCounts): Record<string, string> {
  return anyLostCards(counts) ? { VERIFICATION_RATE_LIMIT_PER_MINUTE: '1000000' } : {};
}

/** Citizens each register needs beyond the applications' (twice the share, as some are too young to hold a card). */
export function extraRegisterCitizens(counts: LostCardCounts, provinces: number): number {
  if (!anyLostCards(counts)) return 0;
  return 2 * Math.ceil((counts.losses + counts.found + counts.temporary + 1) / provinces) + 10;
}

interface Context {
  system: RunningSystem;
  actors: Actors;
  provinces: ProvinceCode[];
  registerSize: number;
  registerSeed: number;
  say: (line: string) => void;
}

/** A citizen of a home province and the office of another province (when there is one) that serves them. */
interface Served {
  citizen: SyntheticCitizen;
  home: ProvinceCode;
  office: string;
}

export async function runLostCardsDemo(ctx: Context, counts: LostCardCounts): Promise<LostCardsOutcome> {
  const { system, actors, provinces } = ctx;
  // Measured on a quiet system: the applications' last broadcasts (a CardIssued and a CardInvalidated per card, read
  // by every province) would otherwise stand in front of the first losses' and be timed as theirs.
  await untilQuiet(system, ctx.say);
  const problems: string[] = [];
  let unexpected = 0;
  const fail = (line: string) => {
    unexpected++;
    if (problems.length < 20) problems.push(line);
  };
  const verify = new Verifier(system, actors, (line) => problems.length < 20 && problems.push(line));

  // Adults from the end of each register, round-robin over the provinces, each served in the next province.
  const pools = new Map(
    provinces.map((p) => [
      p,
      syntheticCitizens(p, ctx.registerSize, ctx.registerSeed)
        .slice(-extraRegisterCitizens(counts, provinces.length))
        .filter((c) => c.birthDate < '2000-01-01')
        .reverse(),
    ]),
  );
  let turn = 0;
  const nextServed = (): Served => {
    for (let tries = 0; tries < provinces.length; tries++) {
      const home = provinces[turn++ % provinces.length];
      const citizen = pools.get(home)!.shift();
      if (!citizen) continue;
      const residence = provinces.length > 1 ? provinces[(provinces.indexOf(home) + 1) % provinces.length] : home;
      return { citizen, home, office: `${residence}010601` };
    }
    throw new Error('the registers have no citizens left for the lost-card demo');
  };
  const receiving = (office: string) => system.url('receiving-office', office.slice(0, 2));
  const clerk = (office: string) => actors.clerk(office);

  const currentCard = async (s: Served): Promise<string | null> => {
    const res = await call(
      'GET',
      `${system.url('registry-office', s.home)}/register/citizens/${s.citizen.idNumber}/cards`,
      undefined,
      await actors.reviewer(s.home),
    );
    const cards: { cardSerial?: string; serial?: string; status: string }[] = Array.isArray(res.body) ? res.body : (res.body?.cards ?? []);
    const valid = cards.find((c) => c.status === 'valid');
    return valid ? (valid.cardSerial ?? valid.serial ?? null) : null;
  };

  /** Polls until `probe` answers something, or the time is up (null). */
  const settle = async <T>(probe: () => Promise<T | null>): Promise<T | null> => {
    const until = Date.now() + SETTLE_TIMEOUT_MS;
    while (Date.now() < until) {
      const value = await probe();
      if (value !== null) return value;
      await sleep(POLL_MS);
    }
    return null;
  };

  /** What the counters took, by id, to be found again in the offices' tables. */
  const taken = { reports: [] as string[], found: [] as string[], temporary: [] as string[] };

  // Losses: reported at the counter, then seen as lost by a verifier in every province.
  const lostCards: { served: Served; cardSerial: string }[] = [];
  const seenEverywhereMs: number[] = [];
  const losers = Array.from({ length: counts.losses }, nextServed);
  await inParallel(losers, LOSS_CONCURRENCY, async (s) => {
    const cardSerial = await currentCard(s);
    if (!cardSerial) return fail(`loss: no valid card in the register of ${s.home} for a citizen the demo picked`);
    const reported = await call(
      'POST',
      `${receiving(s.office)}/loss-reports`,
      { idNumber: s.citizen.idNumber, homeProvince: s.home, cardSerial },
      await clerk(s.office),
    );
    const start = Date.now();
    if (reported.status !== 202) return fail(`loss: POST /loss-reports answered ${reported.status} ${JSON.stringify(reported.body?.code)}`);
    const seen = await Promise.all(provinces.map((p) => verify.until(p, cardSerial, s.citizen, { result: 'invalid', reason: 'lost' }, ['valid'], start)));
    if (seen.every((ms) => ms !== null)) seenEverywhereMs.push(Math.max(...(seen as number[])));
    const answered = await settle(async () => {
      const view = await call('GET', `${receiving(s.office)}/loss-reports/${reported.body.reportId}`, undefined, await clerk(s.office));
      return view.body?.status && view.body.status !== 'pending' ? (view.body.status as string) : null;
    });
    taken.reports.push(reported.body.reportId);
    if (answered !== 'accepted') return fail(`loss report ${reported.body.reportId}: ${answered ?? 'no answer'} instead of accepted`);
    lostCards.push({ served: s, cardSerial });
  });
  ctx.say(`lost cards: ${lostCards.length} losses reported and seen as lost in ${provinces.length} provinces`);

  // Found cards: the lost ones are destroyed, valid ones go back to their holders.
  const toDestroy = lostCards.slice(0, Math.min(lostCards.length, Math.ceil(counts.found / 2)));
  const toReturn = Array.from({ length: counts.found - toDestroy.length }, nextServed);
  const handIn = async (s: Served, cardSerial: string, finder: string, expected: 'to_destroy' | 'awaiting_collection') => {
    const recorded = await call(
      'POST',
      `${receiving(finder)}/found-cards`,
      { cardSerial, idNumber: s.citizen.idNumber, homeProvince: s.home },
      await clerk(finder),
    );
    if (recorded.status !== 201) return fail(`found card: POST /found-cards answered ${recorded.status} ${JSON.stringify(recorded.body?.code)}`);
    const id = recorded.body.foundCardId;
    taken.found.push(id);
    const status = await settle(async () => {
      const view = await call('GET', `${receiving(finder)}/found-cards/${id}`, undefined, await clerk(finder));
      return view.body?.status && view.body.status !== 'routed' ? (view.body.status as string) : null;
    });
    if (status !== expected) return fail(`found card ${id}: ${status ?? 'no answer'} instead of ${expected}`);
    const done =
      expected === 'to_destroy'
        ? await call('POST', `${receiving(finder)}/found-cards/${id}/destruction`, undefined, await clerk(finder))
        : await call('POST', `${receiving(finder)}/found-cards/${id}/collection`, { idNumber: s.citizen.idNumber }, await clerk(finder));
    const final = expected === 'to_destroy' ? 'destroyed' : 'collected';
    if (done.status !== 200 || done.body?.status !== final)
      fail(`found card ${id}: ${done.status} ${JSON.stringify(done.body?.code ?? done.body?.status)} instead of ${final}`);
  };
  await inParallel(toDestroy, CONCURRENCY, (l) => handIn(l.served, l.cardSerial, l.served.office, 'to_destroy'));
  await inParallel(toReturn, CONCURRENCY, async (s) => {
    const cardSerial = await currentCard(s);
    if (!cardSerial) return fail(`found card: no valid card in the register of ${s.home} for a citizen the demo picked`);
    await handIn(s, cardSerial, s.office, 'awaiting_collection');
  });
  ctx.say(`lost cards: ${taken.found.length} found cards handed in (${toDestroy.length} reported lost, ${toReturn.length} valid)`);

  // Temporary IDs: issued on the home registry's word and valid everywhere; another name on a card is a mismatch.
  const applicants = Array.from({ length: counts.temporary }, nextServed);
  await inParallel(applicants, CONCURRENCY, async (s, i) => {
    const res = await call(
      'POST',
      `${receiving(s.office)}/temporary-cards`,
      { idNumber: s.citizen.idNumber, name: s.citizen.name, homeProvince: s.home },
      await clerk(s.office),
    );
    if (res.status !== 201) return fail(`temporary ID: POST /temporary-cards answered ${res.status} ${JSON.stringify(res.body?.code)}`);
    taken.temporary.push(res.body.requestId);
    const serial: string = res.body.temporarySerial;
    await Promise.all(provinces.map((p) => verify.until(p, serial, s.citizen, { result: 'valid' }, ['unknown'], Date.now())));
    // The same card read with the name of someone else (the next applicant, or a stranger): mismatch, and nothing more.
    const other = applicants[(i + 1) % applicants.length]?.citizen;
    const impostor = other && other.idNumber !== s.citizen.idNumber ? other : { ...s.citizen, name: `${s.citizen.name}某` };
    await verify.until(
      provinces[i % provinces.length],
      serial,
      { ...impostor, idNumber: s.citizen.idNumber },
      { result: 'invalid', reason: 'mismatch' },
      [],
      Date.now(),
    );
  });
  ctx.say(`lost cards: ${taken.temporary.length} temporary IDs issued and verified; ${verify.asked} verifications, ${verify.wrong} wrong`);

  const recorded = await recordedAtOffices(system, provinces, taken);
  const short = (what: string, final: number, taken: number) => {
    if (final < taken) fail(`${taken - final} ${what} taken at a counter but not final in the receiving offices' tables`);
  };
  short('loss reports', recorded.lossReports, taken.reports.length);
  short('found cards', recorded.foundCards, taken.found.length);
  short('temporary IDs', recorded.temporaryCards, taken.temporary.length);

  return {
    result: {
      lossReports: recorded.lossReports,
      foundCards: recorded.foundCards,
      temporaryCards: recorded.temporaryCards,
      verifications: verify.asked,
      verificationsWrong: verify.wrong,
      invalidationSeenEverywhereP99Ms: percentile(seenEverywhereMs, 99),
      lostCardsUnexpected: unexpected,
    },
    problems,
  };
}

/** Waits (up to 10 min) until no consumer group of the system has a message waiting. */
async function untilQuiet(system: RunningSystem, say: (line: string) => void): Promise<void> {
  const kafka = new Kafka({ clientId: 'demo-lost-cards', brokers: system.infrastructure.kafkaBrokers, ...system.kafkaConnection, logLevel: logLevel.NOTHING });
  const monitor = new LagMonitor({ kafka, windowMs: 5000 });
  const started = Date.now();
  try {
    for (;;) {
      const waiting = (await monitor.sample()).groups.reduce((n, g) => n + g.lag, 0);
      if (waiting === 0) break;
      if (Date.now() - started > 600_000) throw new Error(`the system did not become quiet in 10 min (${waiting} messages waiting)`);
      await sleep(500);
    }
  } finally {
    await monitor.stop();
  }
  say(`lost cards: every consumer group caught up after ${((Date.now() - started) / 1000).toFixed(1)} s; starting`);
}

/**
 * The lost cards the counters took, counted in the receiving offices' own tables (read-only sessions) in their final
 * state: loss reports accepted, found cards destroyed or collected, temporary IDs issued.
 */
async function recordedAtOffices(
  system: RunningSystem,
  provinces: ProvinceCode[],
  taken: { reports: string[]; found: string[]; temporary: string[] },
): Promise<{ lossReports: number; foundCards: number; temporaryCards: number }> {
  const total = { lossReports: 0, foundCards: 0, temporaryCards: 0 };
  for (const p of provinces) {
    const db = new Client({ connectionString: await system.infrastructure.databaseFor('receiving-office', p) });
    await db.connect();
    try {
      await db.query('SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY');
      const countOf = async (sql: string, ids: string[]) => Number((await db.query(sql, [ids])).rows[0].count);
      total.lossReports += await countOf(`SELECT count(*) FROM loss_report WHERE report_id = ANY($1::uuid[]) AND status = 'accepted'`, taken.reports);
      total.foundCards += await countOf(
        `SELECT count(*) FROM found_card WHERE found_card_id = ANY($1::uuid[]) AND status IN ('destroyed', 'collected')`,
        taken.found,
      );
      total.temporaryCards += await countOf(
        `SELECT count(*) FROM temporary_card_request WHERE request_id = ANY($1::uuid[]) AND status = 'issued'`,
        taken.temporary,
      );
    } finally {
      await db.end().catch(() => undefined);
    }
  }
  return total;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function same(a: Verdict, b: Verdict): boolean {
  return a.result === b.result && (a.result === 'valid' || a.reason === (b as { reason: string }).reason);
}

/** The verifier: POST /verifications at a province's registry office, counting every answer and every wrong one. */
class Verifier {
  asked = 0;
  wrong = 0;
  /** One client's token, renewed every minute (this part never moves the clock). */
  private token: { value: Promise<string>; until: number } | null = null;

  constructor(
    private readonly system: RunningSystem,
    private readonly actors: Actors,
    private readonly report: (line: string) => void,
  ) {}

  async ask(province: string, cardSerial: string, holder: { idNumber: string; name: string }): Promise<Verdict | null> {
    const res = await call(
      'POST',
      `${this.system.url('registry-office', province)}/verifications`,
      { cardSerial, idNumber: holder.idNumber, name: holder.name },
      await this.actors.verifier(),
    );
    this.asked++;
    if (res.status >= 300 || (res.body?.result !== 'valid' && res.body?.result !== 'invalid')) {
      this.wrong++;
      this.report(`verification at ${province}: ${res.status} ${JSON.stringify(res.body?.code ?? res.body)}`);
      return null;
    }
    const extra = Object.keys(res.body).filter((k) => k !== 'result' && k !== 'reason');
    if (extra.length) {
      this.wrong++;
      this.report(`verification at ${province} says more than valid or why not: ${extra.join(', ')}`);
    }
    return res.body as Verdict;
  }

  private verifierToken(): Promise<string> {
    if (!this.token || this.token.until < Date.now()) this.token = { value: this.actors.verifier(), until: Date.now() + 60_000 };
    return this.token.value;
  }

  /**
   * Asks until the answer is `expected` (resolving the ms since `since`), accepting on the way only the `interim`
   * results or reasons; anything else, or no expected answer within the time, is wrong (null).
   */
  async until(
    province: string,
    cardSerial: string,
    holder: { idNumber: string; name: string },
    expected: Verdict,
    interim: string[],
    since: number,
  ): Promise<number | null> {
    const deadline = Date.now() + SETTLE_TIMEOUT_MS;
    let last: Verdict | null = null;
    while (Date.now() < deadline) {
      last = await this.ask(province, cardSerial, holder);
      if (last === null) return null;
      if (same(last, expected)) return Date.now() - since;
      const label = last.result === 'valid' ? 'valid' : last.reason;
      if (!interim.includes(label)) {
        this.wrong++;
        this.report(`verification of ${cardSerial} at ${province}: ${JSON.stringify(last)}, expected ${JSON.stringify(expected)}`);
        return null;
      }
      await sleep(POLL_MS);
    }
    this.wrong++;
    this.report(
      `verification of ${cardSerial} at ${province}: still ${JSON.stringify(last)} after ${SETTLE_TIMEOUT_MS} ms, expected ${JSON.stringify(expected)}`,
    );
    return null;
  }
}
