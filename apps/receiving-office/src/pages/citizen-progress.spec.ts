import { sameLastFour } from './citizen-progress.service';

describe("the citizen's look-up pair", () => {
  it('matches the last four characters of the ID number, x and X alike, and nothing else', () => {
    expect(sameLastFour('44010619900315123X', '123X')).toBe(true);
    expect(sameLastFour('44010619900315123X', '123x')).toBe(true);
    expect(sameLastFour('440106199003151234', '1234')).toBe(true);
    expect(sameLastFour('440106199003151234', '1235')).toBe(false);
    expect(sameLastFour('440106199003151234', '0315')).toBe(false);
  });
});
