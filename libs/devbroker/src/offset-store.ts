import * as fs from 'fs';
import * as path from 'path';

export interface CommittedOffset {
  offset: number;
  metadata: string | null;
  commitTimestamp: number;
}

/**
 * Committed offsets per group, topic and partition. With a data directory every commit is appended to a
 * log before it is acknowledged (the broker's stand-in for `__consumer_offsets`); the log is compacted on load.
 */
export class OffsetStore {
  private readonly offsets = new Map<string, Map<string, CommittedOffset>>();
  private fd: number | null = null;

  constructor(dataDir: string | null) {
    if (!dataDir) return;
    fs.mkdirSync(dataDir, { recursive: true });
    const file = path.join(dataDir, 'committed-offsets.jsonl');
    if (fs.existsSync(file)) {
      for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
        if (!line) continue;
        try {
          const c = JSON.parse(line) as { g: string; t: string; p: number; o: number | null; m: string | null; ts: number };
          if (c.o === null)
            this.offsets.get(c.g)?.delete(`${c.t}:${c.p}`); // tombstone of a deleted topic
          else this.set(c.g, c.t, c.p, { offset: c.o, metadata: c.m, commitTimestamp: c.ts });
        } catch {
          // a torn last line from a killed broker: that commit was never acknowledged
        }
      }
      const compacted = [...this.offsets].flatMap(([g, parts]) =>
        [...parts].map(([tp, c]) => {
          const i = tp.lastIndexOf(':');
          return JSON.stringify({ g, t: tp.slice(0, i), p: Number(tp.slice(i + 1)), o: c.offset, m: c.metadata, ts: c.commitTimestamp }) + '\n';
        }),
      );
      fs.writeFileSync(file + '.tmp', compacted.join(''));
      fs.renameSync(file + '.tmp', file);
    }
    this.fd = fs.openSync(file, 'a');
  }

  private set(group: string, topic: string, partition: number, c: CommittedOffset): void {
    let parts = this.offsets.get(group);
    if (!parts) this.offsets.set(group, (parts = new Map()));
    parts.set(`${topic}:${partition}`, c);
  }

  commit(group: string, topic: string, partition: number, offset: number, metadata: string | null, now: number): void {
    if (this.fd !== null) {
      fs.writeSync(this.fd, JSON.stringify({ g: group, t: topic, p: partition, o: offset, m: metadata, ts: now }) + '\n');
    }
    this.set(group, topic, partition, { offset, metadata, commitTimestamp: now });
  }

  get(group: string, topic: string, partition: number): CommittedOffset | undefined {
    return this.offsets.get(group)?.get(`${topic}:${partition}`);
  }

  /** Every committed partition of a group, for OffsetFetch with a null topic list. */
  ofGroup(group: string): { topic: string; partition: number; committed: CommittedOffset }[] {
    return [...(this.offsets.get(group) ?? [])].map(([tp, committed]) => {
      const i = tp.lastIndexOf(':');
      return { topic: tp.slice(0, i), partition: Number(tp.slice(i + 1)), committed };
    });
  }

  groups(): string[] {
    return [...this.offsets.keys()];
  }

  dropTopic(topic: string): void {
    for (const [group, parts] of this.offsets) {
      for (const key of [...parts.keys()]) {
        const i = key.lastIndexOf(':');
        if (key.slice(0, i) !== topic) continue;
        parts.delete(key);
        if (this.fd !== null) fs.writeSync(this.fd, JSON.stringify({ g: group, t: topic, p: Number(key.slice(i + 1)), o: null }) + '\n');
      }
    }
  }

  close(): void {
    if (this.fd !== null) fs.closeSync(this.fd);
    this.fd = null;
  }
}
