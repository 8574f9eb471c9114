import { APPLICATION_FEES_YUAN, APPLICATION_KINDS, feeFor, isApplicationKind, TEMPORARY_ID_FEE_YUAN } from './application-kind';
import { APPLICATION_STATUSES, ApplicationStatus, canReach, IllegalTransition, isFinalStatus, NEXT_STATUSES } from './application-status';
import { DELIVERY_METHODS, isDeliveryMethod } from './delivery-method';
import { receiptNumberProblem } from './receipt-number';
import { isRejectionReason, REJECTION_REASON_CODES, REJECTION_REASONS } from './rejection-reasons';

describe('fees (工本费)', () => {
  it('charges 20 yuan for a first card, a renewal or a damaged card, 40 for a lost one and 10 for a temporary ID', () => {
    expect(APPLICATION_KINDS.map((k) => [k, feeFor(k)])).toEqual([
      ['first', 20],
      ['renewal', 20],
      ['lost', 40],
      ['damaged', 20],
    ]);
    expect(TEMPORARY_ID_FEE_YUAN).toBe(10);
    expect(Object.keys(APPLICATION_FEES_YUAN).sort()).toEqual([...APPLICATION_KINDS].sort());
  });

  it('knows the four kinds and the three delivery methods only', () => {
    expect(isApplicationKind('lost')).toBe(true);
    expect(isApplicationKind('temporary')).toBe(false);
    expect(DELIVERY_METHODS).toEqual(['counter', 'kiosk', 'post']);
    expect(isDeliveryMethod('drone')).toBe(false);
  });
});

describe('rejection reasons', () => {
  it('describe every code, and include the ones the flow needs', () => {
    expect(REJECTION_REASON_CODES).toEqual(
      expect.arrayContaining([
        'NOT_IN_REGISTER',
        'NAME_MISMATCH',
        'SEX_MISMATCH',
        'BIRTH_DATE_MISMATCH',
        'ETHNICITY_MISMATCH',
        'DUPLICATE_IN_FLIGHT',
        'PHOTO_REJECTED',
        'REVIEWER_REJECTED',
        'CARD_NOT_LOST',
        'LOSS_NOT_ON_RECORD',
      ]),
    );
    for (const code of REJECTION_REASON_CODES) expect(REJECTION_REASONS[code].length).toBeGreaterThan(10);
    expect(isRejectionReason('DUPLICATE_IN_FLIGHT')).toBe(true);
    expect(isRejectionReason('toString')).toBe(false);
  });
});

describe('the application status machine', () => {
  const allowed: [ApplicationStatus, ApplicationStatus][] = [
    ['submitted', 'under_review'],
    ['submitted', 'rejected'],
    ['under_review', 'signed_off'],
    ['under_review', 'manual_review'],
    ['under_review', 'rejected'],
    ['manual_review', 'signed_off'],
    ['manual_review', 'rejected'],
    ['signed_off', 'in_production'],
    ['in_production', 'shipped'],
    ['shipped', 'arrived'],
    ['arrived', 'handed_over'],
  ];

  it('allows exactly the steps of the flow and no other pair', () => {
    const key = (a: string, b: string) => `${a}→${b}`;
    const expected = new Set(allowed.map(([a, b]) => key(a, b)));
    for (const from of APPLICATION_STATUSES) {
      for (const to of APPLICATION_STATUSES) expect([key(from, to), NEXT_STATUSES[from].includes(to)]).toEqual([key(from, to), expected.has(key(from, to))]);
    }
  });

  it('ends only in rejected or handed_over', () => {
    expect(APPLICATION_STATUSES.filter(isFinalStatus)).toEqual(['rejected', 'handed_over']);
    expect(Object.keys(NEXT_STATUSES).sort()).toEqual([...APPLICATION_STATUSES].sort());
  });

  it('names both statuses of a step the machine does not have, as a conflict with a stable code', () => {
    const err = new IllegalTransition('rejected', 'signed_off');
    expect(err).toMatchObject({
      from: 'rejected',
      to: 'signed_off',
      name: 'IllegalTransition',
      message: 'an application that is rejected cannot become signed_off',
    });
    expect(err).toMatchObject({ code: 'ILLEGAL_TRANSITION', kind: 'conflict' });
  });

  it('tells a later status (seen by a service that misses steps) from an impossible one', () => {
    expect(canReach('submitted', 'signed_off')).toBe(true);
    expect(canReach('signed_off', 'shipped')).toBe(true);
    expect(canReach('submitted', 'handed_over')).toBe(true);
    expect(canReach('shipped', 'signed_off')).toBe(false);
    expect(canReach('rejected', 'signed_off')).toBe(false);
    expect(canReach('arrived', 'arrived')).toBe(false);
  });
});

describe('receipt numbers', () => {
  it('are R, the receiving province and the office part', () => {
    expect(receiptNumberProblem('R44-20261122-000001')).toBeNull();
    expect(receiptNumberProblem('R99-20261122-000001')).toBe('99 in R99-20261122-000001 is not a province code');
    expect(receiptNumberProblem('r44-20261122-000001')).toMatch(/^must be R, a province code/);
    expect(receiptNumberProblem('R44-12345')).toMatch(/^must be R/);
  });
});
