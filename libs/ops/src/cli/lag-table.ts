import type { LagReport } from '../domain/lag-tracker';

const COLUMNS = [
  'GROUP',
  'TOPIC',
  'PARTITION',
  'CURRENT-OFFSET',
  'LOG-END-OFFSET',
  'LAG',
  'LAG-SECONDS',
  'STATUS',
  'CONSUMER-ID',
  'HOST',
  'CLIENT-ID',
] as const;
const NUMERIC = new Set(['PARTITION', 'CURRENT-OFFSET', 'LOG-END-OFFSET', 'LAG', 'LAG-SECONDS']);

/** Time lag as the table shows it: estimated seconds, `>=` when the backlog is older than the samples. */
export function formatLagSeconds(seconds: number | null, method: string | null): string {
  if (seconds === null) return '-';
  const text = seconds < 100 ? seconds.toFixed(1) : String(Math.round(seconds));
  return method === 'lower-bound' ? `>=${text}` : text;
}

/**
 * The table `kafka-consumer-groups.sh --describe` prints — one row per group and partition — with the time lag
 * and the Burrow-style status added, then one line per group with its status and why.
 */
export function formatLagTable(report: LagReport): string {
  if (report.groups.length === 0) return 'no consumer groups\n';
  const rows: string[][] = [];
  for (const g of report.groups) {
    if (g.partitions.length === 0) {
      rows.push([g.groupId, '-', '-', '-', '-', '-', '-', g.status, '-', '-', '-']);
      continue;
    }
    for (const p of g.partitions) {
      rows.push([
        g.groupId,
        p.topic,
        String(p.partition),
        p.committedOffset === null ? '-' : String(p.committedOffset),
        String(p.endOffset),
        String(p.lag),
        formatLagSeconds(p.lagSeconds, p.lagSecondsMethod),
        p.status,
        p.owner?.memberId ?? '-',
        p.owner?.host ?? '-',
        p.owner?.clientId ?? '-',
      ]);
    }
  }
  const widths = COLUMNS.map((c, i) => Math.max(c.length, ...rows.map((r) => r[i].length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, i) => (NUMERIC.has(COLUMNS[i]) ? cell.padStart(widths[i]) : cell.padEnd(widths[i])))
      .join('  ')
      .trimEnd();
  const groupWidth = Math.max(...report.groups.map((g) => g.groupId.length));
  const summary = report.groups.map((g) => {
    const worst = g.partitions.find((p) => p.status === g.status && g.status !== 'OK');
    const why = worst ? `${worst.topic}[${worst.partition}]: ${worst.reason}` : g.partitions.length ? 'every partition OK' : 'no partitions';
    return `${g.groupId.padEnd(groupWidth)}  ${g.status.padEnd(7)}  ${g.state} (${g.members} member${g.members === 1 ? '' : 's'}), lag ${g.lag} — ${why}`;
  });
  return [line(COLUMNS), ...rows.map(line), '', ...summary, ''].join('\n');
}
