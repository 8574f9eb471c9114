/** Longest dead-letter reason kept in the x-dead-letter-reason header and the log line. */
export const MAX_DEAD_LETTER_REASON = 2000;

/**
 * A reason short enough to travel: a validation error quotes the bad value, which may be hundreds of kilobytes, and
 * a header that large with the message beside it goes over the broker's message.max.bytes — the park itself would
 * fail, be retried for ever, and hold the partition up (found by the topic fuzz of issue 14).
 */
export function boundedReason(reason: string): string {
  return reason.length <= MAX_DEAD_LETTER_REASON ? reason : `${reason.slice(0, MAX_DEAD_LETTER_REASON)}… (${reason.length} characters)`;
}
