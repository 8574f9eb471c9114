import { DomainError } from '@idcard/errors';
import {
  CardAlreadyArrived,
  CardForUnknownApplication,
  CardNotInShipment,
  NotTheApplicant,
  NotTheExpectedCard,
  UnknownApplication,
  UnknownShipment,
  WrongStatus,
} from './errors';

/** What the error-body filter puts in the answer: the status follows from `kind`, the rest is copied as is. */
const answer = (err: DomainError) => ({ code: err.code, kind: err.kind, message: err.message, errors: err.errors, details: err.details });

describe('the refusals of the receiving office, as a client reads them', () => {
  it('does not know a receipt number or a shipment (404)', () => {
    expect(answer(new UnknownApplication('R44-20261101-000001'))).toEqual({
      code: 'UNKNOWN_APPLICATION',
      kind: 'not-found',
      message: 'no application with receipt number R44-20261101-000001 at this office',
      errors: [{ field: 'receiptNumber', reason: 'no application with receipt number R44-20261101-000001 at this office' }],
      details: {},
    });
    expect(answer(new UnknownShipment('S65-20261101-000003'))).toEqual({
      code: 'UNKNOWN_SHIPMENT',
      kind: 'not-found',
      message: 'no shipment S65-20261101-000003 has been dispatched to this office',
      errors: [{ field: 'shipmentId', reason: 'no shipment S65-20261101-000003 has been dispatched to this office' }],
      details: {},
    });
  });

  it('names the current status of an application in the wrong status, beside the message (409)', () => {
    expect(answer(new WrongStatus('R44-20261101-000001', 'shipped', 'hand over the card'))).toEqual({
      code: 'WRONG_STATUS',
      kind: 'conflict',
      message: 'cannot hand over the card: application R44-20261101-000001 is shipped',
      errors: [{ field: 'receiptNumber', reason: 'cannot hand over the card: application R44-20261101-000001 is shipped' }],
      details: { currentStatus: 'shipped' },
    });
  });

  it('tells the clerk unpacking a parcel what is wrong with the card in hand (409)', () => {
    const arrivedAt = new Date('2026-12-01T02:00:00Z');
    expect(answer(new CardNotInShipment('S65-20261101-000003', 'C650000000009'))).toEqual({
      code: 'CARD_NOT_IN_SHIPMENT',
      kind: 'conflict',
      message: 'card C650000000009 is not on the manifest of shipment S65-20261101-000003',
      errors: [{ field: 'cardSerial', reason: 'card C650000000009 is not on the manifest of shipment S65-20261101-000003' }],
      details: {},
    });
    expect(answer(new CardAlreadyArrived('C650000000009', arrivedAt))).toMatchObject({
      code: 'CARD_ALREADY_ARRIVED',
      kind: 'conflict',
      message: 'the arrival of card C650000000009 was already recorded at 2026-12-01T02:00:00.000Z',
      errors: [{ field: 'cardSerial', reason: 'the arrival of card C650000000009 was already recorded at 2026-12-01T02:00:00.000Z' }],
    });
    expect(answer(new CardForUnknownApplication('C650000000009', 'R44-20261101-000099'))).toMatchObject({
      code: 'CARD_FOR_UNKNOWN_APPLICATION',
      kind: 'conflict',
      message: 'card C650000000009 is for receipt R44-20261101-000099, which this office holds no application for: set it aside and report it',
      errors: [{ field: 'cardSerial', reason: expect.stringContaining('set it aside and report it') }],
    });
    expect(answer(new NotTheExpectedCard('R44-20261101-000001', 'C650000000002', 'C650000000001'))).toMatchObject({
      code: 'NOT_THE_EXPECTED_CARD',
      kind: 'conflict',
      message: 'card C650000000001 is not the card application R44-20261101-000001 waits for (C650000000002)',
      errors: [{ field: 'cardSerial', reason: expect.stringContaining('waits for (C650000000002)') }],
    });
    expect(new NotTheExpectedCard('R44-20261101-000001', null, 'C650000000001').message).toBe(
      'card C650000000001 is not the card application R44-20261101-000001 waits for (none yet)',
    );
  });

  it('refuses to hand a card to someone who is not the applicant (403), without naming the applicant', () => {
    expect(answer(new NotTheApplicant('R44-20261101-000001'))).toEqual({
      code: 'NOT_THE_APPLICANT',
      kind: 'forbidden',
      message: 'the ID number does not match the applicant of R44-20261101-000001; the card cannot be handed over',
      errors: [{ field: 'idNumber', reason: 'the ID number does not match the applicant of R44-20261101-000001; the card cannot be handed over' }],
      details: {},
    });
  });
});
