import { partitionsAtOnceFor } from './consumer-concurrency';

describe('partitionsAtOnceFor', () => {
  it('leaves one connection of a small pool to HTTP and the relays', () => {
    expect(partitionsAtOnceFor(3, 2)).toBe(1);
    expect(partitionsAtOnceFor(5, 2)).toBe(2);
    expect(partitionsAtOnceFor(4, 1)).toBe(3);
  });

  it('applies at most three partitions at once however large the pool', () => {
    expect(partitionsAtOnceFor(10, 2)).toBe(3);
    expect(partitionsAtOnceFor(100, 1)).toBe(3);
  });

  it('applies one partition at a time when the pool has no connection to spare', () => {
    expect(partitionsAtOnceFor(2, 2)).toBe(1);
    expect(partitionsAtOnceFor(1, 2)).toBe(1);
    expect(partitionsAtOnceFor(3, 0)).toBe(2);
  });
});
