import { randomUUID } from 'crypto';
import { ErrorCode } from './protocol/error-codes';
import { OffsetStore } from './offset-store';

export type GroupState = 'Empty' | 'PreparingRebalance' | 'CompletingRebalance' | 'Stable' | 'Dead';

export interface GroupProtocol {
  name: string;
  metadata: Buffer;
}

export interface JoinRequest {
  groupId: string;
  memberId: string;
  clientId: string;
  clientHost: string;
  sessionTimeoutMs: number;
  rebalanceTimeoutMs: number;
  protocolType: string;
  protocols: GroupProtocol[];
}

export interface JoinResult {
  errorCode: number;
  generationId: number;
  protocolName: string;
  leaderId: string;
  memberId: string;
  /** Filled for the leader only: every member's metadata for the chosen protocol. */
  members: { memberId: string; metadata: Buffer }[];
}

export interface SyncResult {
  errorCode: number;
  assignment: Buffer;
}

interface Member {
  memberId: string;
  clientId: string;
  clientHost: string;
  sessionTimeoutMs: number;
  rebalanceTimeoutMs: number;
  protocols: GroupProtocol[];
  assignment: Buffer;
  lastHeartbeat: number;
  pendingJoin: ((r: JoinResult) => void) | null;
  pendingSync: ((r: SyncResult) => void) | null;
}

interface Group {
  groupId: string;
  state: GroupState;
  generationId: number;
  protocolType: string | null;
  protocolName: string | null;
  leaderId: string | null;
  members: Map<string, Member>;
  rebalanceTimer: NodeJS.Timeout | null;
}

export interface GroupCoordinatorOptions {
  minSessionTimeoutMs: number;
  maxSessionTimeoutMs: number;
  initialRebalanceDelayMs: number;
  log: (event: Record<string, unknown>) => void;
}

const EMPTY = Buffer.alloc(0);

function joinError(errorCode: number, memberId: string): JoinResult {
  return { errorCode, generationId: -1, protocolName: '', leaderId: '', memberId, members: [] };
}

/**
 * The classic consumer-group protocol: Join → Sync → Heartbeat, with rebalances when members come, go or
 * miss their session timeout, and the generation checks that fence stale members. One broker coordinates
 * every group.
 */
export class GroupCoordinator {
  private readonly groups = new Map<string, Group>();
  private readonly sweeper: NodeJS.Timeout;

  constructor(
    readonly offsets: OffsetStore,
    private readonly options: GroupCoordinatorOptions,
    private readonly now: () => number = Date.now,
  ) {
    this.sweeper = setInterval(() => this.expireSessions(), 200);
    this.sweeper.unref();
  }

  private group(groupId: string): Group {
    let g = this.groups.get(groupId);
    if (!g) {
      g = { groupId, state: 'Empty', generationId: 0, protocolType: null, protocolName: null, leaderId: null, members: new Map(), rebalanceTimer: null };
      this.groups.set(groupId, g);
    }
    return g;
  }

  join(req: JoinRequest): Promise<JoinResult> {
    const { minSessionTimeoutMs: min, maxSessionTimeoutMs: max } = this.options;
    if (!req.groupId) return Promise.resolve(joinError(ErrorCode.INVALID_GROUP_ID, req.memberId));
    if (req.sessionTimeoutMs < min || req.sessionTimeoutMs > max) {
      return Promise.resolve(joinError(ErrorCode.INVALID_SESSION_TIMEOUT, req.memberId));
    }
    const g = this.group(req.groupId);
    if (g.members.size > 0 && !this.compatible(g, req)) {
      return Promise.resolve(joinError(ErrorCode.INCONSISTENT_GROUP_PROTOCOL, req.memberId));
    }
    let member: Member | undefined;
    if (req.memberId === '') {
      member = {
        memberId: `${req.clientId}-${randomUUID()}`,
        clientId: req.clientId,
        clientHost: req.clientHost,
        sessionTimeoutMs: req.sessionTimeoutMs,
        rebalanceTimeoutMs: req.rebalanceTimeoutMs,
        protocols: req.protocols,
        assignment: EMPTY,
        lastHeartbeat: this.now(),
        pendingJoin: null,
        pendingSync: null,
      };
      g.members.set(member.memberId, member);
      this.options.log({ event: 'group.member.joined', group: g.groupId, member: member.memberId });
    } else {
      member = g.members.get(req.memberId);
      if (!member) return Promise.resolve(joinError(ErrorCode.UNKNOWN_MEMBER_ID, req.memberId));
      const unchanged = sameProtocols(member.protocols, req.protocols);
      member.protocols = req.protocols;
      member.sessionTimeoutMs = req.sessionTimeoutMs;
      member.rebalanceTimeoutMs = req.rebalanceTimeoutMs;
      member.lastHeartbeat = this.now();
      // A follower rejoining a stable group with nothing changed just learns the current generation again.
      if (g.state === 'Stable' && unchanged && member.memberId !== g.leaderId) {
        return Promise.resolve({
          errorCode: 0,
          generationId: g.generationId,
          protocolName: g.protocolName ?? '',
          leaderId: g.leaderId ?? '',
          memberId: member.memberId,
          members: [],
        });
      }
    }
    g.protocolType = req.protocolType;
    const parked = member;
    const result = new Promise<JoinResult>((resolve) => {
      parked.pendingJoin?.(joinError(ErrorCode.UNKNOWN_MEMBER_ID, parked.memberId)); // superseded by this join
      parked.pendingJoin = resolve;
    });
    if (g.state === 'PreparingRebalance') this.tryCompleteJoin(g);
    else this.prepareRebalance(g, `member ${member.memberId} joining`);
    return result;
  }

  private compatible(g: Group, req: JoinRequest): boolean {
    if (g.protocolType !== null && g.protocolType !== req.protocolType) return false;
    const names = new Set(req.protocols.map((p) => p.name));
    return [...g.members.values()].filter((m) => m.memberId !== req.memberId).every((m) => m.protocols.some((p) => names.has(p.name)));
  }

  private prepareRebalance(g: Group, reason: string): void {
    if (g.state === 'CompletingRebalance') {
      for (const m of g.members.values()) {
        m.pendingSync?.({ errorCode: ErrorCode.REBALANCE_IN_PROGRESS, assignment: EMPTY });
        m.pendingSync = null;
      }
    }
    const initial = g.state === 'Empty';
    g.state = 'PreparingRebalance';
    this.options.log({ event: 'group.rebalance', group: g.groupId, generation: g.generationId, reason });
    const rebalanceTimeout = Math.max(0, ...[...g.members.values()].map((m) => m.rebalanceTimeoutMs));
    const delay = initial ? this.options.initialRebalanceDelayMs : rebalanceTimeout;
    if (g.rebalanceTimer) clearTimeout(g.rebalanceTimer);
    g.rebalanceTimer = setTimeout(() => this.completeJoin(g), delay);
    if (!initial || delay === 0) this.tryCompleteJoin(g);
  }

  /** The join phase ends as soon as every known member has rejoined. */
  private tryCompleteJoin(g: Group): void {
    if (g.state !== 'PreparingRebalance') return;
    if ([...g.members.values()].every((m) => m.pendingJoin !== null)) this.completeJoin(g);
  }

  private completeJoin(g: Group): void {
    if (g.state !== 'PreparingRebalance') return;
    if (g.rebalanceTimer) clearTimeout(g.rebalanceTimer);
    g.rebalanceTimer = null;
    // Members that did not rejoin within the rebalance timeout are out.
    for (const m of [...g.members.values()]) if (!m.pendingJoin) this.dropMember(g, m, 'did not rejoin in time');
    g.generationId++;
    if (g.members.size === 0) {
      g.state = 'Empty';
      g.leaderId = null;
      g.protocolName = null;
      return;
    }
    const members = [...g.members.values()];
    if (!g.leaderId || !g.members.has(g.leaderId)) g.leaderId = members[0].memberId;
    const leader = g.members.get(g.leaderId)!;
    // The first protocol in the leader's order that every member supports.
    g.protocolName = leader.protocols.find((p) => members.every((m) => m.protocols.some((q) => q.name === p.name)))?.name ?? leader.protocols[0].name;
    g.state = 'CompletingRebalance';
    this.options.log({ event: 'group.generation', group: g.groupId, generation: g.generationId, members: members.length });
    const now = this.now();
    for (const m of members) {
      const resolve = m.pendingJoin!;
      m.pendingJoin = null;
      m.assignment = EMPTY;
      m.lastHeartbeat = now;
      resolve({
        errorCode: 0,
        generationId: g.generationId,
        protocolName: g.protocolName,
        leaderId: g.leaderId,
        memberId: m.memberId,
        members:
          m.memberId === g.leaderId
            ? members.map((x) => ({ memberId: x.memberId, metadata: x.protocols.find((p) => p.name === g.protocolName)?.metadata ?? EMPTY }))
            : [],
      });
    }
  }

  sync(groupId: string, generationId: number, memberId: string, assignments: { memberId: string; assignment: Buffer }[]): Promise<SyncResult> {
    const g = this.groups.get(groupId);
    const m = g?.members.get(memberId);
    if (!g || !m) return Promise.resolve({ errorCode: ErrorCode.UNKNOWN_MEMBER_ID, assignment: EMPTY });
    if (generationId !== g.generationId) return Promise.resolve({ errorCode: ErrorCode.ILLEGAL_GENERATION, assignment: EMPTY });
    m.lastHeartbeat = this.now();
    if (g.state === 'PreparingRebalance') return Promise.resolve({ errorCode: ErrorCode.REBALANCE_IN_PROGRESS, assignment: EMPTY });
    if (g.state === 'Stable') return Promise.resolve({ errorCode: 0, assignment: m.assignment });
    const result = new Promise<SyncResult>((resolve) => (m.pendingSync = resolve));
    if (memberId === g.leaderId) {
      const byMember = new Map(assignments.map((a) => [a.memberId, a.assignment]));
      for (const x of g.members.values()) x.assignment = byMember.get(x.memberId) ?? EMPTY;
      g.state = 'Stable';
      for (const x of g.members.values()) {
        x.pendingSync?.({ errorCode: 0, assignment: x.assignment });
        x.pendingSync = null;
      }
    }
    return result;
  }

  heartbeat(groupId: string, generationId: number, memberId: string): number {
    const g = this.groups.get(groupId);
    const m = g?.members.get(memberId);
    if (!g || !m) return ErrorCode.UNKNOWN_MEMBER_ID;
    if (generationId !== g.generationId) return ErrorCode.ILLEGAL_GENERATION;
    m.lastHeartbeat = this.now();
    return g.state === 'PreparingRebalance' ? ErrorCode.REBALANCE_IN_PROGRESS : ErrorCode.NONE;
  }

  leave(groupId: string, memberId: string): number {
    const g = this.groups.get(groupId);
    const m = g?.members.get(memberId);
    if (!g || !m) return ErrorCode.UNKNOWN_MEMBER_ID;
    this.removeAndRebalance(g, m, 'left the group');
    return ErrorCode.NONE;
  }

  private dropMember(g: Group, m: Member, reason: string): void {
    g.members.delete(m.memberId);
    m.pendingJoin?.(joinError(ErrorCode.UNKNOWN_MEMBER_ID, m.memberId));
    m.pendingSync?.({ errorCode: ErrorCode.UNKNOWN_MEMBER_ID, assignment: EMPTY });
    this.options.log({ event: 'group.member.removed', group: g.groupId, member: m.memberId, reason });
  }

  private removeAndRebalance(g: Group, m: Member, reason: string): void {
    this.dropMember(g, m, reason);
    if (g.leaderId === m.memberId) g.leaderId = null;
    if (g.state === 'PreparingRebalance') this.tryCompleteJoin(g);
    else if (g.members.size === 0) {
      g.generationId++;
      g.state = 'Empty';
      g.protocolName = null;
    } else this.prepareRebalance(g, `member ${m.memberId} ${reason}`);
  }

  /** A member that neither heartbeats nor waits in a join for its session timeout is presumed dead. */
  private expireSessions(): void {
    const now = this.now();
    for (const g of this.groups.values()) {
      for (const m of [...g.members.values()]) {
        if (!m.pendingJoin && now - m.lastHeartbeat > m.sessionTimeoutMs) this.removeAndRebalance(g, m, 'session timed out');
      }
    }
  }

  /** Whether a member of this generation may commit; -1/'' is a commit from outside any group (admin tools). */
  commitError(groupId: string, generationId: number, memberId: string): number {
    const g = this.groups.get(groupId);
    if (generationId < 0 && memberId === '') return !g || g.members.size === 0 ? ErrorCode.NONE : ErrorCode.UNKNOWN_MEMBER_ID;
    if (!g) return ErrorCode.ILLEGAL_GENERATION;
    const m = g.members.get(memberId);
    if (!m) return ErrorCode.UNKNOWN_MEMBER_ID;
    if (generationId !== g.generationId) return ErrorCode.ILLEGAL_GENERATION;
    if (g.state === 'CompletingRebalance') return ErrorCode.REBALANCE_IN_PROGRESS;
    m.lastHeartbeat = this.now();
    return ErrorCode.NONE;
  }

  describe(groupId: string) {
    const g = this.groups.get(groupId);
    if (!g) {
      // Kafka describes a group it only knows from committed offsets as Empty, and an unknown one as Dead.
      const state: GroupState = this.offsets.ofGroup(groupId).length > 0 ? 'Empty' : 'Dead';
      return { groupId, state, protocolType: '', protocolName: '', members: [] };
    }
    return {
      groupId,
      state: g.state,
      protocolType: g.protocolType ?? '',
      protocolName: g.state === 'Stable' || g.state === 'CompletingRebalance' ? (g.protocolName ?? '') : '',
      members: [...g.members.values()].map((m) => ({
        memberId: m.memberId,
        clientId: m.clientId,
        clientHost: m.clientHost,
        metadata: m.protocols.find((p) => p.name === g.protocolName)?.metadata ?? EMPTY,
        assignment: m.assignment,
      })),
    };
  }

  list(): { groupId: string; protocolType: string }[] {
    const ids = new Set([...this.groups.keys(), ...this.offsets.groups()]);
    return [...ids].map((groupId) => ({ groupId, protocolType: this.groups.get(groupId)?.protocolType ?? '' }));
  }

  close(): void {
    clearInterval(this.sweeper);
    for (const g of this.groups.values()) {
      if (g.rebalanceTimer) clearTimeout(g.rebalanceTimer);
      for (const m of g.members.values()) {
        m.pendingJoin?.(joinError(ErrorCode.NOT_COORDINATOR, m.memberId));
        m.pendingSync?.({ errorCode: ErrorCode.NOT_COORDINATOR, assignment: EMPTY });
      }
    }
  }
}

function sameProtocols(a: GroupProtocol[], b: GroupProtocol[]): boolean {
  return a.length === b.length && a.every((p, i) => p.name === b[i].name && p.metadata.equals(b[i].metadata));
}
