import { KafkaApi, RequestContext } from '../api';
import { ErrorCode } from '../protocol/error-codes';
import { Writer } from '../protocol/writer';

interface PartitionFetch {
  partition: number;
  fetchOffset: number;
  maxBytes: number;
}

interface TopicFetch {
  name: string;
  partitions: PartitionFetch[];
}

/**
 * Fetch (key 1), v4-6: whole batches from the one holding the fetch offset, within the partition and request
 * byte limits. With too few bytes ready, the request waits up to maxWaitTime and is woken by any produce to
 * one of its partitions.
 */
export const fetch: KafkaApi = {
  key: 1,
  name: 'Fetch',
  minVersion: 4,
  maxVersion: 6,
  async handle(ctx, req, res) {
    req.int32(); // replica_id
    const maxWaitMs = req.int32();
    const minBytes = req.int32();
    const maxBytes = req.int32();
    req.int8(); // isolation_level: no transactions, so every record is committed
    const topics: TopicFetch[] = req.array((r) => ({
      name: r.string(),
      partitions: r.array((p) => {
        const partition = p.int32();
        const fetchOffset = p.int64n();
        if (ctx.apiVersion >= 5) p.int64(); // log_start_offset (followers only)
        return { partition, fetchOffset, maxBytes: p.int32() };
      }),
    }));

    if (maxWaitMs > 0 && minBytes > 0 && available(ctx, topics, minBytes) < minBytes) {
      await waitForData(ctx, topics, minBytes, maxWaitMs);
    }
    writeResponse(ctx, topics, maxBytes, res);
  },
};

function available(ctx: RequestContext, topics: TopicFetch[], limit: number): number {
  let total = 0;
  for (const t of topics) {
    for (const p of t.partitions) {
      const log = ctx.broker.topics.partition(t.name, p.partition);
      if (!log) return limit; // an error is an answer: don't wait
      if (p.fetchOffset > log.highWatermark || p.fetchOffset < log.logStartOffset) return limit;
      total += log.bytesAvailable(p.fetchOffset, limit - total);
      if (total >= limit) return total;
    }
  }
  return total;
}

function waitForData(ctx: RequestContext, topics: TopicFetch[], minBytes: number, maxWaitMs: number): Promise<void> {
  return new Promise((resolve) => {
    const unsubscribe: (() => void)[] = [];
    let waiting = true;
    ctx.broker.waitingFetches++;
    const done = () => {
      if (waiting) ctx.broker.waitingFetches--;
      waiting = false;
      clearTimeout(timer);
      for (const u of unsubscribe) u();
      resolve();
    };
    const timer = setTimeout(done, maxWaitMs);
    for (const t of topics) {
      for (const p of t.partitions) {
        const log = ctx.broker.topics.partition(t.name, p.partition);
        if (log) unsubscribe.push(log.onAppend(() => available(ctx, topics, minBytes) >= minBytes && done()));
      }
    }
    void ctx.closed.then(done);
  });
}

function writeResponse(ctx: RequestContext, topics: TopicFetch[], maxBytes: number, res: Writer): void {
  let budget = maxBytes;
  res.int32(0); // throttle_time_ms
  res.array(topics, (w, t) => {
    w.string(t.name);
    w.array(t.partitions, (pw, p) => {
      const log = ctx.broker.topics.partition(t.name, p.partition);
      let errorCode: number = ErrorCode.NONE;
      let batches: Buffer[] = [];
      if (!log) errorCode = ErrorCode.UNKNOWN_TOPIC_OR_PARTITION;
      else if (p.fetchOffset > log.highWatermark || p.fetchOffset < log.logStartOffset) errorCode = ErrorCode.OFFSET_OUT_OF_RANGE;
      else if (budget > 0 || budget === maxBytes) {
        batches = log.read(p.fetchOffset, Math.min(p.maxBytes, budget));
        for (const b of batches) budget -= b.length;
      }
      const hw = log?.highWatermark ?? -1;
      pw.int32(p.partition).int16(errorCode).int64(hw);
      pw.int64(hw); // last_stable_offset: nothing is transactional
      if (ctx.apiVersion >= 5) pw.int64(log?.logStartOffset ?? -1);
      pw.nullableArray(null, () => undefined); // aborted_transactions
      pw.int32(batches.reduce((n, b) => n + b.length, 0));
      for (const b of batches) pw.raw(b);
    });
  });
}
