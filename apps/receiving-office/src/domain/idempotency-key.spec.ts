import { InvalidFields } from '@idcard/errors';
import { canonicalJson, formDigest, idempotencyKeyOf } from './idempotency-key';

describe('the Idempotency-Key of a submission', () => {
  it('is optional, and one value of visible ASCII when given', () => {
    expect(idempotencyKeyOf(undefined)).toBeNull();
    expect(idempotencyKeyOf('8f0c2a4e-1b7d-4c7e-9a51-2f1f0e6b9d10')).toBe('8f0c2a4e-1b7d-4c7e-9a51-2f1f0e6b9d10');
    for (const bad of ['', ' ', 'a b', '受理', 'x'.repeat(256), ['a', 'b']]) expect(() => idempotencyKeyOf(bad)).toThrow(InvalidFields);
  });

  it('compares forms by content, not by the order of their fields', () => {
    expect(canonicalJson({ b: [1, { d: 2, c: null }], a: 'x' })).toBe('{"a":"x","b":[1,{"c":null,"d":2}]}');
    expect(formDigest({ a: 1, b: { c: 2 } })).toBe(formDigest({ b: { c: 2 }, a: 1 }));
    expect(formDigest({ a: 1 })).not.toBe(formDigest({ a: 2 }));
  });
});
