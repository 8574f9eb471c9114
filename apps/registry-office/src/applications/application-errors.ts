import { ConflictException, NotFoundException } from '@nestjs/common';

/** 404: the registry never received this receipt. */
export function unknownReceipt(receiptNumber: string, province: string): NotFoundException {
  return new NotFoundException({
    statusCode: 404,
    error: 'Not Found',
    message: `no application ${receiptNumber} reached the registry of province ${province}`,
    errors: [{ field: 'receiptNumber', reason: 'unknown receipt number' }],
  });
}

/** 409: the application is not in the state the request needs; the answer says which state it is in. */
export function wrongState(receiptNumber: string, state: string, needed: string): ConflictException {
  return new ConflictException({
    statusCode: 409,
    error: 'Conflict',
    message: `application ${receiptNumber} is ${state}, not ${needed}`,
    state,
    errors: [{ field: 'receiptNumber', reason: `the application is ${state}, not ${needed}` }],
  });
}
