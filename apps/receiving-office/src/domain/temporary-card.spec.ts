import { answerBy, TEMPORARY_CARD_FEE_YUAN, temporaryCardAnswerOutcome, TemporaryCardStatus, waitingVerdict } from './temporary-card';

const requestedAt = new Date('2026-12-01T02:00:00.000Z');
const by = answerBy(requestedAt, 5000);
const inTime = new Date(by.getTime() - 1);
const late = new Date(by.getTime() + 1);
const issued = { outcome: 'issued' as const, temporarySerial: 'T4420261201000001', validUntil: '2027-02-28' };
const refused = { outcome: 'refused' as const, refusal: 'mismatch' };
const request = (status: TemporaryCardStatus, o: { temporarySerial?: string; refusal?: string } = {}) => ({
  status,
  answerBy: by,
  temporarySerial: o.temporarySerial ?? null,
  refusal: o.refusal ?? null,
});

describe('a temporary ID request', () => {
  it('costs 10 yuan and waits the configured time for the registry', () => {
    expect(TEMPORARY_CARD_FEE_YUAN).toBe(10);
    expect(by.toISOString()).toBe('2026-12-01T02:00:05.000Z');
  });

  it('takes an answer that comes in time', () => {
    expect(temporaryCardAnswerOutcome(request('pending'), issued, inTime)).toEqual({ outcome: 'issued' });
    expect(temporaryCardAnswerOutcome(request('pending'), refused, by)).toEqual({ outcome: 'refused' });
  });

  it('voids an issue that comes after the office gave up, or after answer-by while it was still waiting', () => {
    expect(temporaryCardAnswerOutcome(request('no_answer'), issued, inTime)).toEqual({ outcome: 'void' });
    expect(temporaryCardAnswerOutcome(request('pending'), issued, late)).toEqual({ outcome: 'void' });
    expect(temporaryCardAnswerOutcome(request('no_answer'), refused, late)).toEqual({ outcome: 'late-refusal' });
    expect(temporaryCardAnswerOutcome(request('pending'), refused, late)).toEqual({ outcome: 'late-refusal' });
  });

  it('takes the same answer again as nothing new', () => {
    expect(temporaryCardAnswerOutcome(request('issued', { temporarySerial: issued.temporarySerial }), issued, late)).toEqual({ outcome: 'already-applied' });
    expect(temporaryCardAnswerOutcome(request('voided', { temporarySerial: issued.temporarySerial }), issued, late)).toEqual({ outcome: 'already-applied' });
    expect(temporaryCardAnswerOutcome(request('refused', { refusal: 'mismatch' }), refused, late)).toEqual({ outcome: 'already-applied' });
    expect(temporaryCardAnswerOutcome(request('no_answer', { refusal: 'mismatch' }), refused, late)).toEqual({ outcome: 'already-applied' });
  });

  it('calls a different answer to one recorded a conflict', () => {
    const conflicts = [
      temporaryCardAnswerOutcome(request('issued', { temporarySerial: issued.temporarySerial }), refused, inTime),
      temporaryCardAnswerOutcome(request('issued', { temporarySerial: 'T4420261201000009' }), issued, inTime),
      temporaryCardAnswerOutcome(request('refused', { refusal: 'mismatch' }), issued, inTime),
      temporaryCardAnswerOutcome(request('refused', { refusal: 'not-in-register' }), refused, inTime),
      temporaryCardAnswerOutcome(request('no_answer', { refusal: 'too-late' }), issued, late),
    ];
    for (const c of conflicts) expect(c.outcome).toBe('conflict');
    expect(conflicts[0]).toEqual({ outcome: 'conflict', reason: 'the registry now says refused (mismatch) for a request recorded as issued' });
  });

  it('tells the waiting clerk to wait, the answer, or to give up at answer-by', () => {
    expect(waitingVerdict('pending', by, inTime)).toBe('wait');
    expect(waitingVerdict('pending', by, by)).toBe('give-up');
    expect(waitingVerdict('issued', by, late)).toBe('issued');
    expect(waitingVerdict('refused', by, inTime)).toBe('refused');
    expect(waitingVerdict('no_answer', by, inTime)).toBe('give-up');
    expect(waitingVerdict('voided', by, inTime)).toBe('give-up');
  });
});
