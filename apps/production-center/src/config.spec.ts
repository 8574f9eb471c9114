import { AdjustableClock } from '@idcard/clock';
import { DEFAULTS, ProductionCenterConfig, productionOptionsFromEnv, productionSettings } from './config';

const base: ProductionCenterConfig = {
  identity: { service: 'production-center', province: '44' },
  databaseUrl: 'postgres://localhost/x',
  kafkaBrokers: ['localhost:9092'],
  clock: new AdjustableClock(),
  printableScripts: [],
};

describe('production centre settings', () => {
  it('apply the defaults and the default script centres, overridden per script', () => {
    const s = productionSettings({ ...base, scriptCentres: { uyghur: '31' } });
    expect(s.shipmentRules).toEqual({ sizeLimit: DEFAULTS.shipmentSizeLimit, maxWaitMs: 4 * 60 * 60 * 1000 });
    expect(s.productionIntervalMs).toBe(1000);
    expect(s.cardsPerRun).toBe(100);
    expect(s.scriptCentres).toMatchObject({ uyghur: '31', kazakh: '65', tibetan: '54', korean: '22' });
  });

  it('refuse unknown scripts, provinces and non-positive limits', () => {
    expect(() => productionSettings({ ...base, printableScripts: ['latin' as never] })).toThrow('not a card script');
    expect(() => productionSettings({ ...base, scriptCentres: { tibetan: '99' } })).toThrow('not a province code');
    expect(() => productionSettings({ ...base, shipmentSizeLimit: 0 })).toThrow('shipmentSizeLimit');
    expect(() => productionSettings({ ...base, identity: { service: 'production-center', province: '00' } })).toThrow('province');
    expect(productionSettings({ ...base, productionIntervalMs: 0 }).productionIntervalMs).toBe(0);
  });

  it('read PRINTABLE_SCRIPTS, SCRIPT_CENTRES and the numbers from the environment', () => {
    expect(
      productionOptionsFromEnv({
        PRINTABLE_SCRIPTS: 'uyghur, kazakh',
        SCRIPT_CENTRES: 'tibetan:54,yi:53',
        SHIPMENT_SIZE_LIMIT: '20',
        SHIPMENT_MAX_WAIT_MS: '60000',
        PRODUCTION_INTERVAL_MS: '250',
      }),
    ).toEqual({
      printableScripts: ['uyghur', 'kazakh'],
      scriptCentres: { tibetan: '54', yi: '53' },
      shipmentSizeLimit: 20,
      shipmentMaxWaitMs: 60000,
      productionIntervalMs: 250,
      cardsPerRun: undefined,
    });
    expect(productionOptionsFromEnv({}).printableScripts).toEqual([]);
    expect(() => productionOptionsFromEnv({ SCRIPT_CENTRES: 'tibetan=54' })).toThrow('script:province');
    expect(() => productionOptionsFromEnv({ SHIPMENT_SIZE_LIMIT: 'ten' })).toThrow('SHIPMENT_SIZE_LIMIT');
  });
});
