import { rejectionOutcome, signOffOutcome } from './decisions';

describe('decisions of the home registry', () => {
  it('move a submitted application through signed off into production', () => {
    expect(signOffOutcome('submitted')).toEqual({ outcome: 'apply', statuses: ['signed_off', 'in_production'] });
  });

  it('reject a submitted application', () => {
    expect(rejectionOutcome('submitted')).toEqual({ outcome: 'apply', statuses: ['rejected'] });
  });

  it('treat the same decision again as already applied, however far the application has got', () => {
    for (const status of ['signed_off', 'in_production', 'shipped', 'arrived', 'handed_over'] as const) {
      expect(signOffOutcome(status)).toEqual({ outcome: 'already-applied' });
    }
    expect(rejectionOutcome('rejected')).toEqual({ outcome: 'already-applied' });
  });

  it('call the opposite decision a conflict, naming what was recorded', () => {
    expect(signOffOutcome('rejected')).toEqual({ outcome: 'conflict', reason: 'a sign-off for an application this office recorded as rejected' });
    expect(rejectionOutcome('shipped')).toEqual({ outcome: 'conflict', reason: expect.stringContaining('it is shipped') });
    expect(rejectionOutcome('handed_over')).toEqual({ outcome: 'conflict', reason: expect.stringContaining('it is handed_over') });
  });
});
