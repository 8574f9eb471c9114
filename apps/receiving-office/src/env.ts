import { readServiceEnv, ServiceEnv } from '@idcard/service-runtime';
import { SMS_SENDERS, SmsSenderName } from './notify-citizen/sms-sender';

/** The receiving office's settings, from the environment of its process. */
export interface ReceivingOfficeEnv extends ServiceEnv {
  /** SMS_SENDER: how citizens get their SMS (default table: recorded in sms_notification). */
  smsSender: SmsSenderName;
  /** DEADLINE_TICK_MS: how often the deadline scheduler runs (default 60000; 0 = never by itself). */
  deadlineTickMs?: number;
  /** DEADLINE_WARNING_DAYS_LEFT: comma-separated days left at which to warn (default 15,5). */
  warningDaysLeft?: number[];
}

/** Reads the settings, or throws naming every missing or bad one. */
export function readReceivingOfficeEnv(env: Record<string, string | undefined>): ReceivingOfficeEnv {
  const problems: string[] = [];
  const common = readServiceEnv(env, problems);
  const smsSender = env.SMS_SENDER?.trim() || 'table';
  if (!(SMS_SENDERS as readonly string[]).includes(smsSender)) problems.push(`SMS_SENDER must be one of ${SMS_SENDERS.join(', ')}, got ${JSON.stringify(smsSender)}`);
  const tickRaw = env.DEADLINE_TICK_MS?.trim();
  if (tickRaw && !/^\d+$/.test(tickRaw)) problems.push(`DEADLINE_TICK_MS must be a whole number of milliseconds, got ${JSON.stringify(tickRaw)}`);
  const warningsRaw = env.DEADLINE_WARNING_DAYS_LEFT?.split(',').map((d) => d.trim()).filter(Boolean);
  if (warningsRaw?.some((d) => !/^\d{1,2}$/.test(d) || Number(d) > 59)) problems.push(`DEADLINE_WARNING_DAYS_LEFT must list days left from 0 to 59, e.g. 15,5, got ${JSON.stringify(env.DEADLINE_WARNING_DAYS_LEFT)}`);
  if (problems.length) throw new Error(`receiving-office cannot start: ${problems.join('; ')}`);
  return {
    ...common,
    smsSender: smsSender as SmsSenderName,
    ...(tickRaw ? { deadlineTickMs: Number(tickRaw) } : {}),
    ...(warningsRaw?.length ? { warningDaysLeft: warningsRaw.map(Number) } : {}),
  };
}
