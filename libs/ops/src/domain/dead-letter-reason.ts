/** Longest reason label kept; reasons are for grouping on a dashboard, the full text is in the DLQ header. */
const MAX_REASON_LENGTH = 80;

/**
 * The label a dead-letter reason is counted under: its first clause, with every word that carries a number
 * (receipt numbers, card serials, offsets, ID numbers) replaced by `#`, so a label says what kind of failure it
 * was and the number of distinct labels stays small.
 */
export function deadLetterReasonLabel(reason: string): string {
  const firstClause = reason.split(/[:;,(\n]| — | - /)[0] ?? '';
  const words = firstClause
    .trim()
    .split(/\s+/)
    .filter(Boolean)
    .map((w) => (/\d/.test(w) ? '#' : w));
  const label = words.join(' ').slice(0, MAX_REASON_LENGTH);
  return label || 'unspecified';
}

/**
 * Caps the distinct values a label may take on one metric: after `limit` values, new ones are counted as `other`.
 * Metrics fed from message content must not grow without bound.
 */
export class BoundedLabelValues {
  private readonly seen = new Set<string>();

  constructor(private readonly limit: number) {}

  admit(value: string): string {
    if (this.seen.has(value)) return value;
    if (this.seen.size >= this.limit) return 'other';
    this.seen.add(value);
    return value;
  }
}
