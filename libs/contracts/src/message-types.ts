import { ApplicationRejected, ApplicationSignedOff, ApplicationSubmitted, CardInvalidated, CardProduced, ProductionOrdered, ShipmentDispatched } from './messages/flow';

/** Every message type, by the name that travels in the envelope. */
export const MessageType = {
  ApplicationSubmitted: 'ApplicationSubmitted',
  ApplicationSignedOff: 'ApplicationSignedOff',
  ApplicationRejected: 'ApplicationRejected',
  ProductionOrdered: 'ProductionOrdered',
  CardProduced: 'CardProduced',
  ShipmentDispatched: 'ShipmentDispatched',
  CardInvalidated: 'CardInvalidated',
} as const;
export type MessageTypeName = (typeof MessageType)[keyof typeof MessageType];

type PayloadClass = new () => object;

/** type → schema version → payload class. A version not listed here is refused, never guessed at. */
export const MESSAGE_SCHEMAS: Record<string, Record<number, PayloadClass>> = {
  [MessageType.ApplicationSubmitted]: { 1: ApplicationSubmitted },
  [MessageType.ApplicationSignedOff]: { 1: ApplicationSignedOff },
  [MessageType.ApplicationRejected]: { 1: ApplicationRejected },
  [MessageType.ProductionOrdered]: { 1: ProductionOrdered },
  [MessageType.CardProduced]: { 1: CardProduced },
  [MessageType.ShipmentDispatched]: { 1: ShipmentDispatched },
  [MessageType.CardInvalidated]: { 1: CardInvalidated },
};
