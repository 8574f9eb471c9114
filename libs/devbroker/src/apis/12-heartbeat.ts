import { KafkaApi } from '../api';

/** Heartbeat (key 12), v0-1: keeps a member alive; REBALANCE_IN_PROGRESS tells it to rejoin. */
export const heartbeat: KafkaApi = {
  key: 12,
  name: 'Heartbeat',
  minVersion: 0,
  maxVersion: 1,
  handle(ctx, req, res) {
    const errorCode = ctx.broker.groups.heartbeat(req.string(), req.int32(), req.string());
    if (ctx.apiVersion >= 1) res.int32(0); // throttle_time_ms
    res.int16(errorCode);
  },
};
