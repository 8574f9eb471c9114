import type { Role, TokenRequest } from '@idcard/access';
import { MessageType, topics } from '@idcard/contracts';
import { syntheticCitizens } from '@idcard/synthetic';
import { HttpAnswer, ServiceUnderTest, waitFor } from '@idcard/testing';
import { Client } from 'pg';
import { productionCenterSettingsFrom, startProductionCenter } from '../src';
import { actorFor, fromHomeRegistry, OPS, operatorOf, productionOrder, receipt } from './fixtures';

const P = '46';
const ORDERS = topics.productionOrders(P);

/** One person of each role, held in this centre's province (national for ops and verifier). */
const PEOPLE: Record<Role, TokenRequest> = {
  clerk: { role: 'clerk', province: P, office: '46010101', name: '受理员甲' },
  reviewer: { role: 'reviewer', province: P, name: '审核员乙' },
  operator: operatorOf(P, '制证员丙'),
  'register-admin': { role: 'register-admin', province: P, name: '户籍管理员丁' },
  ops: OPS,
  verifier: { role: 'verifier', name: '银行核验' },
};
const ALL_ROLES = Object.keys(PEOPLE) as Role[];

/**
 * Issue 11 at Hainan's production centre: every route, each role allowed where the issue says and refused
 * elsewhere, an operator of another province refused, no token refused; who ran the line recorded from the token;
 * the audit trail; the order's photo sealed at rest.
 */
describe('production centre: who may do what', () => {
  let centre: ServiceUnderTest;
  const citizens = syntheticCitizens(P, 10, 31);
  const queuedOrder = receipt(P, 901);

  beforeAll(async () => {
    centre = await ServiceUnderTest.start({
      service: 'production-center',
      province: P,
      actorFor: actorFor(P),
      start: (base) => startProductionCenter({ ...base, ...productionCenterSettingsFrom({ PRODUCTION_INTERVAL_MS: '0', SHIPMENT_SIZE_LIMIT: '50' }) }),
    });
  }, 60_000);

  afterAll(async () => {
    await centre?.stop();
  }, 30_000);

  async function order(receiptNumber: string, n: number): Promise<Record<string, unknown>> {
    const payload = productionOrder({ receiptNumber, citizen: citizens[n], receivingOfficeCode: '46010101' }, centre.clock);
    await centre.sendMessage(ORDERS, citizens[n].idNumber, MessageType.ProductionOrdered, payload, fromHomeRegistry(payload));
    await waitFor(`${receiptNumber} queued`, async () => (await centre.http('GET', `/orders/${receiptNumber}`)).status === 200);
    return payload;
  }

  /** Every route of the app, with the roles issue 11 gives it (GET /audit is the foundation's, in every service). */
  const ROUTES: { method: string; path: string; allowed: Role[] }[] = [
    { method: 'GET', path: '/queue', allowed: ['operator', 'ops'] },
    { method: 'POST', path: '/production/run', allowed: ['operator'] },
    { method: 'GET', path: '/shipments', allowed: ['operator', 'ops'] },
    { method: 'GET', path: '/shipments/S46-20260101-999999', allowed: ['operator', 'ops'] },
    { method: 'GET', path: `/orders/${queuedOrder}`, allowed: ['operator', 'ops'] },
    { method: 'GET', path: '/escalations', allowed: ['operator', 'ops'] },
    { method: 'GET', path: '/audit', allowed: ['ops'] },
  ];

  const expectRefused = (answer: HttpAnswer, status: 401 | 403, needed?: object) => {
    expect(answer.status).toBe(status);
    expect(answer.body).toMatchObject({ statusCode: status, code: status === 401 ? 'UNAUTHENTICATED' : 'NOT_ALLOWED' });
    if (needed) expect(answer.body.needed).toEqual(needed);
  };

  describe.each(ROUTES)('$method $path', ({ method, path, allowed }) => {
    beforeAll(async () => {
      // The order exists while the line is not run: a route's allowed roles see it.
      if (path.startsWith('/orders/') && (await centre.http('GET', path)).status === 404) await order(queuedOrder, 0);
    });

    it.each(allowed)('lets a %s in', async (role) => {
      // Anything but a refusal of access (an unknown shipment is a 404 to them, say).
      const answer = await centre.http(method, path, undefined, { as: PEOPLE[role] });
      expect([401, 403]).not.toContain(answer.status);
      expect(answer.status).toBeLessThan(500);
    });

    it.each(ALL_ROLES.filter((r) => !allowed.includes(r)))('refuses a %s with 403 naming the roles needed', async (role) => {
      const answer = await centre.http(method, path, undefined, { as: PEOPLE[role] });
      expectRefused(answer, 403, { roles: allowed });
      expect(answer.body.message).toContain(allowed.join(' or '));
    });

    if (allowed.includes('operator')) {
      it('refuses an operator of another province with 403 naming this province', async () => {
        const answer = await centre.http(method, path, undefined, { as: operatorOf('65') });
        expectRefused(answer, 403, { roles: allowed, province: P });
      });
    }

    it('refuses a call without a token, or with one that does not verify, with 401', async () => {
      expectRefused(await centre.http(method, path, undefined, { as: null }), 401);
      expectRefused(await centre.http(method, path, undefined, { as: null, headers: { authorization: 'Bearer not.a.token' } }), 401);
    });
  });

  it('keeps liveness, readiness and /metrics open without a token', async () => {
    for (const path of ['/health', '/health/live', '/health/ready']) {
      expect((await centre.http('GET', path, undefined, { as: null })).status).toBe(200);
    }
    // Prometheus scrapes it inside the province's network (METRICS_PUBLIC, the default); its answer is text.
    expect((await fetch(`${centre.url}/metrics`)).status).toBe(200);
  });

  it('records the operator from the token on each card their run makes, and in the audit trail', async () => {
    const r = receipt(P, 902);
    await order(r, 1);
    const operator = operatorOf(P, '制证员戊');
    const run = await centre.http('POST', '/production/run', undefined, { as: operator });
    expect(run.status).toBe(200);
    expect(run.body.produced).toBeGreaterThanOrEqual(1);

    const view = (await centre.http('GET', `/orders/${r}`, undefined, { as: OPS })).body;
    expect(view).toMatchObject({ state: 'produced', producedBy: { subject: operator.subject, name: operator.name } });

    const runs = (await centre.http('GET', `/audit?subject=${encodeURIComponent(operator.subject!)}`)).body as any[];
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({
      subject: operator.subject,
      name: operator.name,
      role: 'operator',
      province: P,
      action: 'POST /production/run',
      errorCode: null,
    });
    expect(runs[0].outcome).toBeGreaterThanOrEqual(200);
    expect(runs[0].outcome).toBeLessThan(300);

    // A read of one citizen's order is in the trail too, under the receipt, with the reader and the outcome.
    const reads = (await centre.http('GET', `/audit?receipt=${r}`)).body as any[];
    expect(reads[0]).toMatchObject({ subject: OPS.subject, role: 'ops', action: 'GET /orders/:receiptNumber', receiptNumber: r, outcome: 200 });
    const unknown = 'R46-NOSUCH-0901';
    expect((await centre.http('GET', `/orders/${unknown}`)).status).toBe(404);
    const [refused] = (await centre.http('GET', `/audit?receipt=${unknown}`)).body as any[];
    expect(refused).toMatchObject({ role: 'operator', outcome: 404, errorCode: 'UNKNOWN_ORDER' });

    // A shipment's manifest ties receipts to card serials: its reads are audited as well.
    const shipmentId = view.shipmentId as string;
    expect((await centre.http('GET', `/shipments/${shipmentId}`, undefined, { as: operator })).status).toBe(200);
    const mine = (await centre.http('GET', `/audit?subject=${encodeURIComponent(operator.subject!)}`)).body as any[];
    expect(mine[0]).toMatchObject({ action: 'GET /shipments/:shipmentId', outcome: 200 });
  });

  it('keeps the photo of a queued order sealed at rest, while the API answers as before', async () => {
    const r = receipt(P, 903);
    const payload = await order(r, 2);
    const jpegBase64 = (payload.photo as { jpegBase64: string }).jpegBase64;
    expect(jpegBase64.startsWith('/9j/')).toBe(true);

    const db = new Client({ connectionString: centre.database.url });
    await db.connect();
    try {
      const dump = (await db.query<{ row: string }>(`SELECT row_to_json(t)::text AS row FROM production_order t`)).rows.map((x) => x.row).join('\n');
      expect(dump).toContain(r);
      expect(dump).not.toContain('/9j/');
      // Nor the JPEG's bytes as bytea (\xffd8ff…), nor a stretch of the base64 from anywhere in the photo.
      expect(dump.toLowerCase()).not.toContain('ffd8ff');
      expect(dump).not.toContain(jpegBase64.slice(1000, 1040));
      const [{ photo_jpeg: stored }] = (await db.query<{ photo_jpeg: string }>(`SELECT photo_jpeg FROM production_order WHERE receipt_number = $1`, [r])).rows;
      expect(stored).toMatch(/^bio1\./);
      expect(centre.issuer.biometrics.open(stored)).toBe(jpegBase64);
    } finally {
      await db.end();
    }

    expect((await centre.http('GET', '/queue')).body.orders.map((o: { receiptNumber: string }) => o.receiptNumber)).toContain(r);
    expect(await centre.http('GET', `/orders/${r}`)).toMatchObject({ status: 200, body: { receiptNumber: r, state: 'queued', producedBy: null } });
    expect((await centre.http('POST', '/production/run')).body.produced).toBeGreaterThanOrEqual(1);
    expect((await centre.http('GET', `/orders/${r}`)).body).toMatchObject({ state: 'produced', producedBy: { subject: operatorOf(P).subject } });
  });
});
