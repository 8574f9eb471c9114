import { canonicalJson } from './canonical-json';

describe('canonical JSON', () => {
  it('gives one text for one value, whatever the key order or spacing', () => {
    const a = JSON.parse('{ "b": [1, {"y": "é", "x": null}], "a": true }');
    const b = JSON.parse('{"a":true,"b":[1,{"x":null,"y":"é"}]}');
    expect(canonicalJson(a)).toBe('{"a":true,"b":[1,{"x":null,"y":"é"}]}');
    expect(canonicalJson(a)).toBe(canonicalJson(b));
    expect(canonicalJson(structuredClone(a))).toBe(canonicalJson(a));
  });

  it('refuses what JSON.parse cannot produce, rather than guess', () => {
    expect(() => canonicalJson({ at: new Date(0) })).toThrow(/plain objects, not a Date/);
    expect(() => canonicalJson([NaN])).toThrow(/NaN/);
    expect(() => canonicalJson([undefined])).toThrow(/undefined/);
    expect(canonicalJson({ gone: undefined, kept: 1 })).toBe('{"kept":1}');
  });
});
