import { ApplicationRejected } from './messages/application-rejected';
import { ApplicationSignedOff } from './messages/application-signed-off';
import { ApplicationSubmitted } from './messages/application-submitted';
import { CardInvalidated } from './messages/card-invalidated';
import { CardIssued } from './messages/card-issued';
import { CardProduced } from './messages/card-produced';
import { CardVerified } from './messages/card-verified';
import { FoundCardAnswered, FoundCardReported } from './messages/found-card';
import { LossReportAnswered, LossReported } from './messages/loss-report';
import { DeadlineBreached, DeadlineWarning } from './messages/deadline-events';
import { ProductionOrdered } from './messages/production-ordered';
import { ShipmentDispatched } from './messages/shipment-dispatched';
import { TemporaryCardAnswered, TemporaryCardRequested, TemporaryCardVoided } from './messages/temporary-card';

/** Every message type, by the name that travels in the envelope. */
export const MessageType = {
  ApplicationSubmitted: 'ApplicationSubmitted',
  ApplicationSignedOff: 'ApplicationSignedOff',
  ApplicationRejected: 'ApplicationRejected',
  ProductionOrdered: 'ProductionOrdered',
  CardProduced: 'CardProduced',
  ShipmentDispatched: 'ShipmentDispatched',
  CardInvalidated: 'CardInvalidated',
  DeadlineWarning: 'DeadlineWarning',
  DeadlineBreached: 'DeadlineBreached',
  LossReported: 'LossReported',
  LossReportAnswered: 'LossReportAnswered',
  FoundCardReported: 'FoundCardReported',
  FoundCardAnswered: 'FoundCardAnswered',
  TemporaryCardRequested: 'TemporaryCardRequested',
  TemporaryCardAnswered: 'TemporaryCardAnswered',
  TemporaryCardVoided: 'TemporaryCardVoided',
  CardIssued: 'CardIssued',
  CardVerified: 'CardVerified',
} as const;
export type MessageTypeName = (typeof MessageType)[keyof typeof MessageType];

/** The payload class of each type at its current schema version. */
export interface PayloadTypes {
  ApplicationSubmitted: ApplicationSubmitted;
  ApplicationSignedOff: ApplicationSignedOff;
  ApplicationRejected: ApplicationRejected;
  ProductionOrdered: ProductionOrdered;
  CardProduced: CardProduced;
  ShipmentDispatched: ShipmentDispatched;
  CardInvalidated: CardInvalidated;
  DeadlineWarning: DeadlineWarning;
  DeadlineBreached: DeadlineBreached;
  LossReported: LossReported;
  LossReportAnswered: LossReportAnswered;
  FoundCardReported: FoundCardReported;
  FoundCardAnswered: FoundCardAnswered;
  TemporaryCardRequested: TemporaryCardRequested;
  TemporaryCardAnswered: TemporaryCardAnswered;
  TemporaryCardVoided: TemporaryCardVoided;
  CardIssued: CardIssued;
  CardVerified: CardVerified;
}
export type PayloadOf<T extends MessageTypeName> = PayloadTypes[T];
export type MessagePayload = PayloadTypes[MessageTypeName];

export type PayloadClass = new () => object;

/**
 * type → schema version → payload class. A version not listed is refused, never guessed at; a change to a payload
 * that old readers cannot take is a new version here, with the old one kept while anything may still send it.
 */
export const MESSAGE_SCHEMAS: Readonly<Record<MessageTypeName, Readonly<Record<number, PayloadClass>>>> = {
  ApplicationSubmitted: { 1: ApplicationSubmitted },
  ApplicationSignedOff: { 1: ApplicationSignedOff },
  ApplicationRejected: { 1: ApplicationRejected },
  ProductionOrdered: { 1: ProductionOrdered },
  CardProduced: { 1: CardProduced },
  ShipmentDispatched: { 1: ShipmentDispatched },
  CardInvalidated: { 1: CardInvalidated },
  DeadlineWarning: { 1: DeadlineWarning },
  DeadlineBreached: { 1: DeadlineBreached },
  LossReported: { 1: LossReported },
  LossReportAnswered: { 1: LossReportAnswered },
  FoundCardReported: { 1: FoundCardReported },
  FoundCardAnswered: { 1: FoundCardAnswered },
  TemporaryCardRequested: { 1: TemporaryCardRequested },
  TemporaryCardAnswered: { 1: TemporaryCardAnswered },
  TemporaryCardVoided: { 1: TemporaryCardVoided },
  CardIssued: { 1: CardIssued },
  CardVerified: { 1: CardVerified },
};

export function isMessageTypeName(type: unknown): type is MessageTypeName {
  return typeof type === 'string' && Object.prototype.hasOwnProperty.call(MESSAGE_SCHEMAS, type);
}

/** The version a sender writes: the highest one registered for the type. */
export function currentSchemaVersion(type: MessageTypeName): number {
  return Math.max(...Object.keys(MESSAGE_SCHEMAS[type]).map(Number));
}
