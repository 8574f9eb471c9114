import type { ApplicationStatus } from '@idcard/contracts';
import { DomainError } from '@idcard/errors';

/**
 * Every refusal of the receiving office, one class per rule, each with a stable code. The error-body filter of
 * libs/service-runtime answers each with the status of its kind and `errors: [{ field, reason }]`.
 */

export class UnknownApplication extends DomainError {
  constructor(readonly receiptNumber: string) {
    super({
      code: 'UNKNOWN_APPLICATION',
      kind: 'not-found',
      field: 'receiptNumber',
      message: `no application with receipt number ${receiptNumber} at this office`,
    });
  }
}

export class UnknownShipment extends DomainError {
  constructor(readonly shipmentId: string) {
    super({ code: 'UNKNOWN_SHIPMENT', kind: 'not-found', field: 'shipmentId', message: `no shipment ${shipmentId} has been dispatched to this office` });
  }
}

/** The application is not in the status the request needs; `currentStatus` (in the body too) says which it is. */
export class WrongStatus extends DomainError {
  constructor(
    readonly receiptNumber: string,
    readonly currentStatus: ApplicationStatus,
    action: string,
  ) {
    super({
      code: 'WRONG_STATUS',
      kind: 'conflict',
      field: 'receiptNumber',
      message: `cannot ${action}: application ${receiptNumber} is ${currentStatus}`,
      details: { currentStatus },
    });
  }
}

export class CardNotInShipment extends DomainError {
  constructor(
    readonly shipmentId: string,
    readonly cardSerial: string,
  ) {
    super({
      code: 'CARD_NOT_IN_SHIPMENT',
      kind: 'conflict',
      field: 'cardSerial',
      message: `card ${cardSerial} is not on the manifest of shipment ${shipmentId}`,
    });
  }
}

export class CardAlreadyArrived extends DomainError {
  constructor(
    readonly cardSerial: string,
    readonly arrivedAt: Date,
  ) {
    super({
      code: 'CARD_ALREADY_ARRIVED',
      kind: 'conflict',
      field: 'cardSerial',
      message: `the arrival of card ${cardSerial} was already recorded at ${arrivedAt.toISOString()}`,
    });
  }
}

/** A card on a manifest for a receipt this office holds no application for: it is set aside, not handed out. */
export class CardForUnknownApplication extends DomainError {
  constructor(
    readonly cardSerial: string,
    readonly receiptNumber: string,
  ) {
    super({
      code: 'CARD_FOR_UNKNOWN_APPLICATION',
      kind: 'conflict',
      field: 'cardSerial',
      message: `card ${cardSerial} is for receipt ${receiptNumber}, which this office holds no application for: set it aside and report it`,
    });
  }
}

/** The person collecting the card is not the applicant. */
export class NotTheApplicant extends DomainError {
  constructor(readonly receiptNumber: string) {
    super({
      code: 'NOT_THE_APPLICANT',
      kind: 'forbidden',
      field: 'idNumber',
      message: `the ID number does not match the applicant of ${receiptNumber}; the card cannot be handed over`,
    });
  }
}

/** The card in hand is on the manifest, but the application waits for another card (it was produced again). */
export class NotTheExpectedCard extends DomainError {
  constructor(
    readonly receiptNumber: string,
    readonly expectedCardSerial: string | null,
    readonly cardSerial: string,
  ) {
    super({
      code: 'NOT_THE_EXPECTED_CARD',
      kind: 'conflict',
      field: 'cardSerial',
      message: `card ${cardSerial} is not the card application ${receiptNumber} waits for (${expectedCardSerial ?? 'none yet'})`,
    });
  }
}
