import { expiryToRecord } from './new-card';

describe('expiryToRecord', () => {
  it('records 10 years for a holder aged 16-25 at issue, the day of the anniversary', () => {
    expect(expiryToRecord('2005-05-05', '2025-06-15', '2035-06-15')).toEqual({ expiresOn: '2035-06-15', statedDiffers: false });
  });

  it('records long-term (null) for a holder over 45', () => {
    expect(expiryToRecord('1970-01-01', '2025-06-15', null)).toEqual({ expiresOn: null, statedDiffers: false });
  });

  it('keeps the legal expiry and says so when the production centre stated another', () => {
    expect(expiryToRecord('1990-01-01', '2025-06-15', '2035-06-15')).toEqual({ expiresOn: '2045-06-15', statedDiffers: true });
  });

  it('computes it when none was stated', () => {
    expect(expiryToRecord('1990-01-01', '2025-06-15', undefined)).toEqual({ expiresOn: '2045-06-15', statedDiffers: false });
  });
});
