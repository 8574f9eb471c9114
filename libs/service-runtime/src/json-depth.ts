/** Deepest nesting of arrays and objects a request body may have: forms nest three or four levels. */
export const MAX_JSON_DEPTH = 32;

/** The deepest nesting of `[` and `{` in a JSON text, outside strings; one pass, no recursion. */
export function jsonDepth(text: Buffer): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === 0x5c)
        i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) deepest = Math.max(deepest, ++depth);
    else if (c === 0x5d || c === 0x7d) depth--;
  }
  return deepest;
}

/**
 * body-parser's `verify` hook: a body nested deeper than MAX_JSON_DEPTH is refused before it is parsed (400
 * ENTITY_TOO_DEEP in the one error body). Nesting thousands deep overflows the stack of the code that walks a body
 * (class-transformer, the validators), which would otherwise answer 500.
 */
export function refuseDeepJson(_request: unknown, _response: unknown, body: Buffer): void {
  const depth = jsonDepth(body);
  if (depth > MAX_JSON_DEPTH)
    throw Object.assign(new Error(`the request body nests ${depth} levels deep; at most ${MAX_JSON_DEPTH} are accepted`), {
      status: 400,
      statusCode: 400,
      expose: true,
      type: 'entity.too.deep',
    });
}
