import { KafkaApi } from '../api';
import { ErrorCode } from '../protocol/error-codes';

/** DeleteTopics (key 20), v0-1: removes the topic, its files and the offsets committed for it. */
export const deleteTopics: KafkaApi = {
  key: 20,
  name: 'DeleteTopics',
  minVersion: 0,
  maxVersion: 1,
  handle(ctx, req, res) {
    const names = req.array((r) => r.string());
    req.int32(); // timeout_ms
    const results = names.map((name) => {
      const errorCode = ctx.broker.topics.delete(name);
      if (errorCode === ErrorCode.NONE) {
        ctx.broker.groups.offsets.dropTopic(name);
        ctx.broker.options.log({ event: 'topic.deleted', topic: name });
      }
      return { name, errorCode };
    });
    if (ctx.apiVersion >= 1) res.int32(0); // throttle_time_ms
    res.array(results, (w, r) => w.string(r.name).int16(r.errorCode));
  },
};
