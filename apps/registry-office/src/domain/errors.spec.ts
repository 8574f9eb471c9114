import { DomainError } from '@idcard/errors';
import { IllegalTransition, NoEthnicityChangeDeclared, UnknownCitizen, UnknownReceipt, WrongState } from './errors';

/** What the error-body filter puts in the answer: the status follows from `kind`, the rest is copied as is. */
const answer = (err: DomainError) => ({ code: err.code, kind: err.kind, message: err.message, errors: err.errors, details: err.details });

describe('the refusals of the registry office, as a client reads them', () => {
  it('does not know a receipt (404)', () => {
    expect(answer(new UnknownReceipt('R44-20261101-000001', '11'))).toEqual({
      code: 'UNKNOWN_RECEIPT',
      kind: 'not-found',
      message: 'no application R44-20261101-000001 reached the registry of province 11',
      errors: [{ field: 'receiptNumber', reason: 'unknown receipt number' }],
      details: {},
    });
  });

  it('says which state an application is in when a review finds it elsewhere (409)', () => {
    expect(answer(new WrongState('R44-20261101-000001', 'signed_off', 'awaiting review (manual_review)'))).toEqual({
      code: 'WRONG_STATE',
      kind: 'conflict',
      message: 'application R44-20261101-000001 is signed_off, not awaiting review (manual_review)',
      errors: [{ field: 'receiptNumber', reason: 'the application is signed_off, not awaiting review (manual_review)' }],
      details: { state: 'signed_off' },
    });
    expect(answer(new IllegalTransition('R44-20261101-000001', 'rejected', 'issued'))).toEqual({
      code: 'ILLEGAL_TRANSITION',
      kind: 'conflict',
      message: 'application R44-20261101-000001 is rejected and cannot become issued',
      errors: [{ field: 'receiptNumber', reason: 'application R44-20261101-000001 is rejected and cannot become issued' }],
      details: { state: 'rejected' },
    });
  });

  it('does not find a citizen in the register (404), and never shows the whole ID number', () => {
    const err = new UnknownCitizen('440106199003071234', '44');
    expect(answer(err)).toEqual({
      code: 'UNKNOWN_CITIZEN',
      kind: 'not-found',
      message: 'citizen 440106***********4 is not in the population register of province 44',
      errors: [{ field: 'idNumber', reason: 'not in the population register of province 44' }],
      details: {},
    });
    expect(JSON.stringify(answer(err))).not.toContain('19900307');
  });

  it('refuses an ethnicity mismatch for an application that declares no change of ethnicity (400)', () => {
    expect(answer(new NoEthnicityChangeDeclared('R44-20261101-000001'))).toEqual({
      code: 'NO_ETHNICITY_CHANGE_DECLARED',
      kind: 'invalid',
      message: 'application R44-20261101-000001 declares no change of ethnicity',
      errors: [{ field: 'reasonCode', reason: 'ETHNICITY_MISMATCH applies only to an application that declares a change of ethnicity' }],
      details: {},
    });
  });
});
