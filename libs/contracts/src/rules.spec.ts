import { canTransition, feeFor, IllegalTransition, transition } from './application';
import { cardExpiryFor } from './card-validity';
import { ETHNIC_GROUP_CODES, cardScriptFor } from './codes/ethnic-groups';
import { PROVINCE_CODES } from './codes/provinces';
import { cstDate, daysLeft, dueDateFor } from './deadline';
import { readJpegDimensions } from './photo';

describe('codes', () => {
  it('has the 31 provinces and the 56 ethnic groups, codes unique and in order', () => {
    expect(PROVINCE_CODES).toHaveLength(31);
    expect(new Set(PROVINCE_CODES).size).toBe(31);
    expect(ETHNIC_GROUP_CODES).toEqual(Array.from({ length: 56 }, (_, i) => String(i + 1).padStart(2, '0')));
  });

  it('prints a second script only for the groups of autonomous regions', () => {
    expect(cardScriptFor('05', '65')).toBe('uyghur');
    expect(cardScriptFor('05', '44')).toBeNull();
    expect(cardScriptFor('01', '65')).toBeNull();
    expect(cardScriptFor('08', '45')).toBe('zhuang');
  });
});

describe('fees and the application status machine', () => {
  it('charges 20 yuan, and 40 for a lost card', () => {
    expect([feeFor('first'), feeFor('renewal'), feeFor('damaged'), feeFor('lost')]).toEqual([20, 20, 20, 40]);
  });

  it('moves only along the flow', () => {
    expect(transition('submitted', 'signed_off')).toBe('signed_off');
    expect(canTransition('arrived', 'handed_over')).toBe(true);
    expect(() => transition('shipped', 'handed_over')).toThrow(IllegalTransition);
    expect(() => transition('rejected', 'signed_off')).toThrow('an application that is rejected cannot become signed_off');
  });
});

describe('the 60-day limit in China Standard Time', () => {
  it('is due at the end of the 60th CST calendar day after acceptance', () => {
    // 23:30 CST on 1 March is still 1 March in CST although UTC says 15:30.
    const accepted = new Date('2026-03-01T15:30:00Z');
    expect(cstDate(accepted)).toBe('2026-03-01');
    expect(dueDateFor(accepted).toISOString()).toBe('2026-04-30T16:00:00.000Z'); // midnight CST starting 1 May
    expect(daysLeft(dueDateFor(accepted), accepted)).toBe(60);
  });

  it('counts calendar days across a CST midnight, to 0 on the last day and below once breached', () => {
    const accepted = new Date('2026-01-31T16:00:00Z'); // 00:00 CST, 1 February
    const due = dueDateFor(accepted);
    expect(cstDate(new Date(due.getTime() - 1))).toBe('2026-04-02');
    expect(daysLeft(due, new Date('2026-04-02T15:59:59Z'))).toBe(0);
    expect(daysLeft(due, new Date('2026-04-02T16:00:00Z'))).toBe(-1);
  });
});

describe('card validity by age at issue', () => {
  it.each([
    ['2010-11-23', '2026-11-22', '2031-11-22'], // 15 → 5 years
    ['2010-11-22', '2026-11-22', '2036-11-22'], // 16 → 10 years
    ['2000-11-23', '2026-11-22', '2036-11-22'], // 25 → 10 years
    ['2000-11-22', '2026-11-22', '2046-11-22'], // 26 → 20 years
    ['1980-11-23', '2026-11-22', '2046-11-22'], // 45 → 20 years
    ['1980-11-22', '2026-11-22', null], // 46 → long-term
  ])('born %s, issued %s: valid until %s', (birth, issue, expiry) => {
    expect(cardExpiryFor(birth, issue)).toBe(expiry);
  });
});

describe('photo dimensions', () => {
  it('reads the frame size of a JPEG and refuses what is not one', () => {
    const sof = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x04, 0x00, 0x00, 0xff, 0xc0, 0x00, 0x0b, 0x08, 0x01, 0xb9, 0x01, 0x66, 0x01, 0x01, 0x11, 0x00]);
    expect(readJpegDimensions(sof)).toEqual({ width: 358, height: 441 });
    expect(readJpegDimensions(Buffer.from('not a jpeg'))).toBeNull();
  });
});
