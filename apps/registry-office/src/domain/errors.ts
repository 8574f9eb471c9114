import { maskCitizenId } from '@idcard/contracts';
import { DomainError } from '@idcard/errors';

/**
 * Every refusal of the registry office, each with a stable code (the HTTP status follows from its kind, in
 * libs/service-runtime's error-body filter). Messages about a messaging input (a card for an unknown receipt,
 * say) are not here: those are dead-lettered with RejectMessage, they never reach a client.
 */

/** The registry never received this receipt (404). */
export class UnknownReceipt extends DomainError {
  constructor(
    readonly receiptNumber: string,
    province: string,
  ) {
    super({
      code: 'UNKNOWN_RECEIPT',
      kind: 'not-found',
      message: `no application ${receiptNumber} reached the registry of province ${province}`,
      errors: [{ field: 'receiptNumber', reason: 'unknown receipt number' }],
    });
  }
}

/** The application is not in the state the request needs (409); the answer says which state it is in (`state`). */
export class WrongState extends DomainError {
  constructor(
    readonly receiptNumber: string,
    readonly state: string,
    needed: string,
  ) {
    super({
      code: 'WRONG_STATE',
      kind: 'conflict',
      message: `application ${receiptNumber} is ${state}, not ${needed}`,
      errors: [{ field: 'receiptNumber', reason: `the application is ${state}, not ${needed}` }],
      details: { state },
    });
  }
}

/** A state change the application's states do not allow (see transition in registry-application.ts). */
export class IllegalTransition extends DomainError {
  constructor(
    readonly receiptNumber: string,
    readonly from: string,
    readonly to: string,
  ) {
    super({
      code: 'ILLEGAL_TRANSITION',
      kind: 'conflict',
      message: `application ${receiptNumber} is ${from} and cannot become ${to}`,
      field: 'receiptNumber',
      details: { state: from },
    });
  }
}

/** The citizen is not in this province's population register (404); the message masks the ID number. */
export class UnknownCitizen extends DomainError {
  constructor(idNumber: string, province: string) {
    super({
      code: 'UNKNOWN_CITIZEN',
      kind: 'not-found',
      message: `citizen ${maskCitizenId(idNumber)} is not in the population register of province ${province}`,
      errors: [{ field: 'idNumber', reason: `not in the population register of province ${province}` }],
    });
  }
}

/** An officer refused a change of ethnicity that the application does not declare (400). */
export class NoEthnicityChangeDeclared extends DomainError {
  constructor(readonly receiptNumber: string) {
    super({
      code: 'NO_ETHNICITY_CHANGE_DECLARED',
      kind: 'invalid',
      message: `application ${receiptNumber} declares no change of ethnicity`,
      errors: [{ field: 'reasonCode', reason: 'ETHNICITY_MISMATCH applies only to an application that declares a change of ethnicity' }],
    });
  }
}
