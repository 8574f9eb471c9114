import { randomBytes } from 'crypto';
import {
  ageOn,
  ApplicationSubmitted,
  assertValidMessage,
  CardProduced,
  cstDate,
  deadLetterTopic,
  dueDateFor,
  Envelope,
  MessageType,
  newEnvelope,
  topics,
} from '@idcard/contracts';
import type { TokenRequest } from '@idcard/access';
import { photoFields, SyntheticCitizen, syntheticCitizens, syntheticFingerprints } from '@idcard/synthetic';
import { RecordedMessage, ServiceUnderTest, ServiceUnderTestOptions, waitFor } from '@idcard/testing';
import { registryOfficeSettingsFrom, startRegistryOffice } from '../src';

/** The registry office under test: Guangdong's. */
export const HOME = '44';
/** Receiving provinces of the tests: Beijing (remote) and Guangdong itself (local). */
export const REMOTE = '11';
export const REGISTER_SIZE = 300;
export const REGISTER_SEED = 3;
/** The register the tests seed: the same citizens the service holds after POST /register/seed. */
export const seededCitizens: readonly SyntheticCitizen[] = syntheticCitizens(HOME, REGISTER_SIZE, REGISTER_SEED);

/** The people of the tests: a reviewer and a register admin of this registry's province, and a national operator. */
export const REVIEWER: TokenRequest = { role: 'reviewer', province: HOME, name: '陈敏', subject: 'reviewer-44-0427' };
export const REGISTER_ADMIN: TokenRequest = { role: 'register-admin', province: HOME, name: '黄志强', subject: 'register-admin-44-0011' };
export const OPS: TokenRequest = { role: 'ops', name: '值班员', subject: 'ops-national-0003' };
/** A bank's verification client (national, no province). */
export const VERIFIER: TokenRequest = { role: 'verifier', name: '工商银行核查', subject: 'verifier-icbc-0001' };

/** The registry's own limits in the tests: low enough to reach, high enough for the suite's own calls. */
export const TEST_VERIFICATION_LIMIT = 30;
export const TEST_CITIZEN_CODE_LIMIT = 40;

/**
 * Who calls a route when a test does not say: the register admin seeds and looks up the register, the reviewer
 * works the queue and reads applications, ops reads the audit trail; liveness and readiness need no one.
 */
export function registryActorFor(method: string, path: string): TokenRequest | null {
  if (path.startsWith('/register/')) return REGISTER_ADMIN;
  if (path.startsWith('/reviews') || path.startsWith('/applications/')) return REVIEWER;
  if (path.startsWith('/audit') || path.startsWith('/cards/')) return OPS;
  if (path.startsWith('/verifications')) return VERIFIER;
  return null;
}

/** The registry office of province 44 on real parts, its register seeded, its outgoing topics watched. */
export async function startRegistry(options: Pick<ServiceUnderTestOptions, 'trust' | 'trustReloadIntervalMs'> = {}): Promise<ServiceUnderTest> {
  const registry = await ServiceUnderTest.start({
    ...options,
    service: 'registry-office',
    province: HOME,
    watch: [
      topics.receivingDecisions(REMOTE),
      topics.receivingDecisions(HOME),
      topics.productionOrders(REMOTE),
      topics.productionOrders(HOME),
      topics.cardInvalidations(),
      topics.cardIssuances(),
      topics.receivingReplies(REMOTE),
      topics.receivingReplies(HOME),
      deadLetterTopic(topics.registryApplications(HOME)),
      deadLetterTopic(topics.registryCards(HOME)),
      deadLetterTopic(topics.registryRequests(HOME)),
      topics.registryVerifications('65'),
      deadLetterTopic(topics.registryVerifications(HOME)),
    ],
    start: (base) =>
      startRegistryOffice({
        ...base,
        ...registryOfficeSettingsFrom({
          VERIFICATION_RATE_LIMIT_PER_MINUTE: String(TEST_VERIFICATION_LIMIT),
          CITIZEN_CODE_RATE_LIMIT_PER_MINUTE: String(TEST_CITIZEN_CODE_LIMIT),
        }),
      }),
    actorFor: registryActorFor,
  });
  const seeded = await registry.http('POST', '/register/seed', { count: REGISTER_SIZE, seed: REGISTER_SEED });
  if (seeded.status !== 200) throw new Error(`seeding the test register answered ${seeded.status}: ${JSON.stringify(seeded.body)}`);
  return registry;
}

const run = randomBytes(4).toString('hex').toUpperCase();
let receipts = 0;
let nextCitizen = 0;

/** A unique receipt number of this run, from the given receiving province. */
export function newReceipt(receivingProvince = REMOTE): string {
  return `R${receivingProvince}-T${run}-${String(++receipts).padStart(4, '0')}`;
}

/** A citizen of the seeded register that no other test has used, adult unless asked otherwise. */
export function unusedCitizen(registry: ServiceUnderTest, adult = true): SyntheticCitizen {
  const today = cstDate(registry.clock.now());
  while (nextCitizen < seededCitizens.length) {
    const c = seededCitizens[nextCitizen++];
    if (ageOn(c.birthDate, today) >= 16 === adult) return c;
  }
  throw new Error('the test register has run out of citizens');
}

/** An application for the citizen as a receiving office submits it (a renewal at a Beijing counter unless told otherwise). */
export function applicationFor(registry: ServiceUnderTest, c: SyntheticCitizen, over: Partial<ApplicationSubmitted> = {}): ApplicationSubmitted {
  const acceptedAt = registry.clock.now();
  const receivingProvince = over.receivingProvince ?? REMOTE;
  return {
    receiptNumber: newReceipt(receivingProvince),
    kind: 'renewal',
    citizen: { idNumber: c.idNumber, name: c.name, sex: c.sex, birthDate: c.birthDate, ethnicGroup: c.ethnicGroup },
    homeProvince: HOME,
    receivingProvince,
    receivingOfficeCode: receivingProvince === HOME ? '44010601' : '11010501',
    photo: photoFields(),
    fingerprints: { templates: syntheticFingerprints(receipts) },
    feePaidYuan: 20,
    residenceDeclaration: { address: '北京市朝阳区望京街道10号', declaredAt: acceptedAt.toISOString() },
    delivery: { method: 'counter' },
    expedited: false,
    acceptedAt: acceptedAt.toISOString(),
    dueAt: dueDateFor(acceptedAt).toISOString(),
    ...over,
  } as ApplicationSubmitted;
}

/** Sends an envelope from another service to one of the registry's topics, checked against the contracts first. */
async function sendValid(registry: ServiceUnderTest, topic: string, key: string, envelope: Envelope): Promise<Envelope> {
  assertValidMessage(envelope);
  await registry.send(topic, key, envelope);
  return envelope;
}

/** Puts an application on the registry's topic as a receiving office would; resolves the envelope sent. */
export function submit(registry: ServiceUnderTest, application: ApplicationSubmitted, messageId?: string): Promise<Envelope> {
  const source = { province: application.receivingProvince, service: 'receiving-office' as const };
  const correlationId = application.receiptNumber;
  const envelope = newEnvelope(MessageType.ApplicationSubmitted, application, { source, correlationId, now: registry.clock.now(), messageId });
  return sendValid(registry, topics.registryApplications(HOME), application.citizen.idNumber, envelope);
}

/** Reports a card produced, as a production centre would. */
export async function cardProduced(registry: ServiceUnderTest, card: CardProduced): Promise<void> {
  const source = { province: card.producedBy, service: 'production-center' as const };
  const envelope = newEnvelope(MessageType.CardProduced, card, { source, correlationId: card.receiptNumber, now: registry.clock.now() });
  await sendValid(registry, topics.registryCards(HOME), card.idNumber, envelope);
}

/** Reports on the 60-day limit, as the receiving office's scheduler would. */
export async function deadlineReport(
  registry: ServiceUnderTest,
  type: 'DeadlineWarning' | 'DeadlineBreached',
  payload: object,
  idNumber: string,
  receiptNumber: string,
): Promise<void> {
  const source = { province: REMOTE, service: 'receiving-office' as const };
  const envelope = newEnvelope(type, payload, { source, correlationId: receiptNumber, now: registry.clock.now() });
  await sendValid(registry, topics.registryApplications(HOME), idNumber, envelope);
}

/** Messages about one receipt (by correlation id) on one topic. */
export function about(registry: ServiceUnderTest, receiptNumber: string, topic: string): RecordedMessage[] {
  return registry.log.on(topic, { correlationId: receiptNumber });
}

/** Waits for the registry's decision on a receipt (signed off or rejected) on the receiving office's topic. */
export function decisionOn(registry: ServiceUnderTest, receiptNumber: string, receivingProvince = REMOTE): Promise<RecordedMessage> {
  return waitFor(`a decision on ${receiptNumber}`, () => about(registry, receiptNumber, topics.receivingDecisions(receivingProvince))[0]);
}

/** Waits until the registry's view of a receipt satisfies `done`. */
export function applicationWhen(registry: ServiceUnderTest, receiptNumber: string, done: (view: any) => boolean): Promise<any> {
  return waitFor(`application ${receiptNumber} to reach the expected state`, async () => {
    const res = await registry.http('GET', `/applications/${receiptNumber}`);
    return res.status === 200 && done(res.body) ? res.body : null;
  });
}
