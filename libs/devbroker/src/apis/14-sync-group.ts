import { KafkaApi } from '../api';

/** SyncGroup (key 14), v0-1: the leader hands in the assignments; every member waits for its own. */
export const syncGroup: KafkaApi = {
  key: 14,
  name: 'SyncGroup',
  minVersion: 0,
  maxVersion: 1,
  async handle(ctx, req, res) {
    const groupId = req.string();
    const generationId = req.int32();
    const memberId = req.string();
    const assignments = req.array((r) => ({ memberId: r.string(), assignment: Buffer.from(r.bytes()) }));
    const result = await ctx.broker.groups.sync(groupId, generationId, memberId, assignments);
    if (ctx.apiVersion >= 1) res.int32(0); // throttle_time_ms
    res.int16(result.errorCode).bytes(result.assignment);
  },
};
