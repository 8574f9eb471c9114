import { jsonDepth } from './json-depth';

describe('the nesting depth of a JSON body', () => {
  it('counts arrays and objects, not brackets inside strings', () => {
    expect(jsonDepth(Buffer.from('{"a":[1,{"b":2}]}'))).toBe(3);
    expect(jsonDepth(Buffer.from('{"a":"[[[[{{{{\\"[["}'))).toBe(1);
    expect(jsonDepth(Buffer.from('1'))).toBe(0);
    expect(jsonDepth(Buffer.from('['.repeat(100_000) + ']'.repeat(100_000)))).toBe(100_000);
  });
});
