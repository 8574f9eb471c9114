import { AdjustableClock } from '@idcard/clock';
import { MessageType, topics } from '@idcard/contracts';
import { databaseForTests, TestDatabase } from '@idcard/database';
import { kafkaForTests, TestKafka, waitFor } from '@idcard/testing';
import { SIGNATURE_HEADERS, verifyChain, verifySignature } from '@idcard/trust';
import { Kafka } from 'kafkajs';
import { DataSource } from 'typeorm';
import { MESSAGING_OPTIONS, MessagingOptions, OutboxRelay, OutboxWriter, readMessageLog, readMessageLogHead, verifyMessageLog } from '../src';
import { kafkaClient, startMessagingService, TestTrust, TopicWatcher, TrustWorld } from './support';

/** The registry of Beijing (11) sending decisions to Guangdong's receiving office (44) through its signed outbox. */
describe('the signed outbox', () => {
  const clock = new AdjustableClock();
  const world = TrustWorld.of(clock, [{ keyId: 'registry-office-11-a', service: 'registry-office', province: '11' }]);
  const publicKey = world.key('registry-office-11-a').pair.publicKey;
  const decisions = topics.receivingDecisions('44');
  const otherTopic = topics.receivingDecisions('45');
  let db: TestDatabase;
  let broker: TestKafka;
  let kafka: Kafka;
  let service: Awaited<ReturnType<typeof startMessagingService>>;
  let dataSource: DataSource;
  let watcher: TopicWatcher;

  const decision = (n: number) => ({
    receiptNumber: `R44-20261122-${String(n).padStart(6, '0')}`,
    productionProvince: '44',
    reviewedBy: 'automatic',
    signedOffAt: clock.now().toISOString(),
  });
  const send = (n: number, topic = decisions) =>
    dataSource.transaction((em) =>
      service.app.get(OutboxWriter).add(em, {
        topic,
        key: `11010119900307${String(4570 + n).padStart(4, '0')}`,
        type: MessageType.ApplicationSignedOff,
        payload: decision(n),
        correlationId: decision(n).receiptNumber,
      }),
    );
  const outboxRow = async (messageId: string) =>
    (await dataSource.query(`SELECT topic, message_key, body, signature, key_id, sent_at FROM outbox_message WHERE message_id = $1`, [messageId]))[0] as {
      topic: string;
      message_key: string;
      body: string;
      signature: string | null;
      key_id: string | null;
      sent_at: Date | null;
    };

  beforeAll(async () => {
    [db, broker] = await Promise.all([databaseForTests(), kafkaForTests()]);
    kafka = kafkaClient(broker.brokers);
    watcher = await TopicWatcher.start(kafka, [decisions, otherTopic]);
    service = await startMessagingService({
      identity: { service: 'registry-office', province: '11' },
      databaseUrl: db.url,
      kafka,
      clock,
      trust: new TestTrust(world.list(), world.key('registry-office-11-a'), clock),
    });
    dataSource = service.dataSource;
  });
  afterAll(async () => {
    await service?.stop();
    await watcher?.stop();
    await broker?.stop();
    await db?.dispose();
  });

  it('sends each message with x-signature and x-key-id over its topic, key and value, the signature its outbox row holds', async () => {
    const ids = [await send(1), await send(2), await send(3), await send(4, otherTopic)];
    await waitFor('four messages on the broker', () => watcher.messages.length >= 4);
    for (const id of ids) {
      const seen = watcher.messages.find((m) => m.headers['message-id'] === id)!;
      // The broker has the message before the relay's transaction that marks the row sent commits: wait for that.
      const row = await waitFor(`row ${id} marked sent`, async () => {
        const r = await outboxRow(id);
        return r.sent_at !== null && r;
      });
      expect(row.sent_at).not.toBeNull();
      expect(seen.value!.toString('utf8')).toBe(row.body);
      expect(seen.key!.toString()).toBe(row.message_key);
      expect(seen.topic).toBe(row.topic);
      expect(seen.headers[SIGNATURE_HEADERS.keyId]).toBe('registry-office-11-a');
      expect(seen.headers[SIGNATURE_HEADERS.signature]).toBe(row.signature);
      expect(row.key_id).toBe('registry-office-11-a');
      expect(verifySignature({ topic: seen.topic, key: seen.key, value: seen.value }, seen.headers[SIGNATURE_HEADERS.signature], publicKey)).toBe(true);
      // The signature binds the topic: the same bytes on another topic do not verify.
      const elsewhere = seen.topic === decisions ? otherTopic : decisions;
      expect(verifySignature({ topic: elsewhere, key: seen.key, value: seen.value }, seen.headers[SIGNATURE_HEADERS.signature], publicKey)).toBe(false);
    }
  });

  it('signs, as it sends, a row written before messages were signed, and stores the signature with it', async () => {
    const legacyId = '3f0c8a52-6f7e-4f55-9d0e-6a2b7c1d9e01';
    const body = JSON.stringify({
      messageId: legacyId,
      type: MessageType.ApplicationSignedOff,
      schemaVersion: 1,
      occurredAt: clock.now().toISOString(),
      source: { province: '11', service: 'registry-office' },
      correlationId: decision(9).receiptNumber,
      payload: decision(9),
    });
    await dataSource.query(`INSERT INTO outbox_message (message_id, topic, message_key, message_type, body, created_at) VALUES ($1, $2, $3, $4, $5, $6)`, [
      legacyId,
      decisions,
      '110101199003074579',
      MessageType.ApplicationSignedOff,
      body,
      clock.now(),
    ]);
    service.app.get(OutboxRelay).wake();
    const seen = await waitFor('the old row sent', () => watcher.messages.find((m) => m.headers['message-id'] === legacyId));
    // The relay's transaction (signature stored, row marked sent) commits after the broker has the message.
    const row = await waitFor('the old row marked sent', async () => {
      const r = await outboxRow(legacyId);
      return r.sent_at !== null && r;
    });
    expect(row.signature).toBe(seen.headers[SIGNATURE_HEADERS.signature]);
    expect(row.key_id).toBe('registry-office-11-a');
    expect(verifySignature({ topic: decisions, key: seen.key, value: seen.value }, row.signature!, publicKey)).toBe(true);
  });

  it('resends byte for byte: the same value and the same headers', async () => {
    const id = await send(5);
    const first = await waitFor('the first copy', () => watcher.messages.find((m) => m.headers['message-id'] === id));
    // As after a crash between the send and the commit that marks it sent.
    await dataSource.query(`UPDATE outbox_message SET sent_at = NULL WHERE message_id = $1`, [id]);
    service.app.get(OutboxRelay).wake();
    const copies = await waitFor('the second copy', () => {
      const c = watcher.messages.filter((m) => m.headers['message-id'] === id);
      return c.length === 2 && c;
    });
    expect(copies[1].value!.equals(first.value!)).toBe(true);
    expect(copies[1].key!.equals(first.key!)).toBe(true);
    expect(copies[1].headers).toEqual(first.headers);
  });

  it('fails the sender’s own transaction when the service holds no key, and nothing is queued', async () => {
    const keyless = new TestTrust(world.list(), null, clock);
    const writer = new OutboxWriter({ ...service.app.get<MessagingOptions>(MESSAGING_OPTIONS), trust: keyless }, clock, service.app.get(OutboxRelay));
    const before = Number((await dataSource.query(`SELECT count(*) AS n FROM outbox_message`))[0].n);
    await expect(
      dataSource.transaction((em) =>
        writer.add(em, {
          topic: decisions,
          key: '110101199003074580',
          type: MessageType.ApplicationSignedOff,
          payload: decision(7),
          correlationId: decision(7).receiptNumber,
        }),
      ),
    ).rejects.toThrow(/no signing key/);
    expect(Number((await dataSource.query(`SELECT count(*) AS n FROM outbox_message`))[0].n)).toBe(before);
  });

  it('logs every message sent, with the partition and offset it got, in a chain that verifies', async () => {
    // Eight in one transaction, so one sendBatch spreads them over the partitions: offsets come from each partition's base offset.
    const writer = service.app.get(OutboxWriter);
    await dataSource.transaction(async (em) => {
      for (let n = 10; n < 18; n++)
        await writer.add(em, {
          topic: decisions,
          key: `44010619800101${String(1000 + n)}`,
          type: MessageType.ApplicationSignedOff,
          payload: decision(n),
          correlationId: decision(n).receiptNumber,
        });
    });
    const sent = await waitFor('the eight on the broker', () => watcher.messages.length >= 15 && watcher.messages.length);
    await waitFor('every send logged', async () => (await readMessageLogHead(dataSource)).count === sent);
    const rows = await readMessageLog(dataSource, { limit: 100 });
    expect(rows).toHaveLength(sent);
    expect(rows.every((r) => r.direction === 'sent')).toBe(true);
    for (const row of rows) {
      const seen = watcher.messages.find((m) => m.topic === row.topic && m.partition === row.partition && m.offset === row.offset);
      expect(seen).toBeDefined();
      expect(row.value!.equals(seen!.value!)).toBe(true);
      expect(row.key).toBe(seen!.key!.toString());
      expect(row.signature).toBe(seen!.headers[SIGNATURE_HEADERS.signature]);
      expect(row.keyId).toBe(seen!.headers[SIGNATURE_HEADERS.keyId]);
    }
    const perPartition = new Map<string, number>();
    for (const r of rows) perPartition.set(`${r.topic}/${r.partition}`, (perPartition.get(`${r.topic}/${r.partition}`) ?? 0) + 1);
    expect(perPartition.size).toBeGreaterThan(2);
    expect(Math.max(...perPartition.values())).toBeGreaterThan(2);
    const head = await readMessageLogHead(dataSource);
    expect(verifyChain(rows)).toEqual({ ok: true, count: sent, head: head.hash });
    expect(await verifyMessageLog(dataSource, { pageSize: 2 })).toEqual({ ok: true, count: sent, head: head.hash });
  });
});
