import { CommitObservation, completeShare, ConsumerStatus, evaluatePartitionStatus, trimToWindow, worstStatus } from './consumer-status';
import { groupOwner, GroupOwner } from './consumer-group-name';
import { DEFAULT_TABLE_CAPACITY, EndOffsetTable, TimeLagMethod } from './end-offset-table';
import { consumerLag, partitionKey, PartitionOffsets } from './partition-lag';

/** The member of a group that has a partition assigned. */
export interface PartitionOwner {
  memberId: string;
  clientId: string;
  host: string;
}

export interface ObservedPartition extends PartitionOffsets {
  /** The live member holding the partition; null when nobody does (group empty, rebalancing, or not assigned). */
  owner: PartitionOwner | null;
}

/** One consumer group as the offset and group APIs showed it at one moment. */
export interface ObservedGroup {
  groupId: string;
  /** Kafka's group state: Stable, Empty, PreparingRebalance, CompletingRebalance, Dead, Unknown. */
  state: string;
  members: number;
  partitions: ObservedPartition[];
}

/** Every watched group at one moment (`atMs`, wall-clock time of the cluster). */
export interface ClusterObservation {
  atMs: number;
  groups: ObservedGroup[];
}

export interface PartitionLag extends ObservedPartition {
  lag: number;
  /** Age of the oldest unconsumed message (seconds, estimated); null before the end offset has been sampled. */
  lagSeconds: number | null;
  lagSecondsMethod: TimeLagMethod | null;
  status: ConsumerStatus;
  reason: string;
  /** The status window is covered by samples; until then the status is OK whatever happens. */
  complete: boolean;
}

export interface GroupLag {
  groupId: string;
  /** Service and province for groups named idcard-<service>-<province>; null for others. */
  owner: GroupOwner | null;
  state: string;
  members: number;
  /** Worst status of its partitions (Burrow's severity order). */
  status: ConsumerStatus;
  /** Share of its partitions whose status window is covered (Burrow's "complete"): 1 when every status can be trusted. */
  complete: number;
  /** Sum of the partitions' lag. */
  lag: number;
  /** Oldest unconsumed message over its partitions (seconds). */
  lagSeconds: number | null;
  partitions: PartitionLag[];
}

export interface LagReport {
  atMs: number;
  windowMs: number;
  groups: GroupLag[];
}

export interface LagTrackerOptions {
  /** The status window (ms): how long a group must show a pattern before its status says so. */
  windowMs: number;
  /** Rows of end-offset history per partition (time-lag estimation). */
  tableCapacity?: number;
}

/**
 * Lag, time lag and status of consumer groups from successive observations: keeps the end-offset table of
 * every partition (shared by the groups reading it) and the commit window of every group on every partition.
 */
export class LagTracker {
  private readonly tables = new Map<string, EndOffsetTable>();
  private readonly windows = new Map<string, CommitObservation[]>();
  private latest: ClusterObservation | null = null;

  constructor(private readonly options: LagTrackerOptions) {
    if (!(options.windowMs > 0)) throw new RangeError('the status window must be longer than 0 ms');
  }

  get windowMs(): number {
    return this.options.windowMs;
  }

  get lastObservedAtMs(): number | null {
    return this.latest?.atMs ?? null;
  }

  ingest(observation: ClusterObservation): void {
    const liveTables = new Set<string>();
    const liveWindows = new Set<string>();
    const lowestPosition = new Map<string, number>();
    for (const group of observation.groups) {
      for (const p of group.partitions) {
        const key = partitionKey(p.topic, p.partition);
        let table = this.tables.get(key);
        if (!table) this.tables.set(key, (table = new EndOffsetTable(this.options.tableCapacity ?? DEFAULT_TABLE_CAPACITY)));
        table.record(observation.atMs, p.endOffset);
        liveTables.add(key);
        const position = p.committedOffset ?? p.logStartOffset;
        lowestPosition.set(key, Math.min(position, lowestPosition.get(key) ?? Infinity));

        const windowKey = `${group.groupId}\u0000${key}`;
        const seen = this.windows.get(windowKey) ?? [];
        seen.push({ atMs: observation.atMs, committedOffset: p.committedOffset, lag: consumerLag(p), owned: p.owner !== null });
        this.windows.set(windowKey, trimToWindow(seen, this.options.windowMs, observation.atMs));
        liveWindows.add(windowKey);
      }
    }
    // Groups and topics that are gone take their history with them.
    for (const key of this.tables.keys()) if (!liveTables.has(key)) this.tables.delete(key);
    for (const key of this.windows.keys()) if (!liveWindows.has(key)) this.windows.delete(key);
    for (const [key, position] of lowestPosition) this.tables.get(key)!.forgetBelow(position);
    this.latest = observation;
  }

  /** Where every group stands as of the last observation; time lag and statuses evaluated at `nowMs`. */
  report(nowMs = this.latest?.atMs ?? 0): LagReport {
    const windowMs = this.options.windowMs;
    if (!this.latest) return { atMs: nowMs, windowMs, groups: [] };
    const groups = this.latest.groups.map((group): GroupLag => {
      const partitions = group.partitions.map((p): PartitionLag => {
        const key = partitionKey(p.topic, p.partition);
        const lag = consumerLag(p);
        const timeLag = this.tables.get(key)?.timeLag(p.endOffset - lag, nowMs) ?? null;
        const verdict = evaluatePartitionStatus(this.windows.get(`${group.groupId}\u0000${key}`) ?? [], windowMs, nowMs);
        return { ...p, lag, lagSeconds: timeLag?.seconds ?? null, lagSecondsMethod: timeLag?.method ?? null, ...verdict };
      });
      const ages = partitions.map((p) => p.lagSeconds).filter((s): s is number => s !== null);
      return {
        groupId: group.groupId,
        owner: groupOwner(group.groupId),
        state: group.state,
        members: group.members,
        status: worstStatus(partitions.map((p) => p.status)),
        complete: completeShare(partitions),
        lag: partitions.reduce((sum, p) => sum + p.lag, 0),
        lagSeconds: ages.length ? Math.max(...ages) : null,
        partitions,
      };
    });
    return { atMs: nowMs, windowMs, groups };
  }
}
