import { SettingsReader } from '@idcard/settings';
import { defaultHttpPort, readServiceSettings } from './service-settings';

describe('the settings every service reads', () => {
  it('defaults the port to where npm start puts the service: 3000 + province × 10 + 0/1/2', () => {
    const base = { PROVINCE_CODE: '44', DATABASE_URL: 'postgres://u@h/db', KAFKA_BROKERS: 'k:9092' };
    expect(readServiceSettings('registry-office', new SettingsReader(base)).httpPort).toBe(3440);
    expect(readServiceSettings('production-center', new SettingsReader(base)).httpPort).toBe(3441);
    expect(readServiceSettings('receiving-office', new SettingsReader(base)).httpPort).toBe(3442);
    expect(defaultHttpPort('receiving-office', '65')).toBe(3652);
    expect(readServiceSettings('receiving-office', new SettingsReader({ ...base, HTTP_PORT: '8080' })).httpPort).toBe(8080);
  });

  it('refuses a deployment without its province, database or brokers, naming all three', () => {
    const read = new SettingsReader({ PROVINCE_CODE: '99', DATABASE_URL: 'mysql://x' });
    readServiceSettings('registry-office', read);
    expect(() => read.check('registry-office')).toThrow(/PROVINCE_CODE.*DATABASE_URL.*KAFKA_BROKERS/);
  });
});
