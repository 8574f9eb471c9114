import { addMonths, judgeTemporaryCardRequest, temporaryCardValidUntil, temporarySerialFor } from './temporary-card';

describe('temporary cards', () => {
  it('have serials of their own: T, the home province, 15 digits', () => {
    expect(temporarySerialFor('44', 7)).toBe('T44000000000000007');
    expect(temporarySerialFor('44', 7)).toMatch(/^[0-9A-Z]{10,20}$/);
    expect(() => temporarySerialFor('4', 1)).toThrow(RangeError);
    expect(() => temporarySerialFor('44', 0)).toThrow(RangeError);
  });

  it('are valid three months from the issue date, the 31st falling on a short month’s last day', () => {
    expect(temporaryCardValidUntil('2026-12-01')).toBe('2027-03-01');
    expect(temporaryCardValidUntil('2026-11-30')).toBe('2027-02-28');
    expect(addMonths('2027-11-30', 3)).toBe('2028-02-29');
    expect(addMonths('2026-10-15', 3)).toBe('2027-01-15');
  });

  it('are issued only in time, to someone in the register, under the registered name', () => {
    const now = new Date('2026-12-01T08:00:00Z');
    const later = new Date('2026-12-01T08:00:10Z');
    expect(judgeTemporaryCardRequest({ name: '王芳' }, '王 芳', now, later)).toEqual({ outcome: 'issue' });
    expect(judgeTemporaryCardRequest({ name: '王芳' }, '王芳', later, now)).toEqual({ outcome: 'refuse', refusal: 'too-late' });
    expect(judgeTemporaryCardRequest(null, '王芳', now, later)).toEqual({ outcome: 'refuse', refusal: 'not-in-register' });
    expect(judgeTemporaryCardRequest({ name: '王芳' }, '王芬', now, later)).toEqual({ outcome: 'refuse', refusal: 'mismatch' });
  });
});
