import fc from 'fast-check';
import { deadLetterTopic, encodeMessage, MessageType, newEnvelope, topics } from '@idcard/contracts';
import { ServiceUnderTest, waitFor } from '@idcard/testing';
import { receivingOfficeSettingsFrom, startReceivingOffice } from '../../apps/receiving-office/src';
import { applicationForm, citizensOf, officeOf, receivingOfficeActors } from '../../apps/receiving-office/test/fixtures';
import { fuzzParameters, nastyJson } from './fuzz-runs';

const R = '65';
const HOME = '44';
const REGISTRY = { province: HOME, service: 'registry-office' } as const;
const TOPICS = [topics.receivingDecisions(R), topics.receivingShipments(R)];

type Mutation =
  | { kind: 'bit-flip'; at: number; bit: number }
  | { kind: 'truncated'; at: number }
  | { kind: 'wrong-type'; field: string; value: unknown }
  | { kind: 'random'; value: unknown }
  | { kind: 'huge-header'; size: number };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('bit-flip' as const), at: fc.nat(), bit: fc.integer({ min: 0, max: 6 }) }),
  fc.record({ kind: fc.constant('truncated' as const), at: fc.nat() }),
  fc.record({
    kind: fc.constant('wrong-type' as const),
    field: fc.constantFrom(
      'messageId',
      'type',
      'schemaVersion',
      'occurredAt',
      'source',
      'payload',
      'payload.receiptNumber',
      'payload.productionProvince',
      'payload.cards',
    ),
    value: nastyJson,
  }),
  fc.record({ kind: fc.constant('random' as const), value: nastyJson }),
  fc.record({ kind: fc.constant('huge-header' as const), size: fc.integer({ min: 10_000, max: 500_000 }) }),
);

/**
 * Issue 14, point 5, for the receiving office's topics: mutated and random messages (bit flips of signed ones,
 * truncated JSON, fields of the wrong type signed as the registry would, random JSON, huge headers) are all parked on
 * the dead-letter topic with a reason, while a valid decision sent after each on the same partition is applied:
 * the partition never stops.
 */
describe('fuzzing the receiving office’s topics', () => {
  let office: ServiceUnderTest;
  const citizens = citizensOf(HOME, 400, 71);
  let next = 0;

  beforeAll(async () => {
    office = await ServiceUnderTest.start({
      service: 'receiving-office',
      province: R,
      start: (config) => startReceivingOffice({ ...config, ...receivingOfficeSettingsFrom({ DEADLINE_TICK_MS: '0' }) }),
      actorFor: receivingOfficeActors(officeOf(R)),
      watch: TOPICS.map(deadLetterTopic),
    });
  }, 60_000);
  afterAll(() => office?.stop(), 30_000);

  const deadLettered = async () => (await office.sql<{ n: number }>(`SELECT count(*)::int AS n FROM message_log WHERE direction = 'dead-lettered'`))[0].n;

  /** A decision about a receipt this office never issued, signed by the home registry: the bytes every mutation starts from. */
  function unknownSignOff(): { text: string; envelope: Record<string, unknown> } {
    const envelope = newEnvelope(
      MessageType.ApplicationSignedOff,
      { receiptNumber: 'R65-20991231-999999', productionProvince: R, reviewedBy: 'automatic', signedOffAt: office.clock.now().toISOString() },
      { source: REGISTRY, correlationId: 'R65-20991231-999999', now: office.clock.now() },
    );
    return { text: encodeMessage(envelope), envelope: JSON.parse(encodeMessage(envelope)) };
  }

  async function sendMutated(topic: string, key: string, m: Mutation): Promise<void> {
    const { text, envelope } = unknownSignOff();
    const signatureOf = (value: string) => office.keys.signatureHeaders(REGISTRY, topic, key, value);
    switch (m.kind) {
      case 'bit-flip': {
        const at = m.at % text.length;
        const flipped = text.slice(0, at) + String.fromCharCode(text.charCodeAt(at) ^ (1 << m.bit)) + text.slice(at + 1);
        return office.send(topic, key, flipped, { unsigned: true, headers: signatureOf(text) });
      }
      case 'truncated':
        return office.send(topic, key, text.slice(0, m.at % text.length), { unsigned: true, headers: signatureOf(text) });
      case 'wrong-type': {
        const [head, tail] = m.field.split('.');
        if (tail) (envelope.payload as Record<string, unknown>)[tail] = m.value;
        else envelope[head] = m.value;
        const value = JSON.stringify(envelope);
        return office.send(topic, key, value, { unsigned: true, headers: signatureOf(value) });
      }
      case 'random': {
        const value = JSON.stringify(m.value) ?? 'null';
        return office.send(topic, key, value, { unsigned: true, headers: signatureOf(value) });
      }
      case 'huge-header':
        return office.send(topic, key, text, { unsigned: true, headers: { ...signatureOf(text), 'x-fuzz': 'h'.repeat(m.size) } });
    }
  }

  /**
   * One case: a valid application, the mutated message on the topic under its citizen's key, then a valid sign-off of
   * the application on the same key: the mutated message is dead-lettered and the sign-off applied after it.
   */
  async function deadLettersAndGoesOn(m: Mutation, topic: string): Promise<string> {
    const citizen = citizens[next++ % citizens.length];
    const submitted = await office.http('POST', '/applications', applicationForm(citizen, R));
    if (submitted.status !== 201) throw new Error(`the valid application was refused: ${JSON.stringify(submitted.body)}`);
    const receipt: string = submitted.body.receiptNumber;
    const before = await deadLettered();
    await sendMutated(topic, citizen.idNumber, m);
    await office.sendMessage(
      topics.receivingDecisions(R),
      citizen.idNumber,
      MessageType.ApplicationSignedOff,
      { receiptNumber: receipt, productionProvince: R, reviewedBy: 'automatic', signedOffAt: office.clock.now().toISOString() },
      { from: REGISTRY, correlationId: receipt },
    );
    await waitFor('the valid decision applied', async () => (await office.http('GET', `/applications/${receipt}`)).body?.status === 'in_production');
    await waitFor(`the ${m.kind} message dead-lettered`, async () => (await deadLettered()) === before + 1);
    return citizen.idNumber;
  }

  // Found by FUZZ_SEED=1080963132 (case 34): class-transformer threw a TypeError on an object with a "constructor" key
  // of its own, out of the consumer's eachBatch, and kafkajs stopped the consumer of every partition for good.
  it.each([
    ['the envelope’s type', 'type', { constructor: { toString: 1 }, prototype: true, valueOf: [false] }, /^envelope invalid: type: /],
    ['a payload field', 'payload.receiptNumber', { constructor: 'R65-20991231-999999' }, /^payload invalid: payload\.receiptNumber: /],
    ['the payload', 'payload', { constructor: true }, /^payload invalid: payload\.receiptNumber: /],
  ])('dead-letters a message with a "constructor" key in %s, with the reason, and goes on', async (_where, field, value, reason) => {
    const topic = topics.receivingShipments(R);
    const key = await deadLettersAndGoesOn({ kind: 'wrong-type', field, value }, topic);
    const parked = await waitFor('the message on the dead-letter topic', () =>
      office.log.messages.find((m) => m.topic === deadLetterTopic(topic) && m.key === key),
    );
    expect(parked.headers['x-dead-letter-reason']).toMatch(reason);
  });

  it('dead-letters every mutated message with a reason and applies the valid ones sent after them', async () => {
    await fc.assert(
      fc.asyncProperty(mutation, fc.constantFrom(...TOPICS), async (m, topic) => {
        await deadLettersAndGoesOn(m, topic);
      }),
      fuzzParameters(60, 'mutated and random messages on the receiving office’s topics'),
    );
    expect((await fetch(`${office.url}/health/ready`)).status).toBe(200);
  }, 600_000);
});
