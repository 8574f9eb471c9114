import { DEFAULT_SCRIPT_CENTRES, routeOrder, ScriptCapability } from './script-routing';

const guangdong: ScriptCapability = { province: '44', printableScripts: [], scriptCentres: DEFAULT_SCRIPT_CENTRES };
const xinjiang: ScriptCapability = { province: '65', printableScripts: ['uyghur', 'kazakh'], scriptCentres: DEFAULT_SCRIPT_CENTRES };

describe('routing an order by its card script', () => {
  it('produces a Chinese-only card anywhere', () => {
    expect(routeOrder({ cardScript: null }, guangdong)).toEqual({ action: 'produce' });
    expect(routeOrder({}, guangdong)).toEqual({ action: 'produce' });
  });

  it('produces a card whose script this centre prints, forwarded or not', () => {
    expect(routeOrder({ cardScript: 'uyghur' }, xinjiang)).toEqual({ action: 'produce' });
    expect(routeOrder({ cardScript: 'uyghur', forwardedFrom: '44' }, xinjiang)).toEqual({ action: 'produce' });
  });

  it('forwards a script it cannot print to the centre that prints it', () => {
    expect(routeOrder({ cardScript: 'uyghur' }, guangdong)).toEqual({ action: 'forward', to: '65' });
    expect(routeOrder({ cardScript: 'tibetan' }, xinjiang)).toEqual({ action: 'forward', to: '54' });
    expect(routeOrder({ cardScript: 'korean' }, { ...guangdong, scriptCentres: { korean: '21' } })).toEqual({ action: 'forward', to: '21' });
  });

  it('refuses a forwarded order it cannot print instead of passing it on again', () => {
    // The reason is the dead letter's (x-dead-letter-reason): what an operator reads to find the order.
    const r = routeOrder({ cardScript: 'tibetan', forwardedFrom: '44' }, xinjiang);
    expect(r).toEqual({ action: 'refuse', reason: 'production centre 65 cannot print tibetan either; the order was already forwarded by centre 44' });
  });

  it('refuses a script no centre is known for, or whose named centre is this one', () => {
    expect(routeOrder({ cardScript: 'yi' }, { ...guangdong, scriptCentres: {} })).toEqual({
      action: 'refuse',
      reason: 'production centre 44 cannot print yi and knows no centre that can',
    });
    expect(routeOrder({ cardScript: 'zhuang' }, { ...guangdong, scriptCentres: { zhuang: '44' } })).toEqual({
      action: 'refuse',
      reason: 'production centre 44 is named as the zhuang centre but cannot print zhuang',
    });
  });

  it('knows a default centre for every script', () => {
    expect(DEFAULT_SCRIPT_CENTRES).toEqual({ mongolian: '15', tibetan: '54', uyghur: '65', kazakh: '65', yi: '51', zhuang: '45', korean: '22' });
  });
});
