import { DAY_MS, MessageType, topics } from '@idcard/contracts';
import type { RunningService, ServiceConfig } from '@idcard/service-runtime';
import { httpRequest, ServiceUnderTest, waitFor } from '@idcard/testing';
import { Client } from 'pg';
import { DeadlineScheduler, receivingOfficeSettingsFrom, startReceivingOffice, TickResult } from '../src';
import { CLAIM_DUE_ALERTS } from '../src/applications/application-ledger';
import { applicationForm, citizensOf, officeOf, receivingOfficeActors } from './fixtures';

const R = '65';
const HOME = '44';
const MINUTE = 60_000;
const TO_REGISTRY = topics.registryApplications(HOME);
const TO_PRODUCTION = topics.productionOrders(R);

/** What a deadline message says. */
interface Seen {
  receiptNumber: string;
  daysLeft: number;
  status: string;
  dueAt: string;
}

/** No timer (the test ticks), and small batches so that a tick takes several. */
const settings = receivingOfficeSettingsFrom({ DEADLINE_TICK_MS: '0', DEADLINE_BATCH_SIZE: '4' });

/**
 * The 60-day watch of Xinjiang's receiving office, for Guangdong citizens living there. Two replicas share one
 * database; time moves by the clock, never by waiting; the scheduler is ticked directly (no timer).
 */
describe('deadline scheduler of the receiving office of province 65', () => {
  const citizens = citizensOf(HOME, 30);
  let office: ServiceUnderTest;
  /** What the harness gave the first replica: every further replica runs on the same database, broker and clock. */
  let config: ServiceConfig;
  let replicaA: RunningService;
  let replicaB: RunningService;
  let sql: Client;

  const start = () => startReceivingOffice({ ...config, ...settings });
  const clock = () => office.clock;
  const scheduler = (s: RunningService) => s.app.get(DeadlineScheduler);
  const sum = (results: TickResult[]) =>
    results.reduce((t, r) => ({ warnings: t.warnings + r.warnings, breaches: t.breaches + r.breaches }), { warnings: 0, breaches: 0 });
  const bothReplicasTick = async () => sum(await Promise.all([scheduler(replicaA).tick(), scheduler(replicaB).tick()]));
  /** A call to one replica, with a token for the route's user (a clerk of the office, ops for the deadlines). */
  const actorFor = receivingOfficeActors(officeOf(R));
  const call = async (s: RunningService, method: string, path: string, body?: unknown) => {
    const actor = actorFor(method, path);
    return httpRequest(s.url, method, path, body, actor ? { authorization: `Bearer ${await office.token(actor)}` } : {});
  };

  /** Moves the clock to an instant (only forward). */
  const moveTo = (at: Date) => clock().advance(Math.max(0, at.getTime() - clock().now().getTime()));

  /**
   * Outbox rows of a deadline message type for a receipt, by topic: what was emitted, whether or not relayed yet.
   * Bodies may be sealed at rest with the service's biometrics keyring (the suite issuer's); open() reads both.
   */
  async function emitted(receipt: string, type: string): Promise<Record<string, number>> {
    const { rows } = await sql.query(`SELECT topic, body FROM outbox_message WHERE message_type = $1`, [type]);
    const out: Record<string, number> = {};
    const bodyOf = (stored: string) => JSON.parse(office.issuer.biometrics.open(stored));
    for (const r of rows) if (bodyOf(r.body).payload.receiptNumber === receipt) out[r.topic] = (out[r.topic] ?? 0) + 1;
    return out;
  }
  /** The deadline messages about a receipt on both topics, in the order they were read. */
  const received = (receipt: string, type: string) =>
    office.messages.map((m) => m.envelope).filter((e) => e?.type === type && e.payload.receiptNumber === receipt) as { payload: Seen }[];

  const open: { receipt: string; dueAt: Date }[] = [];
  let rejected: string;
  let signedOff: string;

  beforeAll(async () => {
    office = await ServiceUnderTest.start({
      service: 'receiving-office',
      province: R,
      watch: [TO_REGISTRY, TO_PRODUCTION],
      start: (given) => {
        config = given;
        return start();
      },
      actorFor,
    });
    replicaA = office.service;
    replicaB = await start();
    sql = new Client({ connectionString: office.database.url });
    await sql.connect();
  }, 60_000);

  afterAll(async () => {
    await sql?.end().catch(() => undefined);
    await replicaA?.stop();
    await replicaB?.stop();
    await office?.stop();
  }, 30_000);

  async function decide(type: string, payload: object, idNumber: string, receipt: string): Promise<void> {
    const from = { province: HOME, service: 'registry-office' } as const;
    await office.sendMessage(topics.receivingDecisions(R), idNumber, type, payload, { from, correlationId: receipt });
  }

  it('writes each application with its warnings at 15 and 5 days left and its breach at the due instant', async () => {
    for (const [i, citizen] of citizens.entries()) {
      const res = await call(i % 2 ? replicaA : replicaB, 'POST', '/applications', applicationForm(citizen, R));
      expect(res.status).toBe(201);
      open.push({ receipt: res.body.receiptNumber, dueAt: new Date(res.body.dueAt) });
    }
    const first = open[0];
    const { rows } = await sql.query(`SELECT kind, fire_at FROM deadline_alert WHERE receipt_number = $1 ORDER BY fire_at`, [first.receipt]);
    expect(rows.map((r) => [r.kind, r.fire_at.toISOString()])).toEqual([
      ['warning_15d', new Date(first.dueAt.getTime() - 16 * DAY_MS).toISOString()],
      ['warning_5d', new Date(first.dueAt.getTime() - 6 * DAY_MS).toISOString()],
      ['breach', first.dueAt.toISOString()],
    ]);
    expect(await bothReplicasTick()).toEqual({ warnings: 0, breaches: 0 });
  });

  it('cancels the alerts of a completed application: it is never warned or breached', async () => {
    const [completed] = open.splice(0, 1);
    rejected = completed.receipt;
    const citizen = citizens[0];
    await decide(
      MessageType.ApplicationRejected,
      { receiptNumber: rejected, reasonCode: 'NOT_IN_REGISTER', detail: 'not in the register', rejectedAt: clock().now().toISOString() },
      citizen.idNumber,
      rejected,
    );
    await waitFor('the rejection', async () => (await call(replicaA, 'GET', `/applications/${rejected}`)).body.status === 'rejected');
    const { rows } = await sql.query(`SELECT kind, cancelled_because FROM deadline_alert WHERE receipt_number = $1 AND fired_at IS NULL`, [rejected]);
    expect(rows.map((r) => r.cancelled_because)).toEqual(['completed', 'completed', 'completed']);

    // Another one goes into production, so the report shows two stages.
    signedOff = open[0].receipt;
    await decide(
      MessageType.ApplicationSignedOff,
      { receiptNumber: signedOff, productionProvince: R, reviewedBy: 'automatic', signedOffAt: clock().now().toISOString() },
      citizens[1].idNumber,
      signedOff,
    );
    await waitFor('the sign-off', async () => (await call(replicaA, 'GET', `/applications/${signedOff}`)).body.status === 'in_production');
  });

  it('warns nothing a minute before 15 days are left, then each open application once, with two replicas ticking at once', async () => {
    const warnAt = new Date(open[0].dueAt.getTime() - 16 * DAY_MS);
    moveTo(new Date(warnAt.getTime() - MINUTE));
    expect(await bothReplicasTick()).toEqual({ warnings: 0, breaches: 0 });
    clock().advance(2 * MINUTE);
    expect(await bothReplicasTick()).toEqual({ warnings: open.length, breaches: 0 });

    for (const { receipt } of open) expect(await emitted(receipt, MessageType.DeadlineWarning)).toEqual({ [TO_REGISTRY]: 1, [TO_PRODUCTION]: 1 });
    expect(await emitted(rejected, MessageType.DeadlineWarning)).toEqual({});
    await waitFor('every warning on both topics', () => open.every(({ receipt }) => received(receipt, MessageType.DeadlineWarning).length === 2));
    expect(received(open[1].receipt, MessageType.DeadlineWarning).map((m) => m.payload)).toEqual([
      expect.objectContaining({ daysLeft: 15, status: 'submitted', dueAt: open[1].dueAt.toISOString() }),
      expect.objectContaining({ daysLeft: 15, status: 'submitted' }),
    ]);
    expect(received(signedOff, MessageType.DeadlineWarning)[0].payload.status).toBe('in_production');
  });

  it('fires nothing again on the next tick, nor after a restart on the same database', async () => {
    expect(await bothReplicasTick()).toEqual({ warnings: 0, breaches: 0 });
    await replicaA.stop();
    replicaA = await start();
    expect(await bothReplicasTick()).toEqual({ warnings: 0, breaches: 0 });
    for (const { receipt } of open) expect(await emitted(receipt, MessageType.DeadlineWarning)).toEqual({ [TO_REGISTRY]: 1, [TO_PRODUCTION]: 1 });
  });

  it('warns again at 5 days left, records both warnings on the timeline, and reports the applications at risk', async () => {
    moveTo(new Date(open[0].dueAt.getTime() - 6 * DAY_MS + MINUTE));
    expect(await bothReplicasTick()).toEqual({ warnings: open.length, breaches: 0 });
    await waitFor('the 5-day warnings', () => open.every(({ receipt }) => received(receipt, MessageType.DeadlineWarning).length === 4));
    expect(received(open[1].receipt, MessageType.DeadlineWarning).map((m) => m.payload.daysLeft)).toEqual([15, 15, 5, 5]);

    const view = (await call(replicaB, 'GET', `/applications/${open[1].receipt}`)).body;
    expect(view.timeline.map((s: { step: string }) => s.step)).toEqual(['submitted', 'deadline_warning_15d', 'deadline_warning_5d']);
    expect(view.daysLeft).toBe(5);

    const report = (await call(replicaA, 'GET', '/deadlines/report')).body;
    expect(report.receivingProvince).toBe(R);
    expect(report.atRisk.total).toBe(open.length);
    expect(report.atRisk.byStage).toEqual({ waiting_for_sign_off: open.length - 1, in_production: 1, in_transit: 0, awaiting_handover: 0 });
    expect(report.atRisk.byHomeProvince).toEqual([{ homeProvince: HOME, total: open.length, byStage: report.atRisk.byStage }]);
    expect(report.breached.total).toBe(0);
  });

  it('after downtime, a restart breaches every open application on day 61 exactly once, though a replica died mid-tick', async () => {
    await Promise.all([replicaA.stop(), replicaB.stop()]);
    moveTo(new Date(open[0].dueAt.getTime() + 60 * MINUTE));

    // A replica that claimed a batch and died before committing: its rows are locked, then released unfired.
    const dying = new Client({ connectionString: office.database.url });
    await dying.connect();
    await dying.query('BEGIN');
    const claimed = await dying.query(CLAIM_DUE_ALERTS, [clock().now(), 3]);
    expect(claimed.rows).toHaveLength(3);
    for (const row of claimed.rows)
      await dying.query(`UPDATE deadline_alert SET fired_at = $3 WHERE receipt_number = $1 AND kind = $2`, [row.receipt_number, row.kind, clock().now()]);

    replicaA = await start();
    replicaB = await start();
    const whileLocked = await bothReplicasTick();
    expect(whileLocked.breaches).toBe(open.length - 3);
    await dying.end(); // the connection goes without COMMIT: PostgreSQL rolls its transaction back
    const afterwards = await bothReplicasTick();
    expect(afterwards).toEqual({ warnings: 0, breaches: 3 });

    for (const { receipt } of open) expect(await emitted(receipt, MessageType.DeadlineBreached)).toEqual({ [TO_REGISTRY]: 1, [TO_PRODUCTION]: 1 });
    expect(await emitted(rejected, MessageType.DeadlineBreached)).toEqual({});
    await waitFor('every breach on both topics', () => open.every(({ receipt }) => received(receipt, MessageType.DeadlineBreached).length === 2));
    expect(received(open[1].receipt, MessageType.DeadlineBreached)[0].payload).toMatchObject({ daysLeft: -1, status: 'submitted' });
    expect(await bothReplicasTick()).toEqual({ warnings: 0, breaches: 0 });

    const view = (await call(replicaA, 'GET', `/applications/${open[1].receipt}`)).body;
    expect(view.timeline.map((s: { step: string }) => s.step)).toEqual(['submitted', 'deadline_warning_15d', 'deadline_warning_5d', 'deadline_breached']);
    const rejectedView = (await call(replicaA, 'GET', `/applications/${rejected}`)).body;
    expect(rejectedView.timeline.map((s: { step: string }) => s.step)).toEqual(['submitted', 'rejected']);
  });

  it('reports the breached applications by stage and by home province, and none at risk any more', async () => {
    const report = (await call(replicaB, 'GET', '/deadlines/report')).body;
    expect(report.atRisk.total).toBe(0);
    expect(report.breached).toEqual({
      total: open.length,
      byStage: { waiting_for_sign_off: open.length - 1, in_production: 1, in_transit: 0, awaiting_handover: 0 },
      byHomeProvince: [
        { homeProvince: HOME, total: open.length, byStage: { waiting_for_sign_off: open.length - 1, in_production: 1, in_transit: 0, awaiting_handover: 0 } },
      ],
    });
    const metrics = await (await fetch(`${replicaB.url}/metrics`)).text();
    expect(metrics).toMatch(new RegExp(`idcard_deadlines_breached\\S* ${open.length}\\b`));
  });

  it('after long downtime sends only the breach, not the warnings that fell due meanwhile', async () => {
    const late = await call(replicaA, 'POST', '/applications', applicationForm(citizensOf(HOME, 31)[30], R));
    expect(late.status).toBe(201);
    moveTo(new Date(new Date(late.body.dueAt).getTime() + 3 * DAY_MS));
    expect(await bothReplicasTick()).toEqual({ warnings: 0, breaches: 1 });
    expect(await emitted(late.body.receiptNumber, MessageType.DeadlineWarning)).toEqual({});
    const { rows } = await sql.query(
      `SELECT kind, fired_at IS NOT NULL AS fired, cancelled_because FROM deadline_alert WHERE receipt_number = $1 ORDER BY fire_at`,
      [late.body.receiptNumber],
    );
    expect(rows).toEqual([
      { kind: 'warning_15d', fired: false, cancelled_because: 'superseded' },
      { kind: 'warning_5d', fired: false, cancelled_because: 'superseded' },
      { kind: 'breach', fired: true, cancelled_because: null },
    ]);
    const breach = await emitted(late.body.receiptNumber, MessageType.DeadlineBreached);
    expect(breach).toEqual({ [TO_REGISTRY]: 1, [TO_PRODUCTION]: 1 });
  });
});
