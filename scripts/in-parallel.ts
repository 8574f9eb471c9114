/**
 * Runs `work` over `items`, at most `limit` at once, in order of start. After a failure no further item starts, and
 * the failure is thrown once the items in hand have settled, so the caller's clean-up finds every one that started.
 */
export async function inParallel<T, R>(items: T[], limit: number, work: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const failures: unknown[] = [];
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length && failures.length === 0) {
        const i = next++;
        try {
          out[i] = await work(items[i], i);
        } catch (error) {
          failures.push(error);
        }
      }
    }),
  );
  if (failures.length) throw failures[0];
  return out;
}
