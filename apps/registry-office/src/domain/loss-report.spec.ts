import { judgeLossReport, lossForLostApplication, RegisteredCard } from './loss-report';

const valid: RegisteredCard = { cardSerial: 'P44202611220000002', status: 'valid', invalidationReason: null };
const replaced: RegisteredCard = { cardSerial: 'RG00000000000001', status: 'invalidated', invalidationReason: 'replaced' };
const lost: RegisteredCard = { cardSerial: 'P44202611220000002', status: 'invalidated', invalidationReason: 'lost' };

describe('judgeLossReport', () => {
  it('marks the one valid card lost, named or not', () => {
    expect(judgeLossReport(true, [valid, replaced])).toEqual({ outcome: 'accepted', cardSerial: valid.cardSerial });
    expect(judgeLossReport(true, [valid, replaced], valid.cardSerial)).toEqual({ outcome: 'accepted', cardSerial: valid.cardSerial });
  });

  it('refuses a citizen who is not in the register', () => {
    expect(judgeLossReport(false, [])).toEqual({ outcome: 'refused', refusal: 'not-in-register' });
  });

  it('refuses a card that is not the current one: an old card, or a serial the citizen never held', () => {
    expect(judgeLossReport(true, [valid, replaced], replaced.cardSerial)).toEqual({ outcome: 'refused', refusal: 'not-current-card' });
    expect(judgeLossReport(true, [valid], 'P99999999999999')).toEqual({ outcome: 'refused', refusal: 'not-current-card' });
    expect(judgeLossReport(true, [])).toEqual({ outcome: 'refused', refusal: 'not-current-card' });
    expect(judgeLossReport(true, [{ ...valid, status: 'invalidated', invalidationReason: 'expired' }])).toEqual({
      outcome: 'refused',
      refusal: 'not-current-card',
    });
  });

  it('refuses a second report of a card already lost, saying which', () => {
    expect(judgeLossReport(true, [lost, replaced])).toEqual({ outcome: 'refused', refusal: 'already-lost', cardSerial: lost.cardSerial });
    expect(judgeLossReport(true, [lost], lost.cardSerial)).toEqual({ outcome: 'refused', refusal: 'already-lost', cardSerial: lost.cardSerial });
  });
});

describe('lossForLostApplication', () => {
  it('asks nothing of other kinds, nor of a citizen without a valid card', () => {
    expect(lossForLostApplication('renewal', undefined, valid.cardSerial)).toEqual({ action: 'none' });
    expect(lossForLostApplication('lost', undefined, null)).toEqual({ action: 'none' });
  });

  it('records the loss of the valid card when the clerk did at the counter, and refuses otherwise', () => {
    expect(lossForLostApplication('lost', true, valid.cardSerial)).toEqual({ action: 'record', cardSerial: valid.cardSerial });
    expect(lossForLostApplication('lost', false, valid.cardSerial)).toEqual({ action: 'refuse' });
    expect(lossForLostApplication('lost', undefined, valid.cardSerial)).toEqual({ action: 'refuse' });
  });
});
