/** Polls until the probe returns something truthy; tests wait for a state, never for a fixed time. */
export async function waitFor<T>(what: string, probe: () => T | Promise<T>, timeoutMs = 30000): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  let last: T | undefined;
  while (Date.now() < deadline) {
    last = await probe();
    if (last) return last as NonNullable<T>;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what} (last: ${JSON.stringify(last)})`);
}
