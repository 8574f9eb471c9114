import { TEMPORARY_ID_FEE_YUAN } from '@idcard/contracts';

/**
 * A temporary ID (临时身份证) made on the spot: the office asks the citizen's home registry, and hands a card out
 * only on the registry's word, received before the office gave up waiting.
 *
 *   pending ──issued (in time)──> issued
 *      ├────refused────────────> refused
 *      └──office gave up───────> no_answer ──issued arrives late──> voided (TemporaryCardVoided sent)
 */
export const TEMPORARY_CARD_STATUSES = ['pending', 'issued', 'refused', 'no_answer', 'voided'] as const;
export type TemporaryCardStatus = (typeof TEMPORARY_CARD_STATUSES)[number];

/** 工本费 of a temporary ID, in yuan. */
export const TEMPORARY_CARD_FEE_YUAN = TEMPORARY_ID_FEE_YUAN;

/** TEMPORARY_CARD_ANSWER_MS default: how long the clerk waits for the registry. */
export const DEFAULT_TEMPORARY_CARD_ANSWER_MS = 5000;

/** The last instant the office takes the registry's answer; the registry refuses a request it reads after it. */
export function answerBy(requestedAt: Date, answerMs: number): Date {
  return new Date(requestedAt.getTime() + answerMs);
}

export type TemporaryCardAnswer = { outcome: 'issued'; temporarySerial: string; validUntil: string } | { outcome: 'refused'; refusal: string };

/**
 * What the registry's answer does to a request here, judged by the office's own clock (`now`) against the request's
 * answer-by instant, never by what the message says of its own time:
 * - `issued` / `refused`: recorded; the waiting clerk sees it;
 * - `void`: an issue the office can no longer use (it gave up, or the answer came after answer-by): the serial is
 *   recorded and TemporaryCardVoided goes to the registry, so the card never counts as issued;
 * - `late-refusal`: a refusal after the office gave up: recorded, nothing else to do;
 * - `already-applied`: the same answer again;
 * - `conflict`: a different answer to one already recorded — dead-lettered for a person to look at.
 */
export type TemporaryCardAnswerOutcome =
  { outcome: 'issued' | 'refused' | 'void' | 'late-refusal' | 'already-applied' } | { outcome: 'conflict'; reason: string };

export function temporaryCardAnswerOutcome(
  request: { status: TemporaryCardStatus; answerBy: Date; temporarySerial: string | null; refusal: string | null },
  answer: TemporaryCardAnswer,
  now: Date,
): TemporaryCardAnswerOutcome {
  const same =
    answer.outcome === 'issued' ? request.temporarySerial === answer.temporarySerial : request.refusal === answer.refusal && !request.temporarySerial;
  switch (request.status) {
    case 'pending':
      if (now.getTime() > request.answerBy.getTime()) return { outcome: answer.outcome === 'issued' ? 'void' : 'late-refusal' };
      return { outcome: answer.outcome };
    case 'no_answer':
      if (request.temporarySerial || request.refusal) return same ? { outcome: 'already-applied' } : conflict(request.status, answer);
      return { outcome: answer.outcome === 'issued' ? 'void' : 'late-refusal' };
    case 'issued':
    case 'voided':
      return answer.outcome === 'issued' && same ? { outcome: 'already-applied' } : conflict(request.status, answer);
    case 'refused':
      return answer.outcome === 'refused' && same ? { outcome: 'already-applied' } : conflict(request.status, answer);
  }
}

function conflict(status: TemporaryCardStatus, answer: TemporaryCardAnswer): TemporaryCardAnswerOutcome {
  const said = answer.outcome === 'issued' ? `issued ${answer.temporarySerial}` : `refused (${answer.refusal})`;
  return { outcome: 'conflict', reason: `the registry now says ${said} for a request recorded as ${status}` };
}

/** What the waiting clerk is told: the card, the refusal, or — the office gave up — try again or apply normally. */
export type TemporaryCardVerdict = 'wait' | 'issued' | 'refused' | 'give-up';

export function waitingVerdict(status: TemporaryCardStatus, answerByAt: Date, now: Date): TemporaryCardVerdict {
  if (status === 'issued') return 'issued';
  if (status === 'refused') return 'refused';
  if (status === 'pending' && now.getTime() < answerByAt.getTime()) return 'wait';
  return 'give-up';
}
