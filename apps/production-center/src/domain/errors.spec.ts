import { DomainError } from '@idcard/errors';
import { UnknownOrder, UnknownShipment } from './errors';

/** What the error-body filter puts in the answer: the status follows from `kind`, the rest is copied as is. */
const answer = (err: DomainError) => ({ code: err.code, kind: err.kind, message: err.message, errors: err.errors, details: err.details });

describe('the refusals of the production centre, as a client reads them', () => {
  it('does not know an order or a shipment (404)', () => {
    expect(answer(new UnknownOrder('R44-20260301-000001'))).toEqual({
      code: 'UNKNOWN_ORDER',
      kind: 'not-found',
      message: 'no order with receipt number R44-20260301-000001 at this production centre',
      errors: [{ field: 'receiptNumber', reason: 'no order with receipt number R44-20260301-000001 at this production centre' }],
      details: {},
    });
    expect(answer(new UnknownShipment('S44-20260301-000017'))).toEqual({
      code: 'UNKNOWN_SHIPMENT',
      kind: 'not-found',
      message: 'no shipment S44-20260301-000017 at this production centre',
      errors: [{ field: 'shipmentId', reason: 'no shipment S44-20260301-000017 at this production centre' }],
      details: {},
    });
  });
});
