/**
 * JSON with object keys sorted (by UTF-16 code units, as Array.prototype.sort does) and no whitespace: one text for
 * one value, so a signature over it survives re-indenting, re-ordering keys or re-saving the file in an editor.
 * Only what JSON.parse can produce is accepted; anything else (undefined in an array, NaN, a Date, a Map) is a
 * programming error, refused rather than silently turned into something that would verify differently elsewhere.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TypeError(`canonical JSON has no ${value}`);
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object') {
    const proto = Object.getPrototypeOf(value);
    // Plain: its prototype is some realm's Object.prototype (a vm context's or structuredClone's too), or none.
    if (proto !== null && Object.getPrototypeOf(proto) !== null)
      throw new TypeError(`canonical JSON takes plain objects, not a ${proto.constructor?.name ?? 'value'}`);
    const record = value as Record<string, unknown>;
    // An undefined property is absent, as in JSON.stringify: the parsed file never has one.
    const keys = Object.keys(record)
      .filter((k) => record[k] !== undefined)
      .sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(record[k])}`).join(',')}}`;
  }
  throw new TypeError(`canonical JSON has no ${typeof value}`);
}
