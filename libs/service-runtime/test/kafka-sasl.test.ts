import { AdjustableClock } from '@idcard/clock';
import { MessageType, newEnvelope, topics, encodeMessage } from '@idcard/contracts';
import { databaseForTests, TestDatabase } from '@idcard/database';
import { DevBroker, startDevBroker } from '@idcard/devbroker';
import type { RunningService } from '@idcard/service-runtime';
import { syntheticCitizens } from '@idcard/synthetic';
import { TestIssuer, TestKeys, waitFor } from '@idcard/testing';
import { Kafka, logLevel } from 'kafkajs';
import { productionCenterSettingsFrom, startProductionCenter } from '../../../apps/production-center/src';
import { productionOrder } from '../../../apps/production-center/test/fixtures';

/**
 * A service's own Kafka clients (inbox, outbox relay, lag watch, health) authenticate with SCRAM against the
 * development broker started with users, as they would against a real cluster's SASL listener.
 */
describe('a service on a SASL cluster', () => {
  const users = { 'production-center-44': 'centre-secret', 'registry-office-44': 'registry-secret' };
  const clock = new AdjustableClock();
  let broker: DevBroker;
  let database: TestDatabase;
  let centre: RunningService | null = null;

  beforeAll(async () => {
    [broker, database] = await Promise.all([startDevBroker({ port: 0, sasl: { users } }), databaseForTests({ prefix: 'sasl' })]);
  });
  afterAll(async () => {
    await centre?.stop();
    await broker?.stop();
    await database?.dispose();
  });

  const start = (password: string) =>
    TestKeys.forThisSuite()
      .trustFor({ service: 'production-center', province: '44' }, clock)
      .then((trust) =>
        startProductionCenter({
          identity: { service: 'production-center', province: '44' },
          databaseUrl: database.url,
          kafkaBrokers: broker.brokers,
          kafkaConnection: { ssl: false, sasl: { mechanism: 'scram-sha-512', username: 'production-center-44', password } },
          clock,
          trust,
          access: TestIssuer.forThisSuite().access(clock),
          biometrics: TestIssuer.forThisSuite().biometrics,
          logLevels: [],
          maxWaitTimeInMs: 100,
          ...productionCenterSettingsFrom({ PRODUCTION_INTERVAL_MS: '0' }),
        }),
      );

  it('does not start with a wrong password', async () => {
    await expect(start('wrong')).rejects.toThrow(/SASL|authentication/i);
  });

  it('authenticates, takes a signed order from another principal and is ready', async () => {
    centre = await start(users['production-center-44']);
    const ready = await fetch(`${centre.url}/health/ready`);
    expect(ready.status).toBe(200);

    const registry = new Kafka({
      clientId: 'registry-office-44',
      brokers: broker.brokers,
      sasl: { mechanism: 'scram-sha-256', username: 'registry-office-44', password: users['registry-office-44'] },
      logLevel: logLevel.NOTHING,
    }).producer();
    await registry.connect();
    const [citizen] = syntheticCitizens('44', 1, 5);
    const order = productionOrder({ receiptNumber: 'R44-SASL-0001', citizen, receivingOfficeCode: '44010601' }, clock);
    const envelope = newEnvelope(MessageType.ProductionOrdered, order, {
      source: { province: '44', service: 'registry-office' },
      correlationId: 'R44-SASL-0001',
      clock,
    });
    const topic = topics.productionOrders('44');
    const value = encodeMessage(envelope);
    const headers = TestKeys.forThisSuite().signatureHeaders({ service: 'registry-office', province: '44' }, topic, citizen.idNumber, value);
    await registry.send({ topic, acks: -1, messages: [{ key: citizen.idNumber, value, headers }] });
    await registry.disconnect();

    const queued = await waitFor('the order in the queue', async () => {
      const token = await TestIssuer.forThisSuite().token({ role: 'operator', province: '44', name: '制证员' }, clock);
      const res = await fetch(`${centre!.url}/orders/R44-SASL-0001`, { headers: { authorization: `Bearer ${token}` } });
      return res.status === 200 && res.json();
    });
    expect(queued).toMatchObject({ receiptNumber: 'R44-SASL-0001' });
  });
});
