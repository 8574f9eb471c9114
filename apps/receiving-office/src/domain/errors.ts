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

export class UnknownLossReport extends DomainError {
  constructor(readonly reportId: string) {
    super({ code: 'UNKNOWN_LOSS_REPORT', kind: 'not-found', field: 'reportId', message: `no loss report ${reportId} at this office` });
  }
}

export class UnknownFoundCard extends DomainError {
  constructor(readonly foundCardId: string) {
    super({ code: 'UNKNOWN_FOUND_CARD', kind: 'not-found', field: 'foundCardId', message: `no found card ${foundCardId} at this office` });
  }
}

/** The same card is already in an office's hands (handed in before, not yet destroyed or collected). */
export class FoundCardAlreadyHeld extends DomainError {
  constructor(readonly cardSerial: string) {
    super({
      code: 'FOUND_CARD_ALREADY_HELD',
      kind: 'conflict',
      field: 'cardSerial',
      message: `card ${cardSerial} was already handed in and is still held; look it up instead of recording it again`,
    });
  }
}

/** The found card is not in the status the request needs; `currentStatus` says which it is. */
export class FoundCardWrongStatus extends DomainError {
  constructor(
    readonly foundCardId: string,
    readonly currentStatus: string,
    action: string,
    why: string,
  ) {
    super({
      code: 'FOUND_CARD_WRONG_STATUS',
      kind: 'conflict',
      field: 'foundCardId',
      message: `cannot ${action} found card ${foundCardId}: ${why}`,
      details: { currentStatus },
    });
  }
}

/** The person collecting a found card is not the holder it names. */
export class NotTheHolder extends DomainError {
  constructor(readonly foundCardId: string) {
    super({
      code: 'NOT_THE_HOLDER',
      kind: 'forbidden',
      field: 'idNumber',
      message: `the ID number does not match the holder of found card ${foundCardId}; the card cannot be handed over`,
    });
  }
}

export class UnknownTemporaryCardRequest extends DomainError {
  constructor(readonly requestId: string) {
    super({ code: 'UNKNOWN_TEMPORARY_CARD_REQUEST', kind: 'not-found', field: 'requestId', message: `no temporary ID request ${requestId} at this office` });
  }
}

/** The home registry said no: no card is made, and the clerk can say why. */
export class TemporaryCardRefused extends DomainError {
  constructor(
    readonly requestId: string,
    readonly refusal: string,
  ) {
    const why: Record<string, string> = {
      'not-in-register': "the citizen is not in the home province's population register",
      mismatch: 'the name does not match the register',
      'too-late': 'the request reached the home registry after the counter had stopped waiting; try again',
    };
    super({
      code: 'TEMPORARY_CARD_REFUSED',
      kind: 'refused',
      field: 'idNumber',
      message: `the home registry refused the temporary ID: ${why[refusal] ?? refusal}`,
      details: { requestId, refusal },
    });
  }
}

/** The home registry did not answer in time: never a card without its word. */
export class TemporaryCardNoAnswer extends DomainError {
  constructor(
    readonly requestId: string,
    homeProvince: string,
    waitedMs: number,
  ) {
    super({
      code: 'TEMPORARY_CARD_NO_ANSWER',
      kind: 'unavailable',
      field: 'homeProvince',
      message: `the registry of province ${homeProvince} did not answer within ${waitedMs} ms: try again or apply normally`,
      details: { requestId },
    });
  }
}
