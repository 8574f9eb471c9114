/** Names of the metrics every service exposes besides consumer lag: the services write them, the ops console reads them. */
export const SERVICE_METRICS = {
  outboxBacklog: 'idcard_outbox_backlog_messages',
  outboxOldestAge: 'idcard_outbox_oldest_message_age_seconds',
  deadLettered: 'idcard_dead_lettered_messages_total',
  deadlinesAtRisk: 'idcard_deadlines_at_risk',
  deadlinesBreached: 'idcard_deadlines_breached',
  httpDuration: 'http_request_duration_seconds',
  rejectedMessages: 'idcard_rejected_messages_total',
  auditAppendFailures: 'idcard_audit_append_failures_total',
  trustListVersion: 'idcard_trust_list_version',
  trustListStale: 'idcard_trust_list_stale',
  trustListNextUpdate: 'idcard_trust_list_next_update_timestamp_seconds',
  ready: 'idcard_ready',
} as const;
