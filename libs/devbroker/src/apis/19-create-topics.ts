import { KafkaApi } from '../api';
import { ErrorCode } from '../protocol/error-codes';
import { topicNameError } from '../topics';

const MAX_PARTITIONS = 1000;

/** CreateTopics (key 19), v0-2: a single node, so the replication factor is 1 (or -1 for the default). */
export const createTopics: KafkaApi = {
  key: 19,
  name: 'CreateTopics',
  minVersion: 0,
  maxVersion: 2,
  handle(ctx, req, res) {
    const v = ctx.apiVersion;
    const topics = req.array((r) => ({
      name: r.string(),
      numPartitions: r.int32(),
      replicationFactor: r.int16(),
      assignments: r.array((a) => ({ partition: a.int32(), brokers: a.array((b) => b.int32()) })),
      configs: r.array((c) => ({ name: c.string(), value: c.nullableString() })),
    }));
    req.int32(); // timeout_ms
    const validateOnly = v >= 1 ? req.boolean() : false;

    const seen = new Set<string>();
    const results = topics.map((t) => {
      const partitions = t.assignments.length > 0 ? t.assignments.length : t.numPartitions === -1 ? ctx.broker.options.defaultPartitions : t.numPartitions;
      const fail = (errorCode: number, message: string) => ({ name: t.name, errorCode, message });
      const nameError = topicNameError(t.name);
      if (nameError) return fail(ErrorCode.INVALID_TOPIC_EXCEPTION, nameError);
      if (seen.has(t.name)) return fail(ErrorCode.INVALID_REQUEST, `topic "${t.name}" appears twice in the request`);
      seen.add(t.name);
      if (ctx.broker.topics.get(t.name)) return fail(ErrorCode.TOPIC_ALREADY_EXISTS, `topic "${t.name}" already exists`);
      if (partitions < 1 || partitions > MAX_PARTITIONS)
        return fail(ErrorCode.INVALID_PARTITIONS, `partitions must be 1..${MAX_PARTITIONS}, got ${partitions}`);
      if (t.replicationFactor !== -1 && t.replicationFactor !== 1) {
        return fail(ErrorCode.INVALID_REPLICATION_FACTOR, `replication factor ${t.replicationFactor} is larger than the 1 available broker`);
      }
      if (!validateOnly) {
        ctx.broker.topics.create(t.name, partitions);
        ctx.broker.options.log({ event: 'topic.created', topic: t.name, partitions });
      }
      return { name: t.name, errorCode: ErrorCode.NONE, message: null };
    });

    if (v >= 2) res.int32(0); // throttle_time_ms
    res.array(results, (w, r) => {
      w.string(r.name).int16(r.errorCode);
      if (v >= 1) w.nullableString(r.message);
    });
  },
};
