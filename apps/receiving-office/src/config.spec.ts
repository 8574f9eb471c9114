import { readServiceSettings, SettingsError, SettingsReader } from '@idcard/service-runtime';
import { readReceivingOfficeSettings, receivingOfficeSettingsFrom } from './config';

describe('receiving office settings', () => {
  it('default every setting', () => {
    expect(receivingOfficeSettingsFrom({})).toEqual({
      smsSender: 'table',
      deadlineTickMs: 60_000,
      warningDaysLeft: [15, 5],
      deadlineBatchSize: 500,
      foundCardKeepDays: 90,
      foundCardSweepMs: 3_600_000,
      temporaryCardAnswerMs: 5000,
    });
  });

  it('read every setting, the warning points most days first', () => {
    const env = {
      SMS_SENDER: 'table',
      DEADLINE_TICK_MS: '0',
      DEADLINE_WARNING_DAYS_LEFT: '3, 20,10',
      DEADLINE_BATCH_SIZE: '4',
      FOUND_CARD_KEEP_DAYS: '30',
      FOUND_CARD_SWEEP_MS: '0',
      TEMPORARY_CARD_ANSWER_MS: '2000',
    };
    expect(receivingOfficeSettingsFrom(env)).toEqual({
      smsSender: 'table',
      deadlineTickMs: 0,
      warningDaysLeft: [20, 10, 3],
      deadlineBatchSize: 4,
      foundCardKeepDays: 30,
      foundCardSweepMs: 0,
      temporaryCardAnswerMs: 2000,
    });
  });

  it.each([
    ['SMS_SENDER', 'carrier-pigeon', /SMS_SENDER must be one of table, got "carrier-pigeon"/],
    ['DEADLINE_TICK_MS', 'soon', /DEADLINE_TICK_MS must be a whole number/],
    ['DEADLINE_WARNING_DAYS_LEFT', '60', /DEADLINE_WARNING_DAYS_LEFT must list whole numbers from 0 to 59/],
    ['DEADLINE_WARNING_DAYS_LEFT', '5,5', /DEADLINE_WARNING_DAYS_LEFT: warning points must differ/],
    ['DEADLINE_BATCH_SIZE', '0', /DEADLINE_BATCH_SIZE must be a whole number from 1/],
    ['FOUND_CARD_KEEP_DAYS', '0', /FOUND_CARD_KEEP_DAYS must be a whole number from 1/],
    ['FOUND_CARD_SWEEP_MS', 'hourly', /FOUND_CARD_SWEEP_MS must be a whole number/],
    ['TEMPORARY_CARD_ANSWER_MS', '600000', /TEMPORARY_CARD_ANSWER_MS must be a whole number from 100 to 60000/],
  ])('name a bad %s (%s)', (name, value, problem) => {
    expect(() => receivingOfficeSettingsFrom({ [name]: value })).toThrow(problem);
  });

  it('name every bad setting in one error', () => {
    let error: unknown;
    try {
      receivingOfficeSettingsFrom({ SMS_SENDER: 'fax', DEADLINE_TICK_MS: '-1', DEADLINE_WARNING_DAYS_LEFT: 'x', DEADLINE_BATCH_SIZE: 'lots' });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(SettingsError);
    expect((error as SettingsError).who).toBe('receiving-office');
    const named = (error as SettingsError).problems.map((p) => p.split(/[ :]/)[0]);
    expect(named.sort()).toEqual(['DEADLINE_BATCH_SIZE', 'DEADLINE_TICK_MS', 'DEADLINE_WARNING_DAYS_LEFT', 'SMS_SENDER']);
  });

  it('record problems on the reader it is given, beside the common ones, without throwing', () => {
    const read = new SettingsReader({ PROVINCE_CODE: '99', DATABASE_URL: 'postgres://db/postgres', KAFKA_BROKERS: 'k:9092', DEADLINE_TICK_MS: 'soon' });
    readServiceSettings('receiving-office', read);
    expect(readReceivingOfficeSettings(read).deadlineTickMs).toBe(60_000);
    expect(() => read.check('receiving-office')).toThrow(/^receiving-office cannot start: PROVINCE_CODE must be one of .*; DEADLINE_TICK_MS must be/);
  });
});
