import { DomainError } from '@idcard/errors';

/**
 * Every named error of the production centre, each with a stable code; the service runtime's error filter turns
 * the ones a request can meet into the one JSON error body. (A message that can never be applied here is not an
 * error of this kind: its handler throws the messaging library's RejectMessage, which dead-letters it.)
 */

/** GET /orders/:receiptNumber for a receipt that never reached this centre. */
export class UnknownOrder extends DomainError {
  constructor(readonly receiptNumber: string) {
    super({
      code: 'UNKNOWN_ORDER',
      kind: 'not-found',
      field: 'receiptNumber',
      message: `no order with receipt number ${receiptNumber} at this production centre`,
    });
  }
}

/** GET /shipments/:shipmentId for a shipment this centre never opened. */
export class UnknownShipment extends DomainError {
  constructor(readonly shipmentId: string) {
    super({ code: 'UNKNOWN_SHIPMENT', kind: 'not-found', field: 'shipmentId', message: `no shipment ${shipmentId} at this production centre` });
  }
}

/** A production order asked to take a state its transition function does not allow (src/domain/production-order.ts). */
export class IllegalOrderTransition extends DomainError {
  constructor(
    readonly from: string | null,
    readonly to: string,
  ) {
    super({
      code: 'ILLEGAL_ORDER_TRANSITION',
      kind: 'conflict',
      field: 'state',
      message: from === null ? `an order this centre has not received cannot become ${to}` : `an order that is ${from} cannot become ${to}`,
      details: { state: from },
    });
  }
}

/** A shipment asked to take a state its transition function does not allow (src/domain/shipment.ts). */
export class IllegalShipmentTransition extends DomainError {
  constructor(
    readonly from: string | null,
    readonly to: string,
  ) {
    super({
      code: 'ILLEGAL_SHIPMENT_TRANSITION',
      kind: 'conflict',
      field: 'state',
      message: from === null ? `a new shipment cannot start ${to}` : `a shipment that is ${from} cannot become ${to}`,
      details: { state: from },
    });
  }
}

/** The centre's card serial sequence has outgrown the 20 characters a serial may have. */
export class CardSerialExhausted extends DomainError {
  constructor(readonly sequence: number) {
    super({ code: 'CARD_SERIAL_EXHAUSTED', kind: 'unavailable', message: `card serial sequence ${sequence} does not fit in a 20-character serial` });
  }
}
