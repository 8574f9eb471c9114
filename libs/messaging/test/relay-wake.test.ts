import { AdjustableClock } from '@idcard/clock';
import { MessageType, topics } from '@idcard/contracts';
import { databaseForTests, TestDatabase } from '@idcard/database';
import { kafkaForTests, TestKafka, waitFor } from '@idcard/testing';
import { Kafka } from 'kafkajs';
import { DataSource, EntityManager } from 'typeorm';
import { OutboxWriter } from '../src';
import { failFirstMarkSent, kafkaClient, startMessagingService, TestTrust, TopicWatcher, TrustWorld } from './support';

/** Longer than any test here: a message that leaves within seconds was sent because the relay was woken. */
const POLL_INTERVAL_MS = 10 * 60_000;
const PROMPTLY_MS = 20_000;

/**
 * The outbox relay is woken by the commit of each transaction that queued a message, so a message leaves at once, not
 * at the next poll: here the poll is ten minutes away. Beijing's registry (11) sends decisions to Guangdong (44).
 */
describe('the outbox relay woken by commits', () => {
  const clock = new AdjustableClock();
  const world = TrustWorld.of(clock, [{ keyId: 'registry-office-11-a', service: 'registry-office', province: '11' }]);
  const decisions = topics.receivingDecisions('44');
  let db: TestDatabase;
  let broker: TestKafka;
  let kafka: Kafka;
  let watcher: TopicWatcher;
  let sender: Awaited<ReturnType<typeof startMessagingService>>;
  let dataSource: DataSource;
  let n = 0;

  /** Queues decision n on `em` (the caller's transaction, or none), through `app`'s outbox; resolves its message id. */
  const queue = (em: EntityManager, app = sender.app) => {
    const receiptNumber = `R11-20261204-${String(++n).padStart(6, '0')}`;
    return app.get(OutboxWriter).add(em, {
      topic: decisions,
      key: '110101199003074571',
      type: MessageType.ApplicationSignedOff,
      payload: { receiptNumber, productionProvince: '44', reviewedBy: 'automatic', signedOffAt: clock.now().toISOString() },
      correlationId: receiptNumber,
    });
  };
  const copiesOf = (messageId: string) => watcher.on(decisions).filter((m) => m.headers['message-id'] === messageId);

  beforeAll(async () => {
    [db, broker] = await Promise.all([databaseForTests(), kafkaForTests()]);
    kafka = kafkaClient(broker.brokers);
    watcher = await TopicWatcher.start(kafka, [decisions]);
    sender = await startMessagingService({
      identity: { service: 'registry-office', province: '11' },
      databaseUrl: db.url,
      kafka,
      clock,
      trust: new TestTrust(world.list(), world.key('registry-office-11-a'), clock),
      relayIntervalMs: POLL_INTERVAL_MS,
    });
    dataSource = sender.dataSource;
  });
  afterAll(async () => {
    await sender?.stop();
    await watcher?.stop();
    await broker?.stop();
    await db?.dispose();
  });

  it('sends a message as soon as the transaction that queued it commits', async () => {
    const messageId = await dataSource.transaction((em) => queue(em));
    await waitFor('the message sent', () => copiesOf(messageId).length === 1, PROMPTLY_MS);
  });

  it('sends at once a message queued outside a transaction', async () => {
    const messageId = await queue(dataSource.manager);
    await waitFor('the message sent', () => copiesOf(messageId).length === 1, PROMPTLY_MS);
  });

  it('sends at once every message committed while it was busy sending the ones before', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 10; i++) ids.push(await dataSource.transaction((em) => queue(em)));
    await waitFor('all ten sent', () => ids.every((id) => copiesOf(id).length === 1), PROMPTLY_MS);
    expect(
      watcher
        .on(decisions)
        .map((m) => m.headers['message-id'])
        .filter((id) => ids.includes(id)),
    ).toEqual(ids);
  });

  // A sender of its own, started inside the test: mutation testing counts code run in a beforeAll hook as covered by
  // no test, so the relay's construction (its wake callback) is exercised here where a test can see it.
  it('started here: sends at once what a commit queued, batch after batch, and stays off the database while it waits for its poll', async () => {
    const own = await databaseForTests();
    const relay = await startMessagingService({
      identity: { service: 'registry-office', province: '11' },
      databaseUrl: own.url,
      kafka,
      clock,
      trust: new TestTrust(world.list(), world.key('registry-office-11-a'), clock),
      relayIntervalMs: POLL_INTERVAL_MS,
    });
    try {
      const messageId = await relay.dataSource.transaction((em) => queue(em, relay.app));
      await waitFor('the message sent', () => copiesOf(messageId).length === 1, PROMPTLY_MS);
      // One commit, one wake, more than one batch (the relay's is 500): the relay goes on to the next batch at once.
      const backlog = await relay.dataSource.transaction(async (em) => {
        const ids: string[] = [];
        for (let i = 0; i < 501; i++) ids.push(await queue(em, relay.app));
        return ids;
      });
      await waitFor('all 501 sent', () => backlog.every((id) => copiesOf(id).length === 1), PROMPTLY_MS);
      // Idle until its poll: a relay that looked again straight after a round would commit hundreds of times a second.
      // (Transaction counts reach pg_stat_database within a second of each commit while a backend is busy.)
      const commits = async () => {
        const [row] = await relay.dataSource.query(
          `SELECT pg_stat_clear_snapshot(), xact_commit + xact_rollback AS n FROM pg_stat_database WHERE datname = current_database()`,
        );
        return Number(row.n);
      };
      const before = await commits();
      await new Promise((resolve) => setTimeout(resolve, 3000));
      expect((await commits()) - before).toBeLessThan(20);
    } finally {
      await relay.stop();
      await own.dispose();
    }
  });

  // Last: the failing mark stays installed (it fails only once).
  it('tries again within seconds after a failed round, however long its poll interval', async () => {
    await failFirstMarkSent(dataSource);
    const messageId = await dataSource.transaction((em) => queue(em));
    await waitFor(
      'the message sent again and its row marked sent',
      async () => {
        const [row] = await dataSource.query(`SELECT sent_at FROM outbox_message WHERE message_id = $1`, [messageId]);
        return copiesOf(messageId).length === 2 && row.sent_at !== null;
      },
      PROMPTLY_MS,
    );
  });
});
