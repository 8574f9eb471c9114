type Truthy<T> = Exclude<T, false | 0 | '' | null | undefined>;

/**
 * Polls until the probe answers something truthy; tests wait for a state, never for a fixed time. A probe that
 * throws (a service still starting) is asked again; the last answer and error are in the timeout's message.
 */
export async function waitFor<T>(what: string, probe: () => T | Promise<T>, timeoutMs = 30_000): Promise<Truthy<T>> {
  const deadline = Date.now() + timeoutMs;
  let last: T | undefined;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      last = await probe();
      if (last) return last as Truthy<T>;
    } catch (err) {
      lastError = err;
    }
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(
    `timed out after ${timeoutMs} ms waiting for ${what} (last: ${JSON.stringify(last)}${lastError ? `, error: ${(lastError as Error).message}` : ''})`,
  );
}
