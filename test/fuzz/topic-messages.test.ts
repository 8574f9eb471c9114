import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import type { Consumer } from 'kafkajs';
import { deadLetterTopic, encodeMessage, Envelope, MessageType, newEnvelope, ServiceName, topics } from '@idcard/contracts';
import { DEAD_LETTER_HEADERS } from '@idcard/messaging';
import { SyntheticCitizen } from '@idcard/synthetic';
import { ServiceUnderTest, waitFor } from '@idcard/testing';
import { productionCenterSettingsFrom, startProductionCenter } from '../../apps/production-center/src';
import { fromHomeRegistry, productionOrder, receipt } from '../../apps/production-center/test/fixtures';
import { receivingOfficeSettingsFrom, startReceivingOffice } from '../../apps/receiving-office/src';
import { applicationForm, citizensOf, officeOf, receivingOfficeActors } from '../../apps/receiving-office/test/fixtures';
import { registryOfficeSettingsFrom, startRegistryOffice } from '../../apps/registry-office/src';
import { applicationFor, REMOTE } from '../../apps/registry-office/test/fixtures';
import { inParallel } from '../../scripts/in-parallel';
import { fuzzBatches, fuzzProgress, nastyJson } from './fuzz-runs';

const R = '65';
const HOME = '44';
const REGISTRY = { province: HOME, service: 'registry-office' } as const;
const PRODUCTION = { province: R, service: 'production-center' } as const;
/** A receipt this office never issued: a decision about it can never apply. */
const UNKNOWN_RECEIPT = 'R65-20991231-999999';
/** Applications the receiving office takes over HTTP at once, for the decisions that follow the mutated messages. */
const SUBMISSIONS_AT_ONCE = 4;

type Mutation =
  | { kind: 'bit-flip'; at: number; bit: number }
  | { kind: 'truncated'; at: number }
  | { kind: 'wrong-type'; field: number; value: unknown }
  | { kind: 'random'; value: unknown }
  | { kind: 'huge-header'; size: number };

/** `field` picks one of the topic's own fields (FuzzedTopic.fields), modulo their count. */
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('bit-flip' as const), at: fc.nat(), bit: fc.integer({ min: 0, max: 6 }) }),
  fc.record({ kind: fc.constant('truncated' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('wrong-type' as const), field: fc.nat(), value: nastyJson }),
  fc.record({ kind: fc.constant('random' as const), value: nastyJson }),
  fc.record({ kind: fc.constant('huge-header' as const), size: fc.integer({ min: 10_000, max: 500_000 }) }),
);

const ENVELOPE_FIELDS = ['messageId', 'type', 'schemaVersion', 'occurredAt', 'source', 'correlationId', 'payload'];

/** One topic a service consumes, and the messages the fuzz puts on it. */
interface FuzzedTopic {
  name: string;
  service: () => ServiceUnderTest;
  topic: string;
  /**
   * A message of the topic's own type, well-formed and signed, that the service still refuses, for a reason of its
   * domain (or, where none can exist, of the access rights): whatever a mutation leaves of it is refused too.
   */
  refused: (citizen: SyntheticCitizen) => Envelope;
  /** Who sends the refused message, and signs it mutated. */
  sender: { service: ServiceName; province: string };
  /** Fields a wrong-type mutation replaces: the envelope's and the payload's, never the one the refusal rests on. */
  fields: string[];
  /** The valid messages that follow the mutated ones on their keys, one per citizen (made ready first: an application over HTTP, say). */
  valid: (citizens: SyntheticCitizen[]) => Promise<Envelope[]>;
}

/** One mutated message of a batch: on which topic, under which key (a citizen of its own), and what it became. */
interface FuzzCase {
  mutation: Mutation;
  target: FuzzedTopic;
  citizen: SyntheticCitizen;
}

/**
 * Issue 14, point 5, for a topic of each service — the receiving office's decisions and shipments, the registry's
 * applications, the production centre's orders: mutated and random messages (bit flips of signed ones, truncated
 * JSON, fields of the wrong type signed as their sender would, random JSON, huge headers) are all parked on the
 * dead-letter topic with a reason, while a valid message sent after each on the same key (so the same partition) is
 * applied: the partition never stops. Each case is a batch of mutated messages, waited for once.
 */
describe('fuzzing the topics of every service', () => {
  let office: ServiceUnderTest;
  let registry: ServiceUnderTest;
  let production: ServiceUnderTest;
  const citizens = citizenSupply();
  let shipments = 0;
  let orders = 0;
  /** What the services parked, by dead-letter topic and key: only its reason is kept (a huge header is not). */
  const parked = new Map<string, ParkedMessage>();
  const readers: Consumer[] = [];
  /** An application the registry holds: the registry's refused message claims its receipt for another citizen. */
  let anchor: ReturnType<typeof applicationFor>;

  const fuzzed: FuzzedTopic[] = [
    {
      name: 'receiving office decisions',
      service: () => office,
      topic: topics.receivingDecisions(R),
      refused: () => signOff(UNKNOWN_RECEIPT),
      sender: REGISTRY,
      fields: [...ENVELOPE_FIELDS, 'payload.receiptNumber', 'payload.productionProvince', 'payload.reviewedBy', 'payload.signedOffAt'],
      valid: async (citizens) => {
        const receipts = await inParallel(citizens, SUBMISSIONS_AT_ONCE, async (citizen) => {
          const submitted = await office.http('POST', '/applications', applicationForm(citizen, R));
          if (submitted.status !== 201) throw new Error(`the valid application was refused: ${JSON.stringify(submitted.body)}`);
          return submitted.body.receiptNumber as string;
        });
        return receipts.map(signOff);
      },
    },
    {
      name: 'receiving office shipments',
      service: () => office,
      topic: topics.receivingShipments(R),
      // For an office of another province. A shipment is never refused for its content (a line it cannot match is
      // kept), so this is the access rights' refusal: the topic of province 65 carries shipments for its offices only.
      refused: () => shipment('11010501', UNKNOWN_RECEIPT),
      sender: PRODUCTION,
      fields: [...ENVELOPE_FIELDS, 'payload.shipmentId', 'payload.producedBy', 'payload.expedited', 'payload.dispatchedAt', 'payload.cards'],
      // A manifest line of a receipt the office does not know is kept, not refused: the shipment is recorded.
      valid: async (citizens) => citizens.map(() => shipment(officeOf(R), UNKNOWN_RECEIPT)),
    },
    {
      name: 'registry applications',
      service: () => registry,
      topic: topics.registryApplications(HOME),
      // Under the receipt of an application the registry already holds for another citizen.
      refused: (citizen) => submission(applicationFor(registry, citizen, { receiptNumber: anchor.receiptNumber })),
      sender: { service: 'receiving-office', province: REMOTE },
      fields: [...ENVELOPE_FIELDS, 'payload.kind', 'payload.citizen', 'payload.photo', 'payload.feePaidYuan', 'payload.acceptedAt'],
      valid: async (citizens) => citizens.map((citizen) => submission(applicationFor(registry, citizen))),
    },
    {
      name: 'production orders',
      service: () => production,
      topic: topics.productionOrders(R),
      // Forwarded here by Tibet's centre for a Tibetan card of a Tibetan office, a script this centre cannot print
      // either: an order is forwarded once, never round again.
      refused: (citizen) => order(citizen, { cardScript: 'tibetan', forwardedFrom: '54', receivingOfficeCode: '54010201' }),
      sender: { service: 'production-center', province: '54' },
      fields: [...ENVELOPE_FIELDS, 'payload.receiptNumber', 'payload.kind', 'payload.citizen', 'payload.photo', 'payload.expedited', 'payload.dueAt'],
      valid: async (citizens) => citizens.map((citizen) => order(citizen)),
    },
  ];

  beforeAll(async () => {
    // Each on a broker of its own: what one service sends never reaches another's topics and their dead-letter counts.
    [office, registry, production] = await Promise.all([
      ServiceUnderTest.start({
        service: 'receiving-office',
        province: R,
        start: (config) => startReceivingOffice({ ...config, ...receivingOfficeSettingsFrom({ DEADLINE_TICK_MS: '0' }) }),
        actorFor: receivingOfficeActors(officeOf(R)),
      }),
      ServiceUnderTest.start({
        service: 'registry-office',
        province: HOME,
        start: (config) => startRegistryOffice({ ...config, ...registryOfficeSettingsFrom({}) }),
      }),
      ServiceUnderTest.start({
        service: 'production-center',
        province: R,
        start: (config) => startProductionCenter({ ...config, ...productionCenterSettingsFrom({ PRODUCTION_INTERVAL_MS: '0' }) }),
      }),
    ]);
    for (const service of [office, registry, production]) {
      const own = fuzzed.filter((t) => t.service() === service).map((t) => deadLetterTopic(t.topic));
      readers.push(await readParked(service, own, parked));
    }
    anchor = applicationFor(registry, citizens.next());
    const recorded = submission(anchor);
    await registry.send(topics.registryApplications(HOME), anchor.citizen.idNumber, recorded);
    await waitFor('the registry’s anchor application applied', async () => (await applied(registry, [recorded.messageId])) === 1);
  }, 120_000);
  afterAll(async () => {
    await Promise.all(readers.map((r) => r.disconnect()));
    await Promise.all([office, registry, production].map((s) => s?.stop()));
  }, 60_000);

  function signOff(receiptNumber: string): Envelope {
    const payload = { receiptNumber, productionProvince: R, reviewedBy: 'automatic', signedOffAt: office.clock.now().toISOString() };
    return newEnvelope(MessageType.ApplicationSignedOff, payload, { source: REGISTRY, correlationId: receiptNumber, now: office.clock.now() });
  }

  function shipment(receivingOfficeCode: string, receiptNumber: string): Envelope {
    const shipmentId = `FUZZ-${++shipments}`;
    const cards = [{ receiptNumber, cardSerial: `FUZZ${String(shipments).padStart(10, '0')}` }];
    const payload = { shipmentId, producedBy: R, receivingOfficeCode, expedited: false, dispatchedAt: office.clock.now().toISOString(), cards };
    return newEnvelope(MessageType.ShipmentDispatched, payload, { source: PRODUCTION, correlationId: shipmentId, now: office.clock.now() });
  }

  function submission(application: ReturnType<typeof applicationFor>): Envelope {
    const source = { province: application.receivingProvince, service: 'receiving-office' as const };
    return newEnvelope(MessageType.ApplicationSubmitted, application, { source, correlationId: application.receiptNumber, now: registry.clock.now() });
  }

  function order(citizen: SyntheticCitizen, over: { cardScript?: string; forwardedFrom?: string; receivingOfficeCode?: string } = {}): Envelope {
    const receivingOfficeCode = over.receivingOfficeCode ?? officeOf(R);
    const payload = productionOrder(
      { receiptNumber: receipt(receivingOfficeCode.slice(0, 2), ++orders), citizen, ...over, receivingOfficeCode },
      production.clock,
    );
    const { from, correlationId } = fromHomeRegistry(payload);
    return newEnvelope(MessageType.ProductionOrdered, payload, { source: from, correlationId, now: production.clock.now() });
  }

  /**
   * The refused message of the case's topic, mutated: its bytes and the bytes its sender's signature covers (the
   * original ones, for a bit flip or a cut: the signature no longer matches; the mutated ones otherwise: it does).
   */
  function mutated({ mutation: m, target, citizen }: FuzzCase): { value: string; signedOver: string; headers?: Record<string, string> } {
    const text = encodeMessage(target.refused(citizen));
    switch (m.kind) {
      case 'bit-flip': {
        const at = m.at % text.length;
        return { value: text.slice(0, at) + String.fromCharCode(text.charCodeAt(at) ^ (1 << m.bit)) + text.slice(at + 1), signedOver: text };
      }
      case 'truncated':
        return { value: text.slice(0, m.at % text.length), signedOver: text };
      case 'wrong-type': {
        const changed = JSON.parse(text) as Record<string, Record<string, unknown>>;
        const [head, tail] = target.fields[m.field % target.fields.length].split('.');
        if (tail) changed[head][tail] = m.value;
        else (changed as Record<string, unknown>)[head] = m.value;
        const value = JSON.stringify(changed);
        return { value, signedOver: value };
      }
      case 'random': {
        const value = JSON.stringify(m.value) ?? 'null';
        return { value, signedOver: value };
      }
      case 'huge-header':
        return { value: text, signedOver: text, headers: { 'x-fuzz': 'h'.repeat(m.size) } };
    }
  }

  /** Puts the case's mutated message on its topic under its key, signed by the sender of the message it was. */
  function sendMutated(c: FuzzCase): Promise<void> {
    const service = c.target.service();
    const key = c.citizen.idNumber;
    const { value, signedOver, headers } = mutated(c);
    const signature = service.keys.signatureHeaders(c.target.sender, c.target.topic, key, signedOver);
    return service.send(c.target.topic, key, value, { unsigned: true, headers: { ...signature, ...headers } });
  }

  const deadLettered = async (service: ServiceUnderTest) =>
    (await service.sql<{ n: number }>(`SELECT count(*)::int AS n FROM message_log WHERE direction = 'dead-lettered'`))[0].n;
  const applied = async (service: ServiceUnderTest, messageIds: string[]) =>
    (await service.sql<{ n: number }>(`SELECT count(*)::int AS n FROM inbox_message WHERE message_id = ANY($1::uuid[])`, [messageIds]))[0].n;
  const parkedOn = (c: FuzzCase): ParkedMessage | undefined => parked.get(`${deadLetterTopic(c.target.topic)} ${c.citizen.idNumber}`);

  /**
   * One batch: the valid messages made ready first (the receiving office's applications over HTTP, a few at once),
   * then on each case's key the mutated message and after it the valid one; then one wait until every valid message is
   * applied and each service's dead-letter count rose by exactly its share of the batch. Resolves the reasons the
   * messages were parked with, in the order of the cases.
   */
  async function deadLettersAndGoesOn(batch: { mutation: Mutation; target: FuzzedTopic }[]): Promise<string[]> {
    const cases: FuzzCase[] = batch.map((c) => ({ ...c, citizen: citizens.next() }));
    const follow = new Map<FuzzCase, Envelope>();
    for (const target of fuzzed) {
      const own = cases.filter((c) => c.target === target);
      if (own.length) (await target.valid(own.map((c) => c.citizen))).forEach((envelope, i) => follow.set(own[i], envelope));
    }
    const services = [...new Set(cases.map((c) => c.target.service()))];
    const before = new Map(await Promise.all(services.map(async (s) => [s, await deadLettered(s)] as const)));
    await Promise.all(
      cases.map(async (c) => {
        await sendMutated(c);
        await c.target.service().send(c.target.topic, c.citizen.idNumber, follow.get(c)!);
      }),
    );
    await waitFor(
      `${batch.length} mutated messages dead-lettered and the valid ones after them applied`,
      async () => {
        // The parked messages first: they are in memory, the database is asked only once they are all there.
        if (!cases.every((c) => parkedOn(c))) return false;
        for (const service of services) {
          const own = cases.filter((c) => c.target.service() === service);
          const ids = own.map((c) => follow.get(c)!.messageId);
          if ((await applied(service, ids)) !== ids.length || (await deadLettered(service)) < before.get(service)! + own.length) return false;
        }
        return true;
      },
      120_000,
    );
    for (const service of services)
      expect({ service: service.service.identity, deadLettered: await deadLettered(service) }).toEqual({
        service: service.service.identity,
        deadLettered: before.get(service)! + cases.filter((c) => c.target.service() === service).length,
      });
    return cases.map((c) => {
      const { reason } = parkedOn(c)!;
      if (!reason) throw new Error(`parked without a reason: ${c.target.name}, ${JSON.stringify(c.mutation).slice(0, 300)}`);
      return reason;
    });
  }

  // Found by FUZZ_SEED=1080963132 (case 34): class-transformer threw a TypeError on an object with a "constructor" key
  // of its own, out of the consumer's eachBatch, and kafkajs stopped the consumer of every partition for good.
  it.each([
    ['the envelope’s type', 'type', { constructor: { toString: 1 }, prototype: true, valueOf: [false] }, /^envelope invalid: type: /],
    ['a payload field', 'payload.receiptNumber', { constructor: UNKNOWN_RECEIPT }, /^payload invalid: payload\.receiptNumber: /],
    ['the payload', 'payload', { constructor: true }, /^payload invalid: payload\.receiptNumber: /],
  ])('dead-letters a message with a "constructor" key in %s, with the reason, and goes on', async (_where, field, value, reason) => {
    const decisions = fuzzed[0];
    const [parkedFor] = await deadLettersAndGoesOn([{ mutation: { kind: 'wrong-type', field: decisions.fields.indexOf(field), value }, target: decisions }]);
    expect(parkedFor).toMatch(reason);
  });

  it('dead-letters every mutated message with a reason and applies the valid ones sent after them', async () => {
    const run = fuzzBatches(fc.record({ mutation, target: fc.constantFrom(...fuzzed) }), {
      batchSize: 100,
      defaultItems: 200,
      what: `mutated and random messages on ${fuzzed.map((t) => t.topic).join(', ')}`,
    });
    let sent = 0;
    const progress = fuzzProgress('mutated messages dead-lettered');
    const reasons: Record<string, number> = {};
    await fc.assert(
      fc.asyncProperty(run.batches, async (batch) => {
        for (const reason of await deadLettersAndGoesOn(batch)) {
          const kind = reason
            .split(':')[0]
            .replace(/^unknown message type .*/, 'unknown message type')
            .replace(/R\d\d-[\w-]+/g, 'R…');
          reasons[kind] = (reasons[kind] ?? 0) + 1;
        }
        sent += batch.length;
        progress(sent);
      }),
      run.parameters,
    );
    console.info(`[fuzz] ${sent} of ${run.items} mutated messages dead-lettered, each followed by a valid one applied; reasons: ${JSON.stringify(reasons)}`);
    for (const service of [office, registry, production]) expect((await fetch(`${service.url}/health/ready`)).status).toBe(200);
  }, 3_600_000);
});

interface ParkedMessage {
  reason: string | undefined;
}

/**
 * Reads a service's dead-letter topics from their start into `parked`, by topic and key, keeping the reason only:
 * ten thousand messages with headers of up to half a megabyte would not fit a TopicRecorder's log.
 */
async function readParked(service: ServiceUnderTest, deadLetterTopics: string[], parked: Map<string, ParkedMessage>): Promise<Consumer> {
  const admin = service.kafkaClient.admin();
  await admin.connect();
  await admin.createTopics({ topics: deadLetterTopics.map((topic) => ({ topic })) }).finally(() => admin.disconnect());
  const consumer = service.kafkaClient.consumer({ groupId: `fuzz-parked-${randomUUID()}`, maxWaitTimeInMs: 100 });
  await consumer.connect();
  await consumer.subscribe({ topics: deadLetterTopics, fromBeginning: true });
  await consumer.run({
    eachMessage: async ({ topic, message }) => {
      parked.set(`${topic} ${message.key?.toString()}`, { reason: message.headers?.[DEAD_LETTER_HEADERS.reason]?.toString() });
    },
  });
  return consumer;
}

/** Citizens of the home province, each used once: a key of its own for every case, so its parked message is found by key. */
function citizenSupply(): { next: () => SyntheticCitizen } {
  let pool: SyntheticCitizen[] = [];
  let seed = 71;
  const seen = new Set<string>();
  return {
    next() {
      while (pool.length === 0) pool = citizensOf(HOME, 1000, seed++).filter((c) => !seen.has(c.idNumber));
      const citizen = pool.shift()!;
      seen.add(citizen.idNumber);
      return citizen;
    },
  };
}
