import { KafkaApi } from '../api';

/** JoinGroup (key 11), v0-2: parks until the rebalance completes; the leader gets every member's metadata. */
export const joinGroup: KafkaApi = {
  key: 11,
  name: 'JoinGroup',
  minVersion: 0,
  maxVersion: 2,
  async handle(ctx, req, res) {
    const groupId = req.string();
    const sessionTimeoutMs = req.int32();
    // v0 has no rebalance timeout: the session timeout serves for both, as in Kafka.
    const rebalanceTimeoutMs = ctx.apiVersion >= 1 ? req.int32() : sessionTimeoutMs;
    const memberId = req.string();
    const protocolType = req.string();
    const protocols = req.array((r) => ({ name: r.string(), metadata: Buffer.from(r.bytes()) }));

    const result = await ctx.broker.groups.join({
      groupId,
      memberId,
      clientId: ctx.clientId,
      clientHost: ctx.clientHost,
      sessionTimeoutMs,
      rebalanceTimeoutMs,
      protocolType,
      protocols,
    });
    if (ctx.apiVersion >= 2) res.int32(0); // throttle_time_ms
    res.int16(result.errorCode).int32(result.generationId).string(result.protocolName).string(result.leaderId).string(result.memberId);
    res.array(result.members, (w, m) => w.string(m.memberId).bytes(m.metadata));
  },
};
