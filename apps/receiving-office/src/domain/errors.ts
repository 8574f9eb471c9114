import type { ApplicationStatus } from '@idcard/contracts';

/** Why a clerk's request cannot be done; each is answered with a 4xx naming the field (see domain-error.filter). */
export abstract class ReceivingOfficeError extends Error {
  abstract readonly field: string;
}

export class UnknownApplication extends ReceivingOfficeError {
  readonly field = 'receiptNumber';
  constructor(readonly receiptNumber: string) {
    super(`no application with receipt number ${receiptNumber} at this office`);
    this.name = 'UnknownApplication';
  }
}

export class UnknownShipment extends ReceivingOfficeError {
  readonly field = 'shipmentId';
  constructor(readonly shipmentId: string) {
    super(`no shipment ${shipmentId} has been dispatched to this office`);
    this.name = 'UnknownShipment';
  }
}

/** The application is not in the status the request needs. */
export class WrongStatus extends ReceivingOfficeError {
  readonly field = 'receiptNumber';
  constructor(
    readonly receiptNumber: string,
    readonly currentStatus: ApplicationStatus,
    action: string,
  ) {
    super(`cannot ${action}: application ${receiptNumber} is ${currentStatus}`);
    this.name = 'WrongStatus';
  }
}

export class CardNotInShipment extends ReceivingOfficeError {
  readonly field = 'cardSerial';
  constructor(
    readonly shipmentId: string,
    readonly cardSerial: string,
  ) {
    super(`card ${cardSerial} is not on the manifest of shipment ${shipmentId}`);
    this.name = 'CardNotInShipment';
  }
}

export class CardAlreadyArrived extends ReceivingOfficeError {
  readonly field = 'cardSerial';
  constructor(
    readonly cardSerial: string,
    readonly arrivedAt: Date,
  ) {
    super(`the arrival of card ${cardSerial} was already recorded at ${arrivedAt.toISOString()}`);
    this.name = 'CardAlreadyArrived';
  }
}

/** A card on a manifest for a receipt this office holds no application for: it is set aside, not handed out. */
export class CardForUnknownApplication extends ReceivingOfficeError {
  readonly field = 'cardSerial';
  constructor(
    readonly cardSerial: string,
    readonly receiptNumber: string,
  ) {
    super(`card ${cardSerial} is for receipt ${receiptNumber}, which this office holds no application for: set it aside and report it`);
    this.name = 'CardForUnknownApplication';
  }
}

/** The person collecting the card is not the applicant. */
export class NotTheApplicant extends ReceivingOfficeError {
  readonly field = 'idNumber';
  constructor(readonly receiptNumber: string) {
    super(`the ID number does not match the applicant of ${receiptNumber}; the card cannot be handed over`);
    this.name = 'NotTheApplicant';
  }
}

/** The card in hand is on the manifest, but the application waits for another card (it was produced again). */
export class NotTheExpectedCard extends ReceivingOfficeError {
  readonly field = 'cardSerial';
  constructor(
    readonly receiptNumber: string,
    readonly expectedCardSerial: string | null,
    readonly cardSerial: string,
  ) {
    super(`card ${cardSerial} is not the card application ${receiptNumber} waits for (${expectedCardSerial ?? 'none yet'})`);
    this.name = 'NotTheExpectedCard';
  }
}
