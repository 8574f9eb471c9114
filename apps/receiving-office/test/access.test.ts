import { randomUUID } from 'crypto';
import type { TokenRequest } from '@idcard/access';
import { MessageType, topics } from '@idcard/contracts';
import { photoFields, SyntheticCitizen } from '@idcard/synthetic';
import { ServiceUnderTest, waitFor } from '@idcard/testing';
import { Client } from 'pg';
import { receivingOfficeSettingsFrom, startReceivingOffice } from '../src';
import { applicationForm, citizensOf, clerkOf, officeOf, OPS, receivingOfficeActors } from './fixtures';

const R = '65';
const HOME = '44';
const OFFICE = officeOf(R); // 65010201
const OTHER_OFFICE = `${R}010301`;

/**
 * Who may do what at the receiving office of province 65 (issue 11), with real tokens from the suite's issuer:
 * every route against every kind of caller, the clerk and office recorded from the token on the timeline, an
 * audit row for each change of state, and no readable biometrics in a dump of the office's tables.
 */
describe('access to the receiving office of province 65', () => {
  let office: ServiceUnderTest;
  let sql: Client;
  const citizens = citizensOf(HOME, 100, 23);
  let nextCitizen = 0;
  const aCitizen = () => citizens[nextCitizen++];
  const serial = () => `C${R}${randomUUID().replace(/-/g, '').slice(0, 12).toUpperCase()}`;

  beforeAll(async () => {
    office = await ServiceUnderTest.start({
      service: 'receiving-office',
      province: R,
      watch: [topics.registryApplications(HOME)],
      start: (config) =>
        startReceivingOffice({
          ...config,
          ...receivingOfficeSettingsFrom({ DEADLINE_TICK_MS: '0', TEMPORARY_CARD_ANSWER_MS: '100', FOUND_CARD_SWEEP_MS: '0' }),
        }),
      actorFor: receivingOfficeActors(OFFICE),
    });
    sql = new Client({ connectionString: office.database.url });
    await sql.connect();
  }, 60_000);
  afterAll(async () => {
    await sql?.end().catch(() => undefined);
    await office?.stop();
  }, 30_000);

  const view = async (receipt: string) => (await office.http('GET', `/applications/${receipt}`)).body;
  const statusIs = (receipt: string, status: string) => async () => ((await view(receipt))?.status === status ? true : null);

  async function submit(citizen: SyntheticCitizen, as: TokenRequest = clerkOf(OFFICE)): Promise<string> {
    const res = await office.http('POST', '/applications', applicationForm(citizen, R), { as });
    expect(res.status).toBe(201);
    return res.body.receiptNumber;
  }

  /** Signs the application off and ships its card in a parcel to OFFICE; resolves when it is shipped. */
  async function ship(receipt: string, citizen: SyntheticCitizen): Promise<{ shipmentId: string; cardSerial: string }> {
    const fromRegistry = { province: HOME, service: 'registry-office' } as const;
    const signedOff = { receiptNumber: receipt, productionProvince: R, reviewedBy: 'automatic', signedOffAt: office.clock.now().toISOString() };
    await office.sendMessage(topics.receivingDecisions(R), citizen.idNumber, MessageType.ApplicationSignedOff, signedOff, {
      from: fromRegistry,
      correlationId: receipt,
    });
    await waitFor('the application in production', statusIs(receipt, 'in_production'));
    const shipmentId = `S${R}-${randomUUID().slice(0, 8)}`;
    const cardSerial = serial();
    const dispatched = {
      shipmentId,
      producedBy: R,
      receivingOfficeCode: OFFICE,
      expedited: false,
      dispatchedAt: office.clock.now().toISOString(),
      cards: [{ receiptNumber: receipt, cardSerial }],
    };
    await office.sendMessage(topics.receivingShipments(R), citizen.idNumber, MessageType.ShipmentDispatched, dispatched, {
      from: { province: R, service: 'production-center' },
      correlationId: shipmentId,
    });
    await waitFor('the card shipped', statusIs(receipt, 'shipped'));
    return { shipmentId, cardSerial };
  }

  describe('every route, every caller', () => {
    /** The kinds of caller, each a token (or none) as the identity provider would issue it. */
    const CALLERS: Record<string, TokenRequest | null> = {
      'clerk of the office': clerkOf(OFFICE),
      'clerk of another office of 65': clerkOf(OTHER_OFFICE, '别处的受理员'),
      'clerk of province 44': clerkOf(`${HOME}010601`, '广东受理员'),
      'reviewer of 65': { role: 'reviewer', province: R, name: '审核员' },
      'operator of 65': { role: 'operator', province: R, name: '制证员' },
      'register-admin of 65': { role: 'register-admin', province: R, name: '户籍管理员' },
      'ops (national)': OPS,
      'ops of province 44': { role: 'ops', province: HOME, name: '广东运维' },
      verifier: { role: 'verifier', name: '某银行' },
      'no token': null,
      'expired token': { ...clerkOf(OFFICE), ttlSeconds: -120 },
    };
    type Caller = keyof typeof CALLERS;

    interface Route {
      method: 'GET' | 'POST';
      path: string;
      /** null: public (no token needed). */
      roles: readonly string[] | null;
      /** A clerk acts only for the route's office. */
      officeBound?: boolean;
      body?: () => unknown;
    }

    let receipt: string;
    let citizen: SyntheticCitizen;
    let shipment: { shipmentId: string; cardSerial: string };
    const routes: Route[] = [];

    beforeAll(async () => {
      citizen = aCitizen();
      receipt = await submit(citizen);
      shipment = await ship(receipt, citizen);
      const lossReport = (await office.http('POST', '/loss-reports', { idNumber: aCitizen().idNumber }, { as: clerkOf(OFFICE) })).body.reportId;
      const foundCard = (await office.http('POST', '/found-cards', { cardSerial: serial(), idNumber: aCitizen().idNumber }, { as: clerkOf(OFFICE) })).body
        .foundCardId;
      // In this order: the allowed clerk's arrival puts the card in hand, then the handover succeeds.
      routes.push(
        { method: 'POST', path: '/applications', roles: ['clerk'], officeBound: true, body: () => applicationForm(aCitizen(), R) },
        { method: 'GET', path: `/applications/${receipt}`, roles: ['clerk', 'ops'], officeBound: true },
        { method: 'GET', path: `/applications/${receipt}/notifications`, roles: ['clerk', 'ops'], officeBound: true },
        { method: 'GET', path: `/shipments/${shipment.shipmentId}`, roles: ['clerk'], officeBound: true },
        {
          method: 'POST',
          path: `/shipments/${shipment.shipmentId}/arrivals`,
          roles: ['clerk'],
          officeBound: true,
          body: () => ({ cardSerial: shipment.cardSerial }),
        },
        { method: 'POST', path: `/applications/${receipt}/handover`, roles: ['clerk'], officeBound: true, body: () => ({ idNumber: citizen.idNumber }) },
        // Lost cards: a clerk acts at the office of their token, so any clerk of the province may take them.
        { method: 'POST', path: '/loss-reports', roles: ['clerk'], body: () => ({ idNumber: aCitizen().idNumber }) },
        { method: 'GET', path: `/loss-reports/${lossReport}`, roles: ['clerk', 'ops'], officeBound: true },
        { method: 'POST', path: '/found-cards', roles: ['clerk'], body: () => ({ cardSerial: serial(), idNumber: aCitizen().idNumber }) },
        { method: 'GET', path: '/found-cards', roles: ['clerk', 'ops'] },
        { method: 'GET', path: `/found-cards/${foundCard}`, roles: ['clerk', 'ops'], officeBound: true },
        { method: 'POST', path: '/found-cards/sweep', roles: ['ops'] },
        { method: 'POST', path: '/temporary-cards', roles: ['clerk'], body: () => ({ idNumber: aCitizen().idNumber, name: '王芳' }) },
        { method: 'GET', path: '/deadlines/report', roles: ['ops'] },
        { method: 'POST', path: '/deadlines/tick', roles: ['ops'] },
        { method: 'GET', path: '/audit', roles: ['ops'] },
        { method: 'GET', path: '/health', roles: null },
        { method: 'GET', path: '/health/live', roles: null },
        { method: 'GET', path: '/health/ready', roles: null },
        { method: 'GET', path: '/metrics', roles: null },
      );
    }, 60_000);

    /** One call as a caller; the body is read as JSON when it is JSON (/metrics answers text). */
    async function call(method: string, path: string, body: unknown, as: TokenRequest | null): Promise<{ status: number; body: any }> {
      const headers: Record<string, string> = as ? { authorization: `Bearer ${await office.token(as)}` } : {};
      if (body !== undefined) headers['content-type'] = 'application/json';
      const res = await fetch(office.url + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
      const text = await res.text();
      return { status: res.status, body: res.headers.get('content-type')?.includes('json') && text ? JSON.parse(text) : text };
    }

    /** What a caller should meet at a route: let through, or refused with the status, code and what was needed. */
    function expected(route: Route, name: Caller): { allowed: true } | { allowed: false; status: number; code: string; needed?: object } {
      const caller = CALLERS[name];
      if (route.roles === null) return { allowed: true };
      if (caller === null || name === 'expired token') return { allowed: false, status: 401, code: 'UNAUTHENTICATED' };
      if (!route.roles.includes(caller.role)) return { allowed: false, status: 403, code: 'NOT_ALLOWED', needed: { roles: route.roles } };
      if (caller.province && caller.province !== R) return { allowed: false, status: 403, code: 'NOT_ALLOWED', needed: { roles: route.roles, province: R } };
      if (route.officeBound && caller.role === 'clerk' && caller.office !== OFFICE)
        return { allowed: false, status: 403, code: 'NOT_ALLOWED', needed: { roles: ['clerk'], office: OFFICE } };
      return { allowed: true };
    }

    it('lets each route’s roles through and refuses everyone else with 401/403, the code and what was needed', async () => {
      const wrong: string[] = [];
      for (const route of routes) {
        const names = Object.keys(CALLERS) as Caller[];
        // Refusals first: none of them may change anything the allowed call then relies on.
        const ordered = [...names.filter((n) => !expected(route, n).allowed), ...names.filter((n) => expected(route, n).allowed)];
        for (const name of ordered) {
          const want = expected(route, name);
          const res = await call(route.method, route.path, route.body?.(), CALLERS[name]);
          const label = `${route.method} ${route.path.replace(receipt, ':receipt').replace(shipment.shipmentId, ':shipmentId')} as ${name}`;
          if (want.allowed) {
            if (res.status === 401 || res.status === 403) wrong.push(`${label}: refused ${res.status} ${res.body?.code} ${res.body?.message}`);
          } else if (
            res.status !== want.status ||
            res.body?.code !== want.code ||
            (want.needed && JSON.stringify(res.body?.needed) !== JSON.stringify(want.needed))
          ) {
            wrong.push(`${label}: answered ${res.status} ${res.body?.code} needed=${JSON.stringify(res.body?.needed)}; expected ${JSON.stringify(want)}`);
          }
        }
      }
      expect(wrong).toEqual([]);
      // The allowed clerk's calls went through in order: the card arrived and was handed over.
      expect((await view(receipt)).status).toBe('handed_over');
    }, 60_000);

    it('says which office was needed when a clerk acts for another office, and nothing of the citizen', async () => {
      const elsewhere = clerkOf(OTHER_OFFICE, '别处的受理员');
      const other = await office.http('POST', '/applications', applicationForm(aCitizen(), R), { as: elsewhere });
      expect(other.status).toBe(403);
      expect(other.body).toMatchObject({ code: 'NOT_ALLOWED', needed: { roles: ['clerk'], office: OFFICE } });
      expect(other.body.message).toMatch(new RegExp(`clerk of office ${OTHER_OFFICE} cannot act for office ${OFFICE}`));
      const read = await office.http('GET', `/applications/${receipt}`, undefined, { as: elsewhere });
      expect(read.status).toBe(403);
      expect(JSON.stringify(read.body)).not.toContain(citizen.idNumber.slice(6, 14));
    });
  });

  describe('who did it, from the token', () => {
    const alice = { ...clerkOf(OFFICE, '阿依古丽'), subject: 'clerk-0001' };
    const bekzat = { ...clerkOf(OFFICE, '别克扎提'), subject: 'clerk-0002' };
    const chen = { ...clerkOf(OFFICE, '陈静'), subject: 'clerk-0003' };
    const intruder = { ...clerkOf(OTHER_OFFICE, '外站受理员'), subject: 'clerk-0999' };
    let receipt: string;

    beforeAll(async () => {
      const citizen = aCitizen();
      receipt = await submit(citizen, alice);
      const { shipmentId, cardSerial } = await ship(receipt, citizen);
      expect((await office.http('POST', `/shipments/${shipmentId}/arrivals`, { cardSerial }, { as: bekzat })).status).toBe(200);
      expect((await office.http('POST', `/applications/${receipt}/handover`, { idNumber: citizen.idNumber }, { as: intruder })).status).toBe(403);
      expect((await office.http('POST', `/applications/${receipt}/handover`, { idNumber: citizen.idNumber }, { as: chen })).status).toBe(200);
    }, 60_000);

    it('shows on the timeline which clerk and office accepted, confirmed the card and handed it over', async () => {
      const { timeline } = await view(receipt);
      const actors = Object.fromEntries(timeline.map((s: { step: string; actor?: object }) => [s.step, s.actor ?? null]));
      expect(actors).toEqual({
        submitted: { subject: 'clerk-0001', name: '阿依古丽', office: OFFICE },
        signed_off: null,
        in_production: null,
        shipped: null,
        arrived: { subject: 'clerk-0002', name: '别克扎提', office: OFFICE },
        handed_over: { subject: 'clerk-0003', name: '陈静', office: OFFICE },
      });
      expect(timeline.find((s: { step: string }) => s.step === 'handed_over').detail).toContain(`at office ${OFFICE}`);
    });

    it('keeps an audit row for each change of state, and for the refused one, with subject, role, office and outcome', async () => {
      const audit = await office.http('GET', `/audit?receipt=${receipt}`, undefined, { as: OPS });
      expect(audit.status).toBe(200);
      const changes = (audit.body as { action: string; subject: string; role: string; office: string; outcome: number; errorCode: string | null }[])
        .filter((r) => !r.action.startsWith('GET '))
        .reverse()
        .map((r) => ({ action: r.action, subject: r.subject, role: r.role, office: r.office, ok: r.outcome < 300, errorCode: r.errorCode }));
      // The outcome is not compared exactly: the audit interceptor records every successful POST as 201.
      expect(changes).toEqual([
        { action: 'POST /applications', subject: 'clerk-0001', role: 'clerk', office: OFFICE, ok: true, errorCode: null },
        { action: 'POST /shipments/:shipmentId/arrivals', subject: 'clerk-0002', role: 'clerk', office: OFFICE, ok: true, errorCode: null },
        {
          action: 'POST /applications/:receiptNumber/handover',
          subject: 'clerk-0999',
          role: 'clerk',
          office: OTHER_OFFICE,
          ok: false,
          errorCode: 'NOT_ALLOWED',
        },
        { action: 'POST /applications/:receiptNumber/handover', subject: 'clerk-0003', role: 'clerk', office: OFFICE, ok: true, errorCode: null },
      ]);
      const refused = (audit.body as { subject: string; outcome: number }[]).find((r) => r.subject === 'clerk-0999')!;
      expect(refused.outcome).toBe(403);
      // Reads of the application are in the trail too (GET /applications/:receiptNumber is an audited read).
      expect(audit.body.some((r: { action: string }) => r.action === 'GET /applications/:receiptNumber')).toBe(true);
    });
  });

  describe('biometrics at rest', () => {
    /** Tables of the shared libraries: the outbox and message log (messaging, which seals their values), the audit trail. */
    const LIBRARY_TABLES = ['audit_event', 'inbox_message', 'message_log', 'message_log_head', 'outbox_message', 'schema_migrations'];
    /** This app's tables: none has a photo or fingerprint column (the form is kept only in the message to the registry). */
    const OFFICE_TABLES = [
      'application',
      'application_step',
      'deadline_alert',
      'shipment',
      'shipment_card',
      'sms_notification',
      'loss_report',
      'found_card',
      'temporary_card_request',
      'submission_idempotency',
    ];

    /** Every row of a table as text, bytea columns read as their bytes (row_to_json shows them as hex). */
    async function dump(table: string): Promise<string> {
      const { rows: byteColumns } = await sql.query(
        `SELECT column_name FROM information_schema.columns WHERE table_schema = 'public' AND table_name = $1 AND data_type = 'bytea'`,
        [table],
      );
      const bytes = byteColumns.map((c) => `coalesce(encode(t.${c.column_name}, 'escape'), '')`);
      const { rows } = await sql.query(`SELECT ${['row_to_json(t)::text', ...bytes].join(` || ' ' || `)} AS row FROM ${table} t`);
      return rows.map((r) => r.row as string).join('\n');
    }

    it('holds no photo and no fingerprint template in any table, while the API and the registry still get theirs', async () => {
      const citizen = aCitizen();
      const form = applicationForm(citizen, R);
      const receipt = await submit(citizen);
      await ship(receipt, citizen);
      const sent = await waitFor('ApplicationSubmitted to the home registry', () =>
        office.messages.find((m) => m.topic === topics.registryApplications(HOME) && m.raw.includes(receipt)),
      );

      const { rows: tables } = await sql.query(`SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name`);
      const names = tables.map((t) => t.table_name as string);
      // A new table of this app must be added here (and so checked) before this passes.
      expect(names.filter((t) => !LIBRARY_TABLES.includes(t)).sort()).toEqual([...OFFICE_TABLES].sort());

      const templates = form.fingerprints as string[];
      const readable: string[] = [];
      for (const table of names) {
        const text = await dump(table);
        if (text.includes('/9j/')) readable.push(`${table}: a JPEG start marker`);
        if (templates.some((t) => text.includes(t.slice(0, 24)))) readable.push(`${table}: a fingerprint template`);
      }
      expect(readable).toEqual([]);
      expect(await dump('application')).toContain(receipt);

      // The answer is what it was before, and the home registry still gets the photo and fingerprints it needs.
      expect(await view(receipt)).toMatchObject({ receiptNumber: receipt, status: 'shipped', receivingOfficeCode: OFFICE });
      const payload = (sent.envelope as { payload: { photo: { jpegBase64: string; sha256: string }; fingerprints: { templates: string[] } } }).payload;
      expect(payload.photo).toMatchObject({ jpegBase64: photoFields().jpegBase64, sha256: photoFields().sha256 });
      expect(payload.fingerprints.templates).toEqual(templates);
    });
  });
});
