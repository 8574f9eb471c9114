import { SettingsError, SettingsReader } from '@idcard/service-runtime';
import { productionCenterSettingsFrom, readProductionCenterSettings } from './config';

const problemsOf = (env: Record<string, string>): string[] => {
  try {
    productionCenterSettingsFrom(env);
  } catch (err) {
    expect(err).toBeInstanceOf(SettingsError);
    expect((err as SettingsError).who).toBe('production-center');
    return (err as SettingsError).problems;
  }
  throw new Error('the settings were accepted');
};

describe('production centre settings', () => {
  it('apply the defaults and the default script centres when nothing is set', () => {
    expect(productionCenterSettingsFrom({})).toEqual({
      printableScripts: [],
      scriptCentres: { mongolian: '15', tibetan: '54', uyghur: '65', kazakh: '65', yi: '51', zhuang: '45', korean: '22' },
      shipmentSizeLimit: 50,
      shipmentMaxWaitMs: 4 * 60 * 60 * 1000,
      productionIntervalMs: 1000,
      cardsPerRun: 100,
    });
    expect(productionCenterSettingsFrom({ PRINTABLE_SCRIPTS: '  ', SHIPMENT_SIZE_LIMIT: '' }).shipmentSizeLimit).toBe(50);
  });

  it('read PRINTABLE_SCRIPTS, SCRIPT_CENTRES (over the default centres) and the numbers', () => {
    const s = productionCenterSettingsFrom({
      PRINTABLE_SCRIPTS: 'uyghur, kazakh',
      SCRIPT_CENTRES: 'tibetan:54,yi:53, uyghur : 31',
      SHIPMENT_SIZE_LIMIT: '20',
      SHIPMENT_MAX_WAIT_MS: '60000',
      PRODUCTION_INTERVAL_MS: '250',
      CARDS_PER_RUN: '7',
    });
    expect(s).toMatchObject({
      printableScripts: ['uyghur', 'kazakh'],
      shipmentSizeLimit: 20,
      shipmentMaxWaitMs: 60000,
      productionIntervalMs: 250,
      cardsPerRun: 7,
    });
    expect(s.scriptCentres).toMatchObject({ tibetan: '54', yi: '53', uyghur: '31', kazakh: '65', korean: '22' });
    expect(productionCenterSettingsFrom({ PRODUCTION_INTERVAL_MS: '0' }).productionIntervalMs).toBe(0);
  });

  it('name each bad variable', () => {
    expect(problemsOf({ PRINTABLE_SCRIPTS: 'uyghur,latin' })).toEqual([expect.stringMatching(/^PRINTABLE_SCRIPTS: "latin" is not a card script/)]);
    expect(problemsOf({ SCRIPT_CENTRES: 'tibetan=54' })).toEqual([expect.stringContaining('SCRIPT_CENTRES: "tibetan=54" is not script:province')]);
    expect(problemsOf({ SCRIPT_CENTRES: 'latin:65' })).toEqual([expect.stringMatching(/^SCRIPT_CENTRES: "latin" is not a card script/)]);
    expect(problemsOf({ SCRIPT_CENTRES: 'tibetan:99' })).toEqual([expect.stringContaining('SCRIPT_CENTRES: the tibetan centre "99" is not a province code')]);
    expect(problemsOf({ SHIPMENT_SIZE_LIMIT: 'ten' })).toEqual([expect.stringMatching(/^SHIPMENT_SIZE_LIMIT must be a whole number from 1/)]);
    expect(problemsOf({ SHIPMENT_SIZE_LIMIT: '0' })).toEqual([expect.stringMatching(/^SHIPMENT_SIZE_LIMIT/)]);
    expect(problemsOf({ SHIPMENT_MAX_WAIT_MS: '-5' })).toEqual([expect.stringMatching(/^SHIPMENT_MAX_WAIT_MS/)]);
    expect(problemsOf({ PRODUCTION_INTERVAL_MS: '1.5' })).toEqual([expect.stringMatching(/^PRODUCTION_INTERVAL_MS must be a whole number from 0/)]);
    expect(problemsOf({ CARDS_PER_RUN: '0' })).toEqual([expect.stringMatching(/^CARDS_PER_RUN/)]);
  });

  it('report every problem in one error', () => {
    const problems = problemsOf({
      PRINTABLE_SCRIPTS: 'latin',
      SCRIPT_CENTRES: 'tibetan:99',
      SHIPMENT_SIZE_LIMIT: 'x',
      SHIPMENT_MAX_WAIT_MS: 'y',
      PRODUCTION_INTERVAL_MS: 'z',
      CARDS_PER_RUN: '0',
    });
    expect(problems.map((p) => p.split(/[ :]/)[0])).toEqual([
      'PRINTABLE_SCRIPTS',
      'SCRIPT_CENTRES',
      'SHIPMENT_SIZE_LIMIT',
      'SHIPMENT_MAX_WAIT_MS',
      'PRODUCTION_INTERVAL_MS',
      'CARDS_PER_RUN',
    ]);
  });

  it('record problems in the reader they are given instead of throwing, beside the common settings', () => {
    const read = new SettingsReader({ CARDS_PER_RUN: 'many' });
    expect(readProductionCenterSettings(read).cardsPerRun).toBe(100);
    expect(() => read.check('production-center')).toThrow(/production-center cannot start: CARDS_PER_RUN must be a whole number/);
  });
});
