import { makeCitizenId } from '@idcard/contracts';
import { AcceptedReceipt, ExpectedOutcome, judge, Observations, outcomeOf, ProductionState, ReceiptStates } from './verdict';

const citizen = (n: number) => makeCitizenId({ regionCode: '440106', birthDate: '1990-01-01', sequence: 1 + n });

function receipt(
  n: number,
  expected: ExpectedOutcome,
  receiving: string | null,
  registry: string | null,
  production: ProductionState | null,
  more: Partial<AcceptedReceipt> & { repeats?: string[] } = {},
): ReceiptStates {
  const { repeats = [], ...accepted } = more;
  return {
    accepted: { receipt: `R44-20250101-${String(n).padStart(6, '0')}`, residence: '44', home: '65', idNumber: citizen(n), expected, ...accepted },
    receiving,
    registry,
    production,
    repeats,
  };
}

const produced: ProductionState = { chain: ['44'], state: 'produced' };
const issued = (n: number, expected: ExpectedOutcome = 'issued', more = {}) => receipt(n, expected, 'handed_over', 'issued', produced, more);
const rejected = (n: number, expected: ExpectedOutcome = 'rejected', more = {}) => receipt(n, expected, 'rejected', 'rejected', null, more);
const of = (receipts: ReceiptStates[], more: Partial<Observations> = {}): Observations => ({ receipts, duplicateCitizens: [], inboxRepeats: [], ...more });

describe('outcomeOf: final only when all three systems of record agree', () => {
  it('issued: handed over, issued at the registry, produced (at the end of a forward)', () => {
    expect(outcomeOf({ receiving: 'handed_over', registry: 'issued', production: produced })).toBe('issued');
    expect(outcomeOf({ receiving: 'handed_over', registry: 'issued', production: { chain: ['44', '65'], state: 'produced' } })).toBe('issued');
  });

  it('rejected: rejected at the office and the registry, with no production order', () => {
    expect(outcomeOf({ receiving: 'rejected', registry: 'rejected', production: null })).toBe('rejected');
    expect(outcomeOf({ receiving: 'rejected', registry: 'rejected', production: { chain: ['44'], state: 'queued' } })).toBe('unfinished');
  });

  it('missing at the receiving office or the home registry', () => {
    expect(outcomeOf({ receiving: null, registry: 'issued', production: produced })).toBe('missing');
    expect(outcomeOf({ receiving: 'handed_over', registry: null, production: produced })).toBe('missing');
  });

  it('unfinished: any one of them not final, or the three disagree', () => {
    expect(outcomeOf({ receiving: 'handed_over', registry: 'signed_off', production: produced })).toBe('unfinished');
    expect(outcomeOf({ receiving: 'handed_over', registry: 'issued', production: null })).toBe('unfinished');
    expect(outcomeOf({ receiving: 'handed_over', registry: 'issued', production: { chain: ['44', '65'], state: 'missing' } })).toBe('unfinished');
    expect(outcomeOf({ receiving: 'submitted', registry: 'under_review', production: null })).toBe('unfinished');
    expect(outcomeOf({ receiving: 'rejected', registry: 'issued', production: produced })).toBe('unfinished');
  });
});

describe('judge', () => {
  it('a clean run: everything issued or rejected as planned, nothing wrong and nothing named', () => {
    const v = judge(
      of([issued(1), issued(2), rejected(3), issued(4, 'one-of-pair', { idNumber: citizen(9) }), rejected(5, 'one-of-pair', { idNumber: citizen(9) })]),
    );
    expect(v).toMatchObject({ accepted: 5, issued: 3, rejected: 2, pending: 0, lost: 0, held: 0, duplicatesIssued: 0, appliedTwice: 0, unexpectedOutcomes: 0 });
    expect(v.wrong).toBe(false);
    expect(v.detail).toEqual({});
  });

  it('a receipt not final at the end is pending and lost too (a timeout is a loss), and is named with its states', () => {
    const v = judge(of([issued(1), receipt(2, 'issued', 'in_production', 'signed_off', { chain: ['44'], state: 'queued' })]));
    expect(v).toMatchObject({ issued: 1, pending: 1, lost: 1, wrong: true });
    expect(v.detail.pending).toEqual(v.detail.lost);
    expect(v.detail.lost![0]).toMatchObject({ receipt: 'R44-20250101-000002', receiving: 'in_production', registry: 'signed_off', production: '44:queued' });
    expect(v.detail.lost![0].why).toMatch(/not final everywhere/);
  });

  it('missing at the home registry (the receiving office answers 200) is lost, not pending', () => {
    const v = judge(of([receipt(1, 'issued', 'submitted', null, null), receipt(2, 'rejected', null, 'rejected', null)]));
    expect(v).toMatchObject({ pending: 0, lost: 2, wrong: true });
    expect(v.detail.lost!.map((r) => [r.registry, r.receiving, r.why])).toEqual([
      ['missing', 'submitted', 'not at the home registry 65'],
      ['rejected', 'missing', 'not at the receiving office of 44'],
    ]);
    expect(v.detail.pending).toBeUndefined();
  });

  it('never names a full ID number', () => {
    const v = judge(of([receipt(1, 'issued', 'submitted', null, null)], { duplicateCitizens: [{ idNumber: citizen(1), validCards: 2, registries: ['65'] }] }));
    const text = JSON.stringify(v);
    expect(text).not.toContain(citizen(1));
    expect(v.detail.lost![0].idNumber).toBe(`${citizen(1).slice(0, 6)}***********${citizen(1).slice(17)}`);
  });

  it('names at most `limit` receipts per category but counts them all', () => {
    const v = judge(of(Array.from({ length: 25 }, (_, i) => receipt(i, 'issued', 'submitted', 'under_review', null))), 10);
    expect(v.lost).toBe(25);
    expect(v.pending).toBe(25);
    expect(v.detail.lost).toHaveLength(10);
    expect(v.detail.pending).toHaveLength(10);
  });

  it('held on purpose (a stalled registry): counted apart while unfinished; missing at the office is still lost; final is unexpected', () => {
    const v = judge(of([receipt(1, 'held', 'submitted', null, null), receipt(2, 'held', null, null, null), issued(3, 'held')]));
    expect(v).toMatchObject({ held: 1, lost: 1, pending: 0, issued: 1, unexpectedOutcomes: 1 });
    expect(v.detail.unexpectedOutcomes![0].why).toMatch(/expected to stay unfinished/);
  });

  it('unexpected outcomes: a final outcome other than the plan, and a pair of one citizen issued twice while both were in flight', () => {
    const pair = (n: number, from: number, to: number) => ({ ...issued(n, 'one-of-pair', { idNumber: citizen(50) }), registrySpan: { from, to } });
    const v = judge(of([rejected(1, 'issued'), issued(2, 'rejected'), pair(3, 1000, 5000), pair(4, 4000, 9000)]));
    expect(v.unexpectedOutcomes).toBe(4);
    expect(v.detail.unexpectedOutcomes!.map((r) => r.why)).toEqual([
      'expected issued, ended rejected',
      'expected rejected, ended issued',
      'one of 2 applications of one citizen submitted together: 2 issued, in flight at the home registry at the same time',
      'one of 2 applications of one citizen submitted together: 2 issued, in flight at the home registry at the same time',
    ]);
    const bothRejected = judge(of([rejected(5, 'one-of-pair', { idNumber: citizen(51) }), rejected(6, 'one-of-pair', { idNumber: citizen(51) })]));
    expect(bothRejected.unexpectedOutcomes).toBe(2);
    expect(bothRejected.detail.unexpectedOutcomes![0].why).toMatch(/none issued$/);
    // The second reached the registry only after the first was issued: a new application, rightly issued (its card replaced the first).
    expect(judge(of([pair(9, 1000, 3000), pair(10, 3500, 6000)])).unexpectedOutcomes).toBe(0);
    // One of the pair lost: that one counts as lost; the pair is not judged on the other alone.
    const oneLost = judge(
      of([receipt(7, 'one-of-pair', 'submitted', null, null, { idNumber: citizen(52) }), rejected(8, 'one-of-pair', { idNumber: citizen(52) })]),
    );
    expect(oneLost).toMatchObject({ lost: 1, unexpectedOutcomes: 0 });
  });

  it('an unfinished receipt is not an unexpected outcome (it is lost)', () => {
    expect(judge(of([receipt(1, 'rejected', 'submitted', 'under_review', null)]))).toMatchObject({ lost: 1, unexpectedOutcomes: 0 });
  });

  it('duplicatesIssued: citizens with more than one valid card, named by masked ID with this run’s receipts', () => {
    const v = judge(
      of([issued(1), issued(2)], {
        duplicateCitizens: [
          { idNumber: citizen(1), validCards: 2, registries: ['65'] },
          { idNumber: citizen(99), validCards: 3, registries: ['44', '65'] },
        ],
      }),
    );
    expect(v).toMatchObject({ duplicatesIssued: 2, wrong: true });
    expect(v.detail.duplicatesIssued).toEqual([
      { idNumber: expect.stringContaining('*'), validCards: 2, registries: ['65'], receipts: ['R44-20250101-000001'] },
      { idNumber: expect.stringContaining('*'), validCards: 3, registries: ['44', '65'], receipts: [] },
    ]);
  });

  it('appliedTwice: receipts with a repeated effect and messages a message log shows applied twice', () => {
    const v = judge(
      of([issued(1, 'issued', { repeats: ['timeline step shipped 2 times at the receiving office 44'] }), issued(2)], {
        inboxRepeats: [
          { service: 'registry-office-65', detail: 'idcard.registry.65.applications/0@12 applied 2 times', key: citizen(2) },
          { service: 'production-center-44', detail: '10 messages applied by its message log, 9 by its inbox', key: null },
        ],
      }),
    );
    expect(v).toMatchObject({ appliedTwice: 3, issued: 2, wrong: true });
    expect(v.detail.appliedTwice).toEqual([
      { receipt: 'R44-20250101-000001', why: 'timeline step shipped 2 times at the receiving office 44' },
      { service: 'registry-office-65', why: 'idcard.registry.65.applications/0@12 applied 2 times (citizen of R44-20250101-000002)' },
      { service: 'production-center-44', why: '10 messages applied by its message log, 9 by its inbox' },
    ]);
    expect(JSON.stringify(v)).not.toContain(citizen(2));
  });
});
