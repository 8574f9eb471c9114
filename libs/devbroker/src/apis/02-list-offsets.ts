import { KafkaApi } from '../api';
import { ErrorCode } from '../protocol/error-codes';

const LATEST = -1;
const EARLIEST = -2;

/** ListOffsets (key 2), v0-2: latest (-1), earliest (-2), or the first offset at or after a timestamp. */
export const listOffsets: KafkaApi = {
  key: 2,
  name: 'ListOffsets',
  minVersion: 0,
  maxVersion: 2,
  handle(ctx, req, res) {
    const v = ctx.apiVersion;
    req.int32(); // replica_id
    if (v >= 2) req.int8(); // isolation_level
    const topics = req.array((r) => ({
      name: r.string(),
      partitions: r.array((p) => {
        const partition = p.int32();
        const timestamp = p.int64n();
        if (v === 0) p.int32(); // max_num_offsets
        return { partition, timestamp };
      }),
    }));

    if (v >= 2) res.int32(0); // throttle_time_ms
    res.array(topics, (w, t) => {
      w.string(t.name);
      w.array(t.partitions, (pw, p) => {
        const log = ctx.broker.topics.partition(t.name, p.partition);
        let found: { offset: number; timestamp: number } | null = null;
        let errorCode: number = ErrorCode.NONE;
        if (!log) errorCode = ErrorCode.UNKNOWN_TOPIC_OR_PARTITION;
        else if (p.timestamp === LATEST) found = { offset: log.highWatermark, timestamp: -1 };
        else if (p.timestamp === EARLIEST) found = { offset: log.logStartOffset, timestamp: -1 };
        else found = log.offsetForTimestamp(p.timestamp);
        pw.int32(p.partition).int16(errorCode);
        if (v === 0) pw.array(found ? [found.offset] : [], (x, o) => x.int64(o));
        else pw.int64(found?.timestamp ?? -1).int64(found?.offset ?? -1);
      });
    });
  },
};
