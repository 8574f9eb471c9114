import { isProvinceCode, ProvinceCode } from './codes/provinces';
import { isServiceName, ServiceName } from './services';

/** A topic name with a wrong province would be silently never consumed, so refuse it loudly. */
function province(code: ProvinceCode | string): ProvinceCode {
  if (!isProvinceCode(code)) throw new RangeError(`${JSON.stringify(code)} is not a province code`);
  return code;
}

/**
 * KAFKA_NAMESPACE (unset in deployments) prefixes every topic and consumer group, so runs that share one Kafka
 * cluster — test suites pointed at a real broker with KAFKA_BROKERS — never read each other's messages.
 */
function ns(): string {
  const namespace = process.env.KAFKA_NAMESPACE?.trim();
  return namespace ? `${namespace}.` : '';
}

/**
 * Where each topic lives: `{province}` stands for the code of the province the topic is addressed to. The builders
 * below fill it in; the AsyncAPI document prints these as its channels' addresses.
 */
export const TOPIC_ADDRESSES = {
  registryApplications: 'idcard.registry.{province}.applications',
  registryCards: 'idcard.registry.{province}.cards',
  receivingDecisions: 'idcard.receiving.{province}.decisions',
  receivingShipments: 'idcard.receiving.{province}.shipments',
  productionOrders: 'idcard.production.{province}.orders',
  registryRequests: 'idcard.registry.{province}.requests',
  receivingReplies: 'idcard.receiving.{province}.replies',
  registryVerifications: 'idcard.registry.{province}.verifications',
  cardInvalidations: 'idcard.national.card-invalidations',
  cardIssuances: 'idcard.national.card-issuances',
} as const;

function addressed(address: string, p: ProvinceCode | string): string {
  return `${ns()}${address.replace('{province}', province(p))}`;
}

/**
 * Topics are addressed to one province's service, so each province consumes only what is meant for it and
 * ACLs can be set per prefix (idcard.registry.44.). Keys are citizen ID numbers, so one citizen's messages stay
 * in order — except the national broadcasts (keyed by card serial; a card's issuance and its invalidation travel on
 * two topics, so their readers must not depend on the order), shipments (receiving office) and replies (the
 * request's id).
 */
export const topics = {
  /** receiving office → home registry: ApplicationSubmitted, DeadlineWarning, DeadlineBreached. */
  registryApplications: (p: ProvinceCode | string) => addressed(TOPIC_ADDRESSES.registryApplications, p),
  /** production centre → home registry: CardProduced. */
  registryCards: (p: ProvinceCode | string) => addressed(TOPIC_ADDRESSES.registryCards, p),
  /** home registry → receiving office: ApplicationSignedOff, ApplicationRejected. */
  receivingDecisions: (p: ProvinceCode | string) => addressed(TOPIC_ADDRESSES.receivingDecisions, p),
  /** production centre → receiving office: ShipmentDispatched, with its manifest. */
  receivingShipments: (p: ProvinceCode | string) => addressed(TOPIC_ADDRESSES.receivingShipments, p),
  /** home registry → production centre, and centre → centre when it cannot print the card's script: ProductionOrdered. */
  productionOrders: (p: ProvinceCode | string) => addressed(TOPIC_ADDRESSES.productionOrders, p),
  /**
   * receiving office → home registry (issue 12, lost cards): LossReported, FoundCardReported, TemporaryCardRequested,
   * TemporaryCardVoided. Keyed by the citizen's ID number.
   */
  registryRequests: (p: ProvinceCode | string) => addressed(TOPIC_ADDRESSES.registryRequests, p),
  /**
   * home registry → the receiving office that asked (province of its receivingOfficeCode): LossReportAnswered,
   * FoundCardAnswered, TemporaryCardAnswered. Keyed by the request's id (reportId, foundCardId, requestId).
   */
  receivingReplies: (p: ProvinceCode | string) => addressed(TOPIC_ADDRESSES.receivingReplies, p),
  /**
   * registry that answered a verification → the card's home registry (issue 12): CardVerified, keyed by card serial.
   * A topic of its own: checks by banks and hotels are many, and must never queue up a loss report (registryRequests).
   */
  registryVerifications: (p: ProvinceCode | string) => addressed(TOPIC_ADDRESSES.registryVerifications, p),
  /** home registry → every province (broadcast): CardInvalidated, keyed by card serial. */
  cardInvalidations: () => `${ns()}${TOPIC_ADDRESSES.cardInvalidations}`,
  /** home registry → every province (broadcast): CardIssued for every new valid card (resident or temporary), keyed by card serial. */
  cardIssuances: () => `${ns()}${TOPIC_ADDRESSES.cardIssuances}`,
} as const;

/** Where a consumer parks a message it cannot apply, with the reason in a header: `<topic>.dlq`. */
export function deadLetterTopic(topic: string): string {
  return `${topic}.dlq`;
}

/** The consumer group of one service of one province, e.g. idcard-registry-office-44. */
export function consumerGroup(service: ServiceName, p: ProvinceCode | string): string {
  if (!isServiceName(service)) throw new RangeError(`${JSON.stringify(service)} is not a service`);
  return `${ns()}idcard-${service}-${province(p)}`;
}
