import { CLUSTER_ID, KafkaApi, NODE_ID } from '../api';
import { ErrorCode } from '../protocol/error-codes';
import { Topic } from '../topics';

/** Metadata (key 3), v0-5: this node is every partition's leader; unknown topics are auto-created when allowed. */
export const metadata: KafkaApi = {
  key: 3,
  name: 'Metadata',
  minVersion: 0,
  maxVersion: 5,
  handle(ctx, req, res) {
    const v = ctx.apiVersion;
    const requested = req.nullableArray((r) => r.string());
    // v4 lets the client say whether a metadata request may create topics; before that the broker decides.
    const allowAutoCreate = v >= 4 ? req.boolean() : true;
    // v0 asks for all topics with an empty list, v1+ with null.
    const all = requested === null || (v === 0 && requested.length === 0);
    const answers: { name: string; errorCode: number; topic: Topic | null }[] = all
      ? ctx.broker.topics.all().map((t) => ({ name: t.name, errorCode: 0, topic: t }))
      : requested!.map((name) => {
          const t = ctx.broker.topicForUse(name, allowAutoCreate);
          return typeof t === 'number' ? { name, errorCode: t, topic: null } : { name, errorCode: 0, topic: t };
        });

    if (v >= 3) res.int32(0); // throttle_time_ms
    res.array([NODE_ID], (w, id) => {
      w.int32(id).string(ctx.broker.advertisedHost).int32(ctx.broker.port);
      if (v >= 1) w.nullableString(null); // rack
    });
    if (v >= 2) res.nullableString(CLUSTER_ID);
    if (v >= 1) res.int32(NODE_ID); // controller_id
    res.array(answers, (w, a) => {
      w.int16(a.errorCode).string(a.name);
      if (v >= 1) w.boolean(false); // is_internal
      w.array(a.topic?.partitions ?? [], (pw, _log, index) => {
        pw.int16(ErrorCode.NONE).int32(index).int32(NODE_ID);
        pw.array([NODE_ID], (x, id) => x.int32(id)); // replicas
        pw.array([NODE_ID], (x, id) => x.int32(id)); // isr
        if (v >= 5) pw.array([], () => undefined); // offline_replicas
      });
    });
  },
};
