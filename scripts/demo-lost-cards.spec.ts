import { anyLostCards, extraRegisterCitizens, parseLostCardCounts } from './demo-lost-cards';

describe("the demo's lost-card options", () => {
  it('reads --losses, --found and --temporary as whole numbers, 0 when absent', () => {
    expect(parseLostCardCounts({ losses: '30', found: '10', temporary: '10' })).toEqual({ losses: 30, found: 10, temporary: 10 });
    expect(parseLostCardCounts({})).toEqual({ losses: 0, found: 0, temporary: 0 });
    expect(() => parseLostCardCounts({ losses: '-1' })).toThrow('--losses must be a whole number, got -1');
    expect(() => parseLostCardCounts({ found: 'some' })).toThrow('--found must be a whole number, got some');
  });

  it('seeds no extra citizens without lost cards, and enough for every one of them otherwise', () => {
    expect(anyLostCards({ losses: 0, found: 0, temporary: 0 })).toBe(false);
    expect(extraRegisterCitizens({ losses: 0, found: 0, temporary: 0 }, 3)).toBe(0);
    const counts = { losses: 30, found: 10, temporary: 10 };
    expect(anyLostCards(counts)).toBe(true);
    // Found cards of lost ones reuse those citizens; the others need one each, spread over the provinces, twice over.
    expect(extraRegisterCitizens(counts, 3) * 3).toBeGreaterThanOrEqual(2 * (30 + 10 + 10));
  });
});
