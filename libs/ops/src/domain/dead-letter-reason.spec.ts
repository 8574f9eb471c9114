import { BoundedLabelValues, deadLetterReasonLabel } from './dead-letter-reason';

describe('dead-letter reason labels', () => {
  it('keeps the first clause and hides every number', () => {
    expect(deadLetterReasonLabel('payload invalid: payload.idNumber: must be a citizen ID number')).toBe('payload invalid');
    expect(deadLetterReasonLabel('failed 5 times: connect ECONNREFUSED 127.0.0.1:5432')).toBe('failed # times');
    expect(deadLetterReasonLabel('application R4401202600012 is for the registry of province 65, not 44')).toBe(
      'application # is for the registry of province #',
    );
    expect(deadLetterReasonLabel('card 440100000001 names another citizen than application R44012026')).toBe('card # names another citizen than application #');
    expect(deadLetterReasonLabel('')).toBe('unspecified');
  });

  it('never lets an ID number through', () => {
    expect(deadLetterReasonLabel('citizen 11010519491231002X is not in the register')).toBe('citizen # is not in the register');
  });

  it('caps the distinct values and counts the rest as other', () => {
    const labels = new BoundedLabelValues(2);
    expect(['a', 'b', 'c', 'a'].map((v) => labels.admit(v))).toEqual(['a', 'b', 'other', 'a']);
  });
});
