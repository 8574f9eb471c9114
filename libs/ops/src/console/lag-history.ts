/** Total lag of each group over the last minutes, for the console's chart. */
export class LagHistory {
  private readonly series = new Map<string, [number, number][]>();

  constructor(private readonly keepMs: number) {}

  add(atMs: number, lagByGroup: Map<string, number>): void {
    for (const [group, lag] of lagByGroup) {
      const points = this.series.get(group) ?? [];
      points.push([atMs, lag]);
      this.series.set(group, points);
    }
    const oldest = atMs - this.keepMs;
    for (const [group, points] of this.series) {
      const keepFrom = points.findIndex(([t]) => t >= oldest);
      if (keepFrom === -1) this.series.delete(group);
      else if (keepFrom > 0) points.splice(0, keepFrom);
    }
  }

  /** Per group, [time ms, lag] points, oldest first. */
  toJSON(): Record<string, [number, number][]> {
    return Object.fromEntries(this.series);
  }
}
