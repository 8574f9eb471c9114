/** Small HTTP client for the demo: JSON in, JSON out, status kept. */
// The demo reads the services' answers loosely; their exact shapes are what the services' own tests check.
/* eslint-disable @typescript-eslint/no-explicit-any */
export interface HttpAnswer<T = any> {
  status: number;
  body: T;
}

/** One request as someone: `token` is a bearer token (see Actors), null for a public route. */
export async function call<T = any>(
  method: string,
  url: string,
  body: unknown,
  token: string | null,
  headers: Record<string, string> = {},
): Promise<HttpAnswer<T>> {
  const res = await fetch(url, {
    method,
    headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    // not JSON: keep the text for the error message
  }
  return { status: res.status, body: parsed as T };
}

export function percentile(values: number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}
