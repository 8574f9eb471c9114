import { KafkaApi } from '../api';

/** DescribeGroups (key 15), v0-1: state, protocol and members with their assignments. */
export const describeGroups: KafkaApi = {
  key: 15,
  name: 'DescribeGroups',
  minVersion: 0,
  maxVersion: 1,
  handle(ctx, req, res) {
    const groups = req.array((r) => r.string()).map((id) => ctx.broker.groups.describe(id));
    if (ctx.apiVersion >= 1) res.int32(0); // throttle_time_ms
    res.array(groups, (w, g) => {
      w.int16(0).string(g.groupId).string(g.state).string(g.protocolType).string(g.protocolName);
      w.array(g.members, (mw, m) => mw.string(m.memberId).string(m.clientId).string(m.clientHost).bytes(m.metadata).bytes(m.assignment));
    });
  },
};
