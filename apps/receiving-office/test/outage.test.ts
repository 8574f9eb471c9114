import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { MessageType, topics } from '@idcard/contracts';
import { EmbeddedPostgres, startEmbeddedPostgres } from '@idcard/database';
import { ServiceUnderTest, waitFor } from '@idcard/testing';
import { Client } from 'pg';
import { receivingOfficeSettingsFrom, startReceivingOffice } from '../src';
import { applicationForm, citizensOf, officeOf, OPS, receivingOfficeActors } from './fixtures';

const R = '65';
const HOME = '44';
const ROLE = 'receiving_office';

/** Every route of the receiving office, with a body where it takes one. */
function routes(receipt: string, citizenId: string, form: () => unknown): { method: string; path: string; body?: unknown; ops?: boolean }[] {
  return [
    { method: 'POST', path: '/applications', body: form() },
    { method: 'GET', path: `/applications/${receipt}` },
    { method: 'GET', path: `/applications/${receipt}/notifications` },
    { method: 'POST', path: `/applications/${receipt}/handover`, body: { idNumber: citizenId } },
    { method: 'GET', path: '/shipments/S65-0001' },
    { method: 'POST', path: '/shipments/S65-0001/arrivals', body: { cardSerial: 'C65ABCDEF012345' } },
    { method: 'GET', path: '/deadlines/report', ops: true },
    { method: 'POST', path: '/deadlines/tick', ops: true },
    { method: 'GET', path: '/audit', ops: true },
  ];
}

/**
 * Issue 14, point 3: with its PostgreSQL out of connections or stopped, the receiving office answers every request
 * 503 with Retry-After and the one error body naming the database — never 500 — readiness says the same, and
 * what was accepted before is kept and carried on once the database is back. A real server, really refused.
 */
describe('the receiving office while its database is unavailable', () => {
  let dataDir: string;
  let postgres: EmbeddedPostgres;
  let office: ServiceUnderTest;
  let admin: () => Promise<Client>;
  const citizens = citizensOf(HOME, 4, 41);

  beforeAll(async () => {
    dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'outage-pg-'));
    await fs.chmod(dataDir, 0o777);
    postgres = await startEmbeddedPostgres({ dataDir, port: 0 });
    admin = async () => {
      const client = new Client({ connectionString: postgres.url });
      await client.connect();
      return client;
    };
    const setup = await admin();
    // The service connects as an ordinary role (as in production), so a connection limit applies to it.
    await setup.query(`CREATE ROLE ${ROLE} LOGIN PASSWORD 'secret'`);
    await setup.query(`CREATE DATABASE ${ROLE} OWNER ${ROLE}`);
    await setup.end();
    const url = `postgres://${ROLE}:secret@127.0.0.1:${postgres.port}/${ROLE}`;
    office = await ServiceUnderTest.start({
      service: 'receiving-office',
      province: R,
      database: { url, source: 'embedded', dispose: async () => undefined },
      watch: [topics.registryApplications(HOME)],
      start: (config) => startReceivingOffice({ ...config, ...receivingOfficeSettingsFrom({ DEADLINE_TICK_MS: '0' }) }),
      actorFor: receivingOfficeActors(officeOf(R)),
    });
  }, 90_000);
  afterAll(async () => {
    await office?.stop();
    await postgres?.stop();
    if (dataDir) await fs.rm(dataDir, { recursive: true, force: true });
  }, 30_000);

  async function expectEveryRouteUnavailable(receipt: string): Promise<void> {
    for (const route of routes(receipt, citizens[0].idNumber, () => applicationForm(citizens[3], R))) {
      const res = await fetch(office.url + route.path, {
        method: route.method,
        headers: {
          authorization: `Bearer ${await office.token(route.ops ? OPS : { role: 'clerk', province: R, office: officeOf(R), name: '柜台' })}`,
          ...(route.body ? { 'content-type': 'application/json' } : {}),
        },
        body: route.body ? JSON.stringify(route.body) : undefined,
      });
      const body = await res.json();
      expect({ route: `${route.method} ${route.path}`, status: res.status }).toEqual({ route: `${route.method} ${route.path}`, status: 503 });
      expect(res.headers.get('retry-after')).toMatch(/^\d+$/);
      expect(body).toMatchObject({
        statusCode: 503,
        error: 'Service Unavailable',
        code: 'DATABASE_UNAVAILABLE',
        part: 'database',
        errors: [{ field: 'database' }],
      });
    }
    const ready = await fetch(`${office.url}/health/ready`);
    expect(ready.status).toBe(503);
    expect(ready.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(await ready.json()).toMatchObject({
      statusCode: 503,
      code: 'DATABASE_UNAVAILABLE',
      part: 'database',
      status: 'error',
      error: { database: { status: 'down' } },
    });
    expect((await fetch(`${office.url}/health/live`)).status).toBe(200);
  }

  const signOff = (receipt: string, idNumber: string) =>
    office.sendMessage(
      topics.receivingDecisions(R),
      idNumber,
      MessageType.ApplicationSignedOff,
      { receiptNumber: receipt, productionProvince: R, reviewedBy: 'automatic', signedOffAt: office.clock.now().toISOString() },
      { from: { province: HOME, service: 'registry-office' }, correlationId: receipt },
    );

  it('answers 503 DATABASE_UNAVAILABLE when out of connections, then 503 when stopped, and loses nothing', async () => {
    const accepted = await office.http('POST', '/applications', applicationForm(citizens[0], R), { 'idempotency-key': 'before-outage' });
    expect(accepted.status).toBe(201);
    const receipt: string = accepted.body.receiptNumber;

    // Out of connections: the role may open none (53300 too_many_connections), and the ones it holds are ended (57P01).
    const dba = await admin();
    await dba.query(`ALTER ROLE ${ROLE} CONNECTION LIMIT 0`);
    await dba.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = $1`, [ROLE]);
    await expectEveryRouteUnavailable(receipt);
    await dba.query(`ALTER ROLE ${ROLE} CONNECTION LIMIT -1`);
    await dba.end();
    await waitFor('ready again', async () => (await fetch(`${office.url}/health/ready`)).status === 200);

    // Stopped: nothing listens on the port (ECONNREFUSED).
    const port = postgres.port;
    await postgres.stop();
    await expectEveryRouteUnavailable(receipt);
    // A decision arriving meanwhile waits in Kafka (the inbox retries while the database is away, never dead-letters).
    await signOff(receipt, citizens[0].idNumber);
    const retried = await office.http('POST', '/applications', applicationForm(citizens[1], R), { 'idempotency-key': 'during-outage' });
    expect(retried.status).toBe(503);

    postgres = await startEmbeddedPostgres({ dataDir, port });
    await waitFor('ready again', async () => (await fetch(`${office.url}/health/ready`)).status === 200, 60_000);
    // What was accepted before is there, sent to the home registry, and the decision that waited is applied.
    await waitFor('the decision applied', async () => (await office.http('GET', `/applications/${receipt}`)).body?.status === 'in_production', 60_000);
    expect(await office.http('POST', '/applications', applicationForm(citizens[0], R), { 'idempotency-key': 'before-outage' })).toEqual({
      status: 200,
      body: accepted.body,
    });
    // The submission refused during the outage goes through when tried again, once.
    expect((await office.http('POST', '/applications', applicationForm(citizens[1], R), { 'idempotency-key': 'during-outage' })).status).toBe(201);
    await waitFor('both applications sent to the registry', () =>
      [citizens[0], citizens[1]].every((c) => office.messages.some((m) => m.key === c.idNumber && m.envelope?.type === MessageType.ApplicationSubmitted)),
    );
    const deadLettered = await office.sql(`SELECT count(*)::int AS n FROM message_log WHERE direction = 'dead-lettered'`);
    expect(deadLettered[0].n).toBe(0);
  }, 180_000);
});
