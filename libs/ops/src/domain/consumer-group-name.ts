/** What a consumer group name says about its owner: `idcard-<service>-<province>`, or its prompt lane's `…-prompt`. */
export interface GroupOwner {
  service: string;
  province: string;
}

// Optionally behind a KAFKA_NAMESPACE prefix (`<namespace>.idcard-…`), as test runs on a shared cluster name them; the
// prompt lane's group (libs/contracts topic-lanes.ts) belongs to the same service.
const SERVICE_GROUP = /(?:^|\.)idcard-([a-z-]+?)-(\d{2})(?:-prompt)?$/;

/** The service and province a group belongs to, or null for a group this project did not name (a tool, another team). */
export function groupOwner(groupId: string): GroupOwner | null {
  const m = SERVICE_GROUP.exec(groupId);
  return m ? { service: m[1], province: m[2] } : null;
}
