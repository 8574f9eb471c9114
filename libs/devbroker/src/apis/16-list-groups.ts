import { KafkaApi } from '../api';

/** ListGroups (key 16), v0-1: every group with members or committed offsets, as Kafka's coordinator lists them. */
export const listGroups: KafkaApi = {
  key: 16,
  name: 'ListGroups',
  minVersion: 0,
  maxVersion: 1,
  handle(ctx, _req, res) {
    if (ctx.apiVersion >= 1) res.int32(0); // throttle_time_ms
    res.int16(0);
    res.array(ctx.broker.groups.list(), (w, g) => w.string(g.groupId).string(g.protocolType));
  },
};
