import { KafkaApi, NODE_ID } from '../api';

/** FindCoordinator (key 10), v0-1: a single broker coordinates every group, so it names itself. */
export const findCoordinator: KafkaApi = {
  key: 10,
  name: 'FindCoordinator',
  minVersion: 0,
  maxVersion: 1,
  handle(ctx, req, res) {
    req.string(); // key (group id)
    if (ctx.apiVersion >= 1) req.int8(); // key_type: groups and transactions alike
    if (ctx.apiVersion >= 1) res.int32(0); // throttle_time_ms
    res.int16(0);
    if (ctx.apiVersion >= 1) res.nullableString(null); // error_message
    res.int32(NODE_ID).string(ctx.broker.advertisedHost).int32(ctx.broker.port);
  },
};
