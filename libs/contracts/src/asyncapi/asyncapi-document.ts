import { ACCESS_RULES, AccessRule, CONSUMED_TOPICS, ProvinceSource, TopicBuilderName, TopicProvince } from '../access-rights';
import { PROVINCE_CODES } from '../codes/provinces';
import { Envelope } from '../envelope';
import { MESSAGE_HEADERS, TRACE_HEADERS } from '../message-headers';
import { currentSchemaVersion, MESSAGE_SCHEMAS, MessageTypeName } from '../message-types';
import { SERVICE_NAMES, ServiceName } from '../services';
import { TOPIC_ADDRESSES } from '../topics';
import { JsonSchema, jsonSchemaOf } from './json-schema';

/**
 * The version of the message contract as a whole, the name of a release: `npm run contracts -- --release` keeps the
 * document as docs/asyncapi/released/<version>.json, and from then on no message schema version in it may change
 * in a way its readers cannot take (compatibility.ts). Raise it when releasing a contract that differs.
 */
export const CONTRACT_VERSION = '1.0.0';

/** An AsyncAPI 3.0 document as JSON: the parser (a development dependency) checks it, the services serve it. */
export interface AsyncApiDocument {
  asyncapi: '3.0.0';
  info: { title: string; version: string; description: string };
  defaultContentType: string;
  channels: Record<string, JsonSchema>;
  operations: Record<string, JsonSchema>;
  components: { messages: Record<string, AsyncApiMessage> };
}

export interface AsyncApiMessage {
  name: MessageTypeName;
  title: string;
  summary: string;
  description: string;
  contentType: string;
  headers: JsonSchema;
  payload: JsonSchema;
  correlationId: { location: string; description: string };
  'x-schema-version': number;
  bindings: { kafka: { key: JsonSchema; bindingVersion: string } };
}

const KAFKA_BINDING_VERSION = '0.5.0';

/** One message of the document: a type at one schema version (`ApplicationSubmitted.v1`), the unit of compatibility. */
export function messageKey(type: MessageTypeName, version: number): string {
  return `${type}.v${version}`;
}

/** What each topic's messages are keyed by, so one citizen's (or one request's) messages stay in order. */
const TOPIC_KEYS: Record<TopicBuilderName, string> = {
  registryApplications: "the citizen's ID number",
  registryCards: "the citizen's ID number",
  receivingDecisions: "the citizen's ID number",
  receivingShipments: 'the receiving office code the shipment is for',
  productionOrders: "the citizen's ID number",
  registryRequests: "the citizen's ID number",
  receivingReplies: "the request's id (reportId, foundCardId or requestId)",
  registryVerifications: 'the card serial',
  cardInvalidations: 'the card serial',
  cardIssuances: 'the card serial',
};

const BUILDERS = Object.keys(TOPIC_ADDRESSES) as TopicBuilderName[];

function provinceSourceInWords(source: ProvinceSource): string {
  switch (source.from) {
    case 'sender':
      return "the sender's own province";
    case 'payload':
      return `payload.${source.field}`;
    case 'receipt':
      return 'the province in payload.receiptNumber (R44-… is 44)';
    case 'receiving-office':
      return 'the province of payload.receivingOfficeCode (44010601 is 44)';
  }
}

function topicProvinceInWords(province: TopicProvince): string {
  if (province === 'none') return 'no province (a national topic)';
  if ('any' in province) return 'any province (the receiver checks the rest against its records)';
  if ('anyBut' in province) return "any province but the sender's";
  return provinceSourceInWords(province);
}

/** One access rule as the document prints it: who may send this type to this channel, and under what conditions. */
function accessRight(rule: AccessRule): JsonSchema {
  return {
    message: rule.type,
    sender: rule.sender,
    topicProvince: topicProvinceInWords(rule.topic.province),
    ...(rule.senderProvinceIs ? { mustBeSendersProvince: rule.senderProvinceIs.map(provinceSourceInWords) } : {}),
    ...(rule.absent ? { mustBeAbsent: rule.absent.map((field) => `payload.${field}`) } : {}),
    note: rule.note,
  };
}

function versionsOf(type: MessageTypeName): number[] {
  return Object.keys(MESSAGE_SCHEMAS[type])
    .map(Number)
    .sort((a, b) => a - b);
}

/** Types in the order of MESSAGE_SCHEMAS, so the document's order follows the code's and never the rule table's. */
function typesSentOn(builder: TopicBuilderName, sender?: ServiceName): MessageTypeName[] {
  const types = new Set(ACCESS_RULES.filter((r) => r.topic.builder === builder && (!sender || r.sender === sender)).map((r) => r.type));
  return (Object.keys(MESSAGE_SCHEMAS) as MessageTypeName[]).filter((type) => types.has(type));
}

function headersOf(type: MessageTypeName): JsonSchema {
  return {
    type: 'object',
    required: Object.values(MESSAGE_HEADERS),
    properties: {
      [MESSAGE_HEADERS.messageType]: { type: 'string', const: type, description: "the envelope's type" },
      [MESSAGE_HEADERS.messageId]: { type: 'string', format: 'uuid', description: "the envelope's messageId" },
      [MESSAGE_HEADERS.signature]: {
        type: 'string',
        contentEncoding: 'base64',
        description: "Ed25519 signature by the sending service's key over (topic, key, value); a message that does not verify is dead-lettered",
      },
      [MESSAGE_HEADERS.keyId]: { type: 'string', description: "the national trust list's id of the key that signed" },
      [TRACE_HEADERS.traceparent]: { type: 'string', description: 'W3C trace context of the transaction that wrote the message (only when the sender traces)' },
      [TRACE_HEADERS.tracestate]: { type: 'string', description: 'W3C trace state that goes with traceparent, when there is one' },
    },
  };
}

function envelopeOf(type: MessageTypeName, version: number): JsonSchema {
  const envelope = jsonSchemaOf(Envelope);
  const properties = envelope.properties as Record<string, JsonSchema>;
  return {
    ...envelope,
    properties: {
      ...properties,
      type: { ...properties.type, const: type },
      schemaVersion: { ...properties.schemaVersion, const: version },
      payload: jsonSchemaOf(MESSAGE_SCHEMAS[type][version]),
    },
  };
}

function messageOf(type: MessageTypeName, version: number): AsyncApiMessage {
  const rules = ACCESS_RULES.filter((r) => r.type === type);
  const builders = [...new Set(rules.map((r) => r.topic.builder))];
  return {
    name: type,
    title: `${type} v${version}`,
    summary: rules.map((r) => `${r.sender} → ${TOPIC_ADDRESSES[r.topic.builder]}`).join('; '),
    description: rules.map((r) => `${r.sender}: ${r.note}`).join('\n'),
    contentType: 'application/json',
    headers: headersOf(type),
    payload: envelopeOf(type, version),
    correlationId: {
      location: '$message.payload#/correlationId',
      description: 'the receipt number of the application the message is about (a card serial or request id where there is none)',
    },
    'x-schema-version': version,
    bindings: {
      kafka: { key: { type: 'string', description: [...new Set(builders.map((b) => TOPIC_KEYS[b]))].join(' / ') }, bindingVersion: KAFKA_BINDING_VERSION },
    },
  };
}

function channelOf(builder: TopicBuilderName): JsonSchema {
  const address = TOPIC_ADDRESSES[builder];
  const senders = SERVICE_NAMES.filter((s) => typesSentOn(builder, s).length > 0);
  const readers = SERVICE_NAMES.filter((s) => CONSUMED_TOPICS[s].includes(builder));
  const messages = typesSentOn(builder).flatMap((type) => versionsOf(type).map((v) => messageKey(type, v)));
  return {
    address,
    title: builder,
    description:
      `Sent by ${senders.map((s) => `${s} (${typesSentOn(builder, s).join(', ')})`).join('; ')}; read by ${readers.join(', ')}. ` +
      `Keyed by ${TOPIC_KEYS[builder]}. A message a reader cannot apply is parked on ${address}.dlq with the reason in a header.`,
    ...(address.includes('{province}')
      ? { parameters: { province: { description: 'code of the province whose service the topic is addressed to (GB/T 2260)', enum: [...PROVINCE_CODES] } } }
      : {}),
    messages: Object.fromEntries(messages.map((key) => [key, { $ref: `#/components/messages/${key}` }])),
  };
}

function sendOperation(service: ServiceName, builder: TopicBuilderName): JsonSchema {
  const rules = ACCESS_RULES.filter((r) => r.sender === service && r.topic.builder === builder);
  return {
    action: 'send',
    channel: { $ref: `#/channels/${builder}` },
    title: `${service} sends to ${TOPIC_ADDRESSES[builder]}`,
    summary: `The ${service} of a province writes these messages here only as its access rights (x-access-rights) allow: every receiver checks each message against them and applies nothing else.`,
    description: rules.map((r) => `${r.type}: ${r.note}`).join('\n'),
    // Senders write the current schema version of each type; readers take every registered one.
    messages: typesSentOn(builder, service).map((type) => ({ $ref: `#/channels/${builder}/messages/${messageKey(type, currentSchemaVersion(type))}` })),
    'x-access-rights': rules.map(accessRight),
  };
}

function receiveOperation(service: ServiceName, builder: TopicBuilderName): JsonSchema {
  const messages = typesSentOn(builder).flatMap((type) => versionsOf(type).map((v) => messageKey(type, v)));
  return {
    action: 'receive',
    channel: { $ref: `#/channels/${builder}` },
    title: `${service} reads ${TOPIC_ADDRESSES[builder]}`,
    summary: `In its consumer group idcard-${service}-{province}; each message is verified (signature, trust list, access rights) and validated before it is applied, once.`,
    messages: messages.map((key) => ({ $ref: `#/channels/${builder}/messages/${key}` })),
  };
}

/** Operation ids: `receiving-office.sends.registryApplications`. */
function operationsOf(): Record<string, JsonSchema> {
  const operations: Record<string, JsonSchema> = {};
  for (const service of SERVICE_NAMES) {
    for (const builder of BUILDERS) if (typesSentOn(builder, service).length) operations[`${service}.sends.${builder}`] = sendOperation(service, builder);
    for (const builder of CONSUMED_TOPICS[service]) operations[`${service}.reads.${builder}`] = receiveOperation(service, builder);
  }
  return operations;
}

const DESCRIPTION = [
  'The messages the services of the provinces exchange over Kafka: which topic, who sends and who reads it, the envelope, each payload and the access rights.',
  'Generated from libs/contracts (topics, envelope, payload classes and their class-validator rules, access rights) by `npm run contracts`; every service serves it at /asyncapi.json and /asyncapi.',
  'Every message is one JSON envelope (messageId, type, schemaVersion, occurredAt, source, correlationId, payload), signed by the sending service in the Kafka headers.',
  'A message of the document is one type at one schema version (ApplicationSubmitted.v1): once released, it keeps accepting what it accepted; a change its readers cannot take is a new schema version.',
  'Unknown payload fields are dropped by readers, not refused. A KAFKA_NAMESPACE, where set, prefixes every address.',
].join('\n\n');

/** The AsyncAPI 3.0 document of the exchange, from the code of libs/contracts alone: the same wherever it is made. */
export function asyncApiDocument(): AsyncApiDocument {
  const types = Object.keys(MESSAGE_SCHEMAS) as MessageTypeName[];
  return {
    asyncapi: '3.0.0',
    info: { title: 'idcard-exchange: messages between provinces', version: CONTRACT_VERSION, description: DESCRIPTION },
    defaultContentType: 'application/json',
    channels: Object.fromEntries(BUILDERS.map((b) => [b, channelOf(b)])),
    operations: operationsOf(),
    components: { messages: Object.fromEntries(types.flatMap((t) => versionsOf(t).map((v) => [messageKey(t, v), messageOf(t, v)]))) },
  };
}
