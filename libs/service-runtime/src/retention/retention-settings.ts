import type { SettingsReader } from '@idcard/settings';
import type { SkewWindow } from '@idcard/trust';

const DAY_MS = 86_400_000;

/** What a service keeps, and for how long (issue 14, point 7). */
export interface RetentionSettings {
  /** RETENTION_TICK_MS: real-time ms between runs of the retention job (default 1 h; 0 = only when called). */
  tickMs: number;
  /** OUTBOX_RETENTION_DAYS: sent outbox rows older than this are deleted (default 7). */
  outboxSentDays: number;
  /** INBOX_RETENTION_DAYS: applied inbox rows older than this are deleted (default 31; must exceed MESSAGE_MAX_AGE_MS + MESSAGE_MAX_AHEAD_MS). */
  inboxAppliedDays: number;
  /** BIOMETRICS_RETENTION_DAYS: photos and fingerprints of a finished application are purged this long after it finished (default 90). */
  biometricsDays: number;
}

export const DEFAULT_RETENTION: RetentionSettings = { tickMs: 3_600_000, outboxSentDays: 7, inboxAppliedDays: 31, biometricsDays: 90 };

/**
 * The retention settings. The inbox must keep a message's row longer than any copy of it could still be accepted:
 * a copy older than the trust check's window (MESSAGE_MAX_AGE_MS behind, MESSAGE_MAX_AHEAD_MS ahead) is refused
 * before the inbox, so a shorter inbox period is refused here.
 */
export function readRetentionSettings(read: SettingsReader, messageWindow: SkewWindow): RetentionSettings {
  const d = DEFAULT_RETENTION;
  const settings: RetentionSettings = {
    tickMs: read.integer('RETENTION_TICK_MS', d.tickMs),
    outboxSentDays: read.integer('OUTBOX_RETENTION_DAYS', d.outboxSentDays, { min: 1 }),
    inboxAppliedDays: read.integer('INBOX_RETENTION_DAYS', d.inboxAppliedDays, { min: 1 }),
    biometricsDays: read.integer('BIOMETRICS_RETENTION_DAYS', d.biometricsDays, { min: 1 }),
  };
  const windowDays = (messageWindow.pastMs + messageWindow.futureMs) / DAY_MS;
  if (settings.inboxAppliedDays <= windowDays)
    read.problem(
      `INBOX_RETENTION_DAYS (${settings.inboxAppliedDays}) must be longer than MESSAGE_MAX_AGE_MS + MESSAGE_MAX_AHEAD_MS (${windowDays.toFixed(2)} days): a redelivered message still inside that window would be applied again`,
    );
  return settings;
}
