import type { DataSource } from 'typeorm';

/** How long the messaging tables keep what they no longer need for delivery (days). */
export interface MessagingRetentionPeriods {
  /** Sent outbox rows: kept for operators (what was sent, when); the message log keeps the record for good. */
  outboxSentDays: number;
  /**
   * Applied inbox rows: a row must outlive every redelivery of its message, or a late duplicate would be applied
   * again. Any copy arriving later than MESSAGE_MAX_AGE_MS after it was sent is refused by the trust check
   * (clock-skew) before the inbox is even asked, so a period longer than that window (plus the ahead window) is safe
   * whatever the retention of the topic or of its dead-letter topic.
   */
  inboxAppliedDays: number;
}

export interface MessagingPruned {
  outbox: number;
  inbox: number;
}

const DAY_MS = 86_400_000;

/** Deletes in slices of this many rows, each its own statement, so no prune holds many row locks for long. */
const PRUNE_SLICE = 5000;

async function deleteOlderThan(dataSource: DataSource, table: string, key: string, column: string, before: Date): Promise<number> {
  let total = 0;
  for (;;) {
    const [, deleted] = (await dataSource.query(
      `DELETE FROM ${table} WHERE ${key} IN (SELECT ${key} FROM ${table} WHERE ${column} < $1 LIMIT ${PRUNE_SLICE})`,
      [before],
    )) as [unknown, number];
    total += deleted;
    if (deleted < PRUNE_SLICE) return total;
  }
}

/** Prunes sent outbox rows and applied inbox rows older than their periods, as of `now` (the service's clock). */
export async function pruneMessaging(dataSource: DataSource, now: Date, periods: MessagingRetentionPeriods): Promise<MessagingPruned> {
  const outbox = await deleteOlderThan(dataSource, 'outbox_message', 'id', 'sent_at', new Date(now.getTime() - periods.outboxSentDays * DAY_MS));
  const inbox = await deleteOlderThan(dataSource, 'inbox_message', 'message_id', 'applied_at', new Date(now.getTime() - periods.inboxAppliedDays * DAY_MS));
  return { outbox, inbox };
}
