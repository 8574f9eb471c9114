import { KafkaApi } from '../api';

/** LeaveGroup (key 13), v0-1: the member leaves at once and the rest rebalance without waiting for its session to lapse. */
export const leaveGroup: KafkaApi = {
  key: 13,
  name: 'LeaveGroup',
  minVersion: 0,
  maxVersion: 1,
  handle(ctx, req, res) {
    const errorCode = ctx.broker.groups.leave(req.string(), req.string());
    if (ctx.apiVersion >= 1) res.int32(0); // throttle_time_ms
    res.int16(errorCode);
  },
};
