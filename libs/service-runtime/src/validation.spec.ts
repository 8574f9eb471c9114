import { fieldsWithNul } from './validation';

describe('the texts of a request that hold a NUL character', () => {
  it('names a path parameter, a nested body field, an array item and a key, each by its dotted path', () => {
    expect(fieldsWithNul('S65\u0000', 'shipmentId')).toEqual([{ field: 'shipmentId', reason: 'must not contain a NUL character (U+0000)' }]);
    const body = { citizen: { name: '张\u0000伟' }, cards: ['ok', 'x\u0000'], ['a\u0000b']: 1 };
    expect(fieldsWithNul(body, '').map((e) => e.field)).toEqual(['citizen.name', 'cards.1', 'a\u0000b']);
  });

  it('finds none in texts without one, numbers, booleans, null and empty values', () => {
    expect(fieldsWithNul({ name: '张伟', age: 30, ok: true, none: null, list: [], nested: {} }, '')).toEqual([]);
    expect(fieldsWithNul(undefined, 'limit')).toEqual([]);
  });
});
