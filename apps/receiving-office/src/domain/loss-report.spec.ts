import { lossRefusalText, lossReportAnswerOutcome } from './loss-report';

describe('a loss report', () => {
  it('takes the first answer', () => {
    expect(lossReportAnswerOutcome({ status: 'pending', refusal: null }, { outcome: 'accepted', cardSerial: 'P442026030100000042' })).toEqual({
      outcome: 'apply',
    });
    expect(lossReportAnswerOutcome({ status: 'pending', refusal: null }, { outcome: 'refused', refusal: 'not-in-register' })).toEqual({ outcome: 'apply' });
  });

  it('takes the same answer again as nothing new', () => {
    expect(lossReportAnswerOutcome({ status: 'accepted', refusal: null }, { outcome: 'accepted', cardSerial: null })).toEqual({ outcome: 'already-applied' });
    expect(lossReportAnswerOutcome({ status: 'refused', refusal: 'already-lost' }, { outcome: 'refused', refusal: 'already-lost' })).toEqual({
      outcome: 'already-applied',
    });
  });

  it('calls a different answer a conflict, naming both', () => {
    expect(lossReportAnswerOutcome({ status: 'accepted', refusal: null }, { outcome: 'refused', refusal: 'already-lost' })).toEqual({
      outcome: 'conflict',
      reason: 'the registry now says refused (already-lost) for a loss report recorded as accepted',
    });
    expect(lossReportAnswerOutcome({ status: 'refused', refusal: 'not-current-card' }, { outcome: 'refused', refusal: 'already-lost' }).outcome).toBe(
      'conflict',
    );
    expect(lossReportAnswerOutcome({ status: 'refused', refusal: 'not-current-card' }, { outcome: 'accepted', cardSerial: null }).outcome).toBe('conflict');
  });

  it('explains each refusal to the clerk', () => {
    expect(lossRefusalText('not-in-register')).toMatch(/not in the home province's population register/);
    expect(lossRefusalText('not-current-card')).toMatch(/not the citizen's current card/);
    expect(lossRefusalText('already-lost')).toMatch(/already reported lost/);
    expect(lossRefusalText('something-new')).toBe('something-new');
  });
});
