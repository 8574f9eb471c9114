import { Admin, AssignerProtocol, GroupDescription } from 'kafkajs';
import type { ClusterObservation, ObservedGroup, ObservedPartition, PartitionOwner } from '../domain/lag-tracker';
import { partitionKey } from '../domain/partition-lag';

/** Which groups to read: every group the cluster lists, or the named ones (with topics they read before committing). */
export interface GroupSelection {
  /** Omitted: every group the cluster lists (ListGroups), none skipped. */
  groupIds?: string[];
  /** Topics a group subscribes to, so its partitions show (with their lag) before it has committed anything. */
  topicsByGroup?: Record<string, string[]>;
}

interface TopicEnds {
  partitions: Map<number, { endOffset: number; logStartOffset: number }>;
}

/**
 * Reads consumer groups through the Kafka admin API — ListGroups, DescribeGroups, OffsetFetch, ListOffsets —
 * the same calls kafka-consumer-groups.sh --describe makes. Committed offsets are read before end offsets, so a
 * lag is never negative because of the order of reads. An aborted `signal` ends the read at its next step (a stopping
 * monitor waits for one round trip, not for every group's).
 */
export async function readConsumerGroups(
  admin: Admin,
  selection: GroupSelection,
  now: () => number = Date.now,
  signal?: AbortSignal,
): Promise<ClusterObservation> {
  signal?.throwIfAborted();
  const groupIds = selection.groupIds ?? (await admin.listGroups()).groups.map((g) => g.groupId).sort();
  signal?.throwIfAborted();
  if (groupIds.length === 0) return { atMs: now(), groups: [] };
  const { groups: descriptions } = await admin.describeGroups(groupIds);
  signal?.throwIfAborted();
  const committed = await Promise.all(groupIds.map((groupId) => admin.fetchOffsets({ groupId })));
  signal?.throwIfAborted();

  const owners = descriptions.map(ownersByPartition);
  const topicsOfGroup = groupIds.map((groupId, i) => {
    const topics = new Set<string>(selection.topicsByGroup?.[groupId] ?? []);
    for (const t of committed[i]) topics.add(t.topic);
    for (const key of owners[i].keys()) topics.add(key.slice(0, key.lastIndexOf('/')));
    return [...topics].sort();
  });
  const ends = await readTopicEnds(admin, new Set(topicsOfGroup.flat()), signal);
  signal?.throwIfAborted();

  const groups = groupIds.map((groupId, i): ObservedGroup => {
    const description = descriptions.find((d) => d.groupId === groupId);
    const committedOf = new Map<string, number>();
    for (const t of committed[i])
      for (const p of t.partitions) if (Number(p.offset) >= 0) committedOf.set(partitionKey(t.topic, p.partition), Number(p.offset));
    const partitions: ObservedPartition[] = [];
    for (const topic of topicsOfGroup[i]) {
      const topicEnds = ends.get(topic);
      if (!topicEnds) continue;
      for (const [partition, end] of [...topicEnds.partitions].sort((a, b) => a[0] - b[0])) {
        const key = partitionKey(topic, partition);
        partitions.push({ topic, partition, committedOffset: committedOf.get(key) ?? null, ...end, owner: owners[i].get(key) ?? null });
      }
    }
    return { groupId, state: description?.state ?? 'Unknown', members: description?.members.length ?? 0, partitions };
  });
  return { atMs: now(), groups };
}

/**
 * End and start offsets of every partition of the topics. A topic that does not exist (yet) is left out: asking
 * kafkajs for it would make it a metadata target that fails every later call of this admin client.
 */
async function readTopicEnds(admin: Admin, topics: Set<string>, signal?: AbortSignal): Promise<Map<string, TopicEnds>> {
  const existing = new Set(await admin.listTopics());
  signal?.throwIfAborted();
  const out = new Map<string, TopicEnds>();
  await Promise.all(
    [...topics]
      .filter((t) => existing.has(t))
      .map(async (topic) => {
        const offsets = await admin.fetchTopicOffsets(topic);
        out.set(topic, { partitions: new Map(offsets.map((o) => [o.partition, { endOffset: Number(o.high), logStartOffset: Number(o.low) }])) });
      }),
  );
  return out;
}

/** Who holds which partition, from the members' assignments (consumer protocol); empty for other group types. */
function ownersByPartition(group: GroupDescription): Map<string, PartitionOwner> {
  const owners = new Map<string, PartitionOwner>();
  if (group.protocolType !== 'consumer') return owners;
  for (const member of group.members) {
    let assignment: Record<string, number[]>;
    try {
      assignment = AssignerProtocol.MemberAssignment.decode(member.memberAssignment)?.assignment ?? {};
    } catch {
      continue; // an assignment in a format we cannot read: the member still counts in `members`
    }
    for (const [topic, partitions] of Object.entries(assignment)) {
      for (const partition of partitions)
        owners.set(partitionKey(topic, partition), { memberId: member.memberId, clientId: member.clientId, host: member.clientHost });
    }
  }
  return owners;
}
