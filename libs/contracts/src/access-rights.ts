import { isReceiptNumber } from './application/receipt-number';
import { isProvinceCode, PROVINCE_CODES, ProvinceCode } from './codes/provinces';
import { isReceivingOfficeCode } from './codes/receiving-office-code';
import { isMessageTypeName, MessageTypeName } from './message-types';
import { isServiceName, ServiceName } from './services';
import { topics } from './topics';

/**
 * Who may send which message type to which topic: the one access-rights table of the exchange (issue 10). A receiver
 * applies a message only if some rule here allows its (verified) sender, type, topic and payload; the ACLs of a real
 * Kafka deployment and the AsyncAPI document are derived from the same table, so they cannot drift apart.
 *
 * Each rule is data, not code, so it can be printed: the topic is named by its builder in `topics` and the province
 * in it by where that province comes from. Topics are compared through the builders (never by string pattern), so a
 * KAFKA_NAMESPACE prefix changes nothing.
 *
 * What a payload cannot tell is left to the receiver's own records, and said so in the rule's `note`: a receiving
 * office checks that a decision comes from the registry it sent the application to, a registry that a card is for an
 * application it signed off.
 */

/** Who sends: the service and province the trust list's key belongs to (and the envelope's source names). */
export interface MessageSender {
  service: ServiceName;
  province: ProvinceCode | string;
}

/** A builder in `topics`, by name: the topic a rule allows is always one of these, with a province or none. */
export type TopicBuilderName = keyof typeof topics;

/**
 * Where a province comes from, in the sender's identity or the message's payload:
 * - `sender`: the sender's own province;
 * - `payload`: a province-code field of the payload;
 * - `receipt`: the receiving province in the payload's receipt number (R44-… → 44);
 * - `receiving-office`: the province of the payload's receiving office code (44010601 → 44).
 */
export type ProvinceSource =
  | { from: 'sender' }
  | { from: 'payload'; field: 'homeProvince' | 'receivingProvince' | 'producedBy' | 'forwardedFrom' | 'checkedIn' }
  | { from: 'receipt' }
  | { from: 'receiving-office' };

/**
 * The province in the topic's name: one derived from the message, any province (the receiver checks the rest against
 * its records), or any province other than the sender's (a production centre passing work on to another one).
 * `none` for a topic without a province (the national broadcast).
 */
export type TopicProvince = ProvinceSource | { any: true } | { anyBut: 'sender' } | 'none';

export interface AccessRule {
  type: MessageTypeName;
  sender: ServiceName;
  topic: { builder: TopicBuilderName; province: TopicProvince };
  /** Provinces in the payload that must be the sender's own: an office speaks only for its own applications. */
  senderProvinceIs?: readonly ProvinceSource[];
  /** Payload fields that must be absent: a registry's order is never a forwarded one. */
  absent?: readonly string[];
  /** Why, for people and the AsyncAPI document. */
  note: string;
}

/**
 * The table. Read from what the services send today (every `outbox.add` under apps/): a rule here and a send there
 * change together, and access-rights.spec.ts replays each send as the services make it.
 */
export const ACCESS_RULES: readonly AccessRule[] = [
  {
    type: 'ApplicationSubmitted',
    sender: 'receiving-office',
    topic: { builder: 'registryApplications', province: { from: 'payload', field: 'homeProvince' } },
    senderProvinceIs: [{ from: 'payload', field: 'receivingProvince' }, { from: 'receipt' }],
    note: 'A receiving office sends the applications it took (its province in the receipt) to the home registry the application names.',
  },
  {
    type: 'DeadlineWarning',
    sender: 'receiving-office',
    topic: { builder: 'registryApplications', province: { any: true } },
    senderProvinceIs: [{ from: 'receipt' }],
    note: 'A receiving office warns the home registry of its own applications; the payload does not name the home, the registry checks the receipt is its own.',
  },
  {
    type: 'DeadlineWarning',
    sender: 'receiving-office',
    topic: { builder: 'productionOrders', province: { from: 'sender' } },
    senderProvinceIs: [{ from: 'receipt' }],
    note: "A receiving office warns its own province's production centre of its own applications.",
  },
  {
    type: 'DeadlineWarning',
    sender: 'production-center',
    topic: { builder: 'productionOrders', province: { anyBut: 'sender' } },
    senderProvinceIs: [{ from: 'receipt' }],
    note: 'The production centre of the receiving province passes a warning on to the centre it forwarded the order to.',
  },
  {
    type: 'DeadlineBreached',
    sender: 'receiving-office',
    topic: { builder: 'registryApplications', province: { any: true } },
    senderProvinceIs: [{ from: 'receipt' }],
    note: 'As DeadlineWarning: the home registry of its own applications.',
  },
  {
    type: 'DeadlineBreached',
    sender: 'receiving-office',
    topic: { builder: 'productionOrders', province: { from: 'sender' } },
    senderProvinceIs: [{ from: 'receipt' }],
    note: "As DeadlineWarning: its own province's production centre.",
  },
  {
    type: 'DeadlineBreached',
    sender: 'production-center',
    topic: { builder: 'productionOrders', province: { anyBut: 'sender' } },
    senderProvinceIs: [{ from: 'receipt' }],
    note: 'As DeadlineWarning: passed on to the centre the order was forwarded to.',
  },
  {
    type: 'ApplicationSignedOff',
    sender: 'registry-office',
    topic: { builder: 'receivingDecisions', province: { from: 'receipt' } },
    note: "Only a registry signs off, and only to the receiving office that took the application; the office checks it is the application's home registry.",
  },
  {
    type: 'ApplicationRejected',
    sender: 'registry-office',
    topic: { builder: 'receivingDecisions', province: { from: 'receipt' } },
    note: "Only a registry rejects, and only to the receiving office that took the application; the office checks it is the application's home registry.",
  },
  {
    type: 'ProductionOrdered',
    sender: 'registry-office',
    topic: { builder: 'productionOrders', province: { from: 'payload', field: 'receivingProvince' } },
    senderProvinceIs: [{ from: 'payload', field: 'homeProvince' }],
    absent: ['forwardedFrom'],
    note: "The home registry (homeProvince) orders the card from the receiving province's production centre.",
  },
  {
    type: 'ProductionOrdered',
    sender: 'production-center',
    topic: { builder: 'productionOrders', province: { anyBut: 'sender' } },
    senderProvinceIs: [
      { from: 'payload', field: 'forwardedFrom' },
      { from: 'payload', field: 'receivingProvince' },
    ],
    note: "The receiving province's centre, unable to print the card's script, forwards the order once to another centre, saying so in forwardedFrom.",
  },
  {
    type: 'CardProduced',
    sender: 'production-center',
    topic: { builder: 'registryCards', province: { any: true } },
    senderProvinceIs: [{ from: 'payload', field: 'producedBy' }],
    note: 'Only a production centre reports a card, under its own name; the payload does not name the home, the registry checks it signed the application off.',
  },
  {
    type: 'ShipmentDispatched',
    sender: 'production-center',
    topic: { builder: 'receivingShipments', province: { from: 'receiving-office' } },
    senderProvinceIs: [{ from: 'payload', field: 'producedBy' }],
    note: 'A production centre ships, under its own name, to the province of the receiving office the shipment is for.',
  },
  {
    type: 'CardInvalidated',
    sender: 'registry-office',
    topic: { builder: 'cardInvalidations', province: 'none' },
    note: "Only a registry invalidates a card, on the national broadcast topic; every registry's verification table applies it (before or after the card's issuance).",
  },
  {
    type: 'CardIssued',
    sender: 'registry-office',
    topic: { builder: 'cardIssuances', province: 'none' },
    senderProvinceIs: [{ from: 'payload', field: 'homeProvince' }],
    note: "Only a registry announces a new valid card, under its own province, on the national broadcast topic that feeds every province's verification table.",
  },
  {
    type: 'CardVerified',
    sender: 'registry-office',
    topic: { builder: 'registryVerifications', province: { from: 'payload', field: 'homeProvince' } },
    senderProvinceIs: [{ from: 'payload', field: 'checkedIn' }],
    note: "A registry that answered a verification tells the card's home registry (homeProvince, from the card's issuance), under its own province (checkedIn); the home registry checks the card is its own.",
  },
  ...(['LossReported', 'FoundCardReported', 'TemporaryCardRequested', 'TemporaryCardVoided'] as const).map((type): AccessRule => ({
    type,
    sender: 'receiving-office',
    topic: { builder: 'registryRequests', province: { from: 'payload', field: 'homeProvince' } },
    senderProvinceIs: [{ from: 'receiving-office' }],
    note: 'A receiving office asks, for one of its own offices (receivingOfficeCode in its province), the home registry the request names.',
  })),
  ...(['LossReportAnswered', 'FoundCardAnswered', 'TemporaryCardAnswered'] as const).map((type): AccessRule => ({
    type,
    sender: 'registry-office',
    topic: { builder: 'receivingReplies', province: { from: 'receiving-office' } },
    note: 'A registry answers the receiving office that asked (the province of its office code); the office checks the answer is from the registry it asked.',
  })),
];

/**
 * What each service consumes: the `topics` of each app's module (apps/<service>/src/<service>.module.ts). The
 * access table says who may send; who reads is the app's subscription, and test/deployment/kafka-acls.test.ts checks
 * the two lists agree. Every registry office reads the two national broadcasts (card issuances and invalidations),
 * each in its own group; every receiving office reads the invalidations (a found card it holds is never returned
 * once invalid). The Kafka ACLs (scripts/kafka-acls.ts) and the AsyncAPI document's receive operations come from here.
 */
export const CONSUMED_TOPICS: Readonly<Record<ServiceName, readonly TopicBuilderName[]>> = {
  'receiving-office': ['receivingDecisions', 'receivingShipments', 'receivingReplies', 'cardInvalidations'],
  'registry-office': ['registryApplications', 'registryCards', 'registryRequests', 'registryVerifications', 'cardIssuances', 'cardInvalidations'],
  'production-center': ['productionOrders'],
};

/** Where a topic name comes from: which builder made it, for which province (null for one without). */
export interface TopicAddress {
  builder: TopicBuilderName;
  province: ProvinceCode | null;
}

const PROVINCE_BUILDERS = [
  'registryApplications',
  'registryCards',
  'registryRequests',
  'registryVerifications',
  'receivingDecisions',
  'receivingShipments',
  'receivingReplies',
  'productionOrders',
] as const;

/** The national broadcasts: topics without a province. */
export const NATIONAL_BUILDERS = ['cardInvalidations', 'cardIssuances'] as const;

/**
 * The builder and province that make `topic`, or null when none does (a dead-letter topic, a typo, another namespace).
 * Built through `topics` on each call, so the namespace in force now is the one compared: 7 × 31 short strings.
 */
export function topicAddress(topic: string): TopicAddress | null {
  for (const builder of NATIONAL_BUILDERS) if (topic === topics[builder]()) return { builder, province: null };
  for (const builder of PROVINCE_BUILDERS) {
    for (const province of PROVINCE_CODES) if (topics[builder](province) === topic) return { builder, province };
  }
  return null;
}

/** The province a source names for this sender and payload; null when the payload lacks it or it is no province. */
function provinceFrom(source: ProvinceSource, sender: MessageSender, payload: Record<string, unknown>): ProvinceCode | null {
  switch (source.from) {
    case 'sender':
      return isProvinceCode(sender.province) ? sender.province : null;
    case 'payload': {
      const value = payload[source.field];
      return isProvinceCode(value) ? value : null;
    }
    case 'receipt': {
      const receipt = payload.receiptNumber;
      return isReceiptNumber(receipt) ? (receipt.slice(1, 3) as ProvinceCode) : null;
    }
    case 'receiving-office': {
      const office = payload.receivingOfficeCode;
      return isReceivingOfficeCode(office) ? (office.slice(0, 2) as ProvinceCode) : null;
    }
  }
}

function topicMatches(rule: AccessRule, address: TopicAddress, sender: MessageSender, payload: Record<string, unknown>): boolean {
  if (address.builder !== rule.topic.builder) return false;
  const wanted = rule.topic.province;
  if (wanted === 'none') return address.province === null;
  if (address.province === null) return false;
  if ('any' in wanted) return true;
  if ('anyBut' in wanted) return address.province !== sender.province;
  return provinceFrom(wanted, sender, payload) === address.province;
}

function ruleAllows(rule: AccessRule, sender: MessageSender, type: string, address: TopicAddress, payload: Record<string, unknown>): boolean {
  if (rule.type !== type || rule.sender !== sender.service) return false;
  if (!topicMatches(rule, address, sender, payload)) return false;
  if (rule.absent?.some((field) => payload[field] !== undefined)) return false;
  return (rule.senderProvinceIs ?? []).every((source) => provinceFrom(source, sender, payload) === sender.province);
}

/**
 * True when some rule lets this sender send a message of this type, with this payload, to this topic. Pure: the
 * sender is whoever the verified key belongs to, the payload the decoded one; anything unknown or malformed is false.
 */
export function isAllowed(sender: MessageSender, type: string, topic: string, payload: unknown, rules: readonly AccessRule[] = ACCESS_RULES): boolean {
  if (!isServiceName(sender.service) || !isProvinceCode(sender.province) || !isMessageTypeName(type)) return false;
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) return false;
  const address = topicAddress(topic);
  if (!address) return false;
  return rules.some((rule) => ruleAllows(rule, sender, type, address, payload as Record<string, unknown>));
}

/** The rules that let `service` send `type` at all: for a sender's own check and for documentation. */
export function accessRulesFor(service: ServiceName, type: MessageTypeName, rules: readonly AccessRule[] = ACCESS_RULES): AccessRule[] {
  return rules.filter((r) => r.sender === service && r.type === type);
}
