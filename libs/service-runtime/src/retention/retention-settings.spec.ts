import { SettingsReader } from '@idcard/settings';
import { DEFAULT_RETENTION, readRetentionSettings } from './retention-settings';

const TRUST_WINDOW = { pastMs: 30 * 86_400_000, futureMs: 300_000 };

describe('retention settings', () => {
  it('defaults to 7 days of sent outbox, 31 of inbox, 90 of biometrics, hourly', () => {
    const read = new SettingsReader({});
    expect(readRetentionSettings(read, TRUST_WINDOW)).toEqual(DEFAULT_RETENTION);
    expect(() => read.check('x')).not.toThrow();
  });

  it('refuses an inbox period a redelivered message could outlive', () => {
    const read = new SettingsReader({ INBOX_RETENTION_DAYS: '14', OUTBOX_RETENTION_DAYS: '0' });
    readRetentionSettings(read, TRUST_WINDOW);
    expect(() => read.check('x')).toThrow(
      /OUTBOX_RETENTION_DAYS.*INBOX_RETENTION_DAYS \(14\) must be longer than MESSAGE_MAX_AGE_MS \+ MESSAGE_MAX_AHEAD_MS \(30.00 days\)/,
    );
    const shorterWindow = new SettingsReader({ INBOX_RETENTION_DAYS: '14' });
    expect(readRetentionSettings(shorterWindow, { pastMs: 7 * 86_400_000, futureMs: 300_000 }).inboxAppliedDays).toBe(14);
    expect(() => shorterWindow.check('x')).not.toThrow();
  });
});
