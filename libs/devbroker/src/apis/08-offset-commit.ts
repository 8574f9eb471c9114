import { KafkaApi } from '../api';
import { ErrorCode } from '../protocol/error-codes';

/**
 * OffsetCommit (key 8), v0-3: a member of the current generation (or an admin outside any group, with
 * generation -1, while the group is empty) stores offsets; stale members are refused, as lag depends on it.
 */
export const offsetCommit: KafkaApi = {
  key: 8,
  name: 'OffsetCommit',
  minVersion: 0,
  maxVersion: 3,
  handle(ctx, req, res) {
    const v = ctx.apiVersion;
    const groupId = req.string();
    const generationId = v >= 1 ? req.int32() : -1;
    const memberId = v >= 1 ? req.string() : '';
    if (v >= 2) req.int64(); // retention_time_ms: offsets are kept until the topic goes
    const topics = req.array((r) => ({
      name: r.string(),
      partitions: r.array((p) => {
        const partition = p.int32();
        const offset = p.int64n();
        if (v === 1) p.int64(); // commit_timestamp
        return { partition, offset, metadata: p.nullableString() };
      }),
    }));

    const groupError = ctx.broker.groups.commitError(groupId, generationId, memberId);
    const now = Date.now();
    if (v >= 3) res.int32(0); // throttle_time_ms
    res.array(topics, (w, t) => {
      w.string(t.name);
      w.array(t.partitions, (pw, p) => {
        let errorCode = groupError;
        if (errorCode === ErrorCode.NONE && !ctx.broker.topics.partition(t.name, p.partition)) errorCode = ErrorCode.UNKNOWN_TOPIC_OR_PARTITION;
        if (errorCode === ErrorCode.NONE) ctx.broker.groups.offsets.commit(groupId, t.name, p.partition, p.offset, p.metadata, now);
        pw.int32(p.partition).int16(errorCode);
      });
    });
  },
};
