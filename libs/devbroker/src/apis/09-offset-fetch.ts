import { KafkaApi } from '../api';

/** OffsetFetch (key 9), v0-3: committed offsets (-1 where none); from v2 a null topic list asks for all of them. */
export const offsetFetch: KafkaApi = {
  key: 9,
  name: 'OffsetFetch',
  minVersion: 0,
  maxVersion: 3,
  handle(ctx, req, res) {
    const groupId = req.string();
    const requested = req.nullableArray((r) => ({ name: r.string(), partitions: r.array((p) => p.int32()) }));
    const offsets = ctx.broker.groups.offsets;

    let topics: { name: string; partitions: number[] }[];
    if (requested !== null) topics = requested;
    else {
      const byTopic = new Map<string, number[]>();
      for (const c of offsets.ofGroup(groupId)) byTopic.set(c.topic, [...(byTopic.get(c.topic) ?? []), c.partition]);
      topics = [...byTopic].map(([name, partitions]) => ({ name, partitions }));
    }

    if (ctx.apiVersion >= 3) res.int32(0); // throttle_time_ms
    res.array(topics, (w, t) => {
      w.string(t.name);
      w.array(t.partitions, (pw, partition) => {
        const committed = offsets.get(groupId, t.name, partition);
        pw.int32(partition)
          .int64(committed?.offset ?? -1)
          .nullableString(committed?.metadata ?? '')
          .int16(0);
      });
    });
    if (ctx.apiVersion >= 2) res.int16(0);
  },
};
