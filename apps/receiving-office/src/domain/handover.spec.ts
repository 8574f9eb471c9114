import { makeCitizenId } from '@idcard/contracts';
import { NotTheApplicant, NotTheExpectedCard, WrongStatus } from './errors';
import { checkArrival, checkHandover } from './handover';

const idNumber = makeCitizenId({ regionCode: '440106', birthDate: '1990-03-15', sequence: 122 });
const other = makeCitizenId({ regionCode: '440106', birthDate: '1990-03-15', sequence: 124 });
const receiptNumber = 'R65-20261101-000001';

describe('handover', () => {
  it('gives the card to the applicant once it has arrived', () => {
    expect(() => checkHandover({ receiptNumber, idNumber, status: 'arrived' }, idNumber)).not.toThrow();
  });

  it('reads the presented ID number as the counter types it (lower-case x, spaces)', () => {
    const withX = Array.from({ length: 100 }, (_, i) => makeCitizenId({ regionCode: '110101', birthDate: '1980-01-01', sequence: i + 1 })).find((id) =>
      id.endsWith('X'),
    )!;
    expect(() => checkHandover({ receiptNumber, idNumber: withX, status: 'arrived' }, ` ${withX.toLowerCase()} `)).not.toThrow();
  });

  it('refuses someone else', () => {
    expect(() => checkHandover({ receiptNumber, idNumber, status: 'arrived' }, other)).toThrow(NotTheApplicant);
  });

  it('refuses before arrival and after handover, naming the status', () => {
    for (const status of ['submitted', 'in_production', 'shipped', 'handed_over', 'rejected'] as const) {
      expect(() => checkHandover({ receiptNumber, idNumber, status }, idNumber)).toThrow(WrongStatus);
    }
    try {
      checkHandover({ receiptNumber, idNumber, status: 'shipped' }, idNumber);
    } catch (err) {
      expect((err as WrongStatus).currentStatus).toBe('shipped');
      expect((err as Error).message).toBe('cannot hand over the card before it has arrived at this office: application R65-20261101-000001 is shipped');
    }
  });

  it('confirms an arrival only for a shipped card, and only the card the application waits for', () => {
    const cardSerial = 'C650000000001';
    expect(() => checkArrival({ receiptNumber, status: 'shipped', cardSerial }, cardSerial)).not.toThrow();
    expect(() => checkArrival({ receiptNumber, status: 'arrived', cardSerial }, cardSerial)).toThrow(
      'cannot record the arrival of its card: application R65-20261101-000001 is arrived',
    );
    expect(() => checkArrival({ receiptNumber, status: 'in_production', cardSerial: null }, cardSerial)).toThrow(WrongStatus);
    expect(() => checkArrival({ receiptNumber, status: 'shipped', cardSerial }, 'C650000000002')).toThrow(NotTheExpectedCard);
  });
});
