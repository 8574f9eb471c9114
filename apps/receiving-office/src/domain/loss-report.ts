/**
 * A loss report (挂失申报) taken at this office for a citizen of any province: sent to the home registry, which marks
 * the card lost (accepted) or refuses — not in the register, not the citizen's current card, already lost.
 */
export const LOSS_REPORT_STATUSES = ['pending', 'accepted', 'refused'] as const;
export type LossReportStatus = (typeof LOSS_REPORT_STATUSES)[number];

export type LossReportAnswer = { outcome: 'accepted'; cardSerial: string | null } | { outcome: 'refused'; refusal: string };

/**
 * What the registry's answer does here: `apply` the first answer; the same answer again changes nothing; a different
 * answer to one already recorded is a conflict for a person (dead-lettered).
 */
export type LossReportAnswerOutcome = { outcome: 'apply' } | { outcome: 'already-applied' } | { outcome: 'conflict'; reason: string };

export function lossReportAnswerOutcome(report: { status: LossReportStatus; refusal: string | null }, answer: LossReportAnswer): LossReportAnswerOutcome {
  if (report.status === 'pending') return { outcome: 'apply' };
  if (report.status === answer.outcome && (answer.outcome === 'accepted' || report.refusal === answer.refusal)) return { outcome: 'already-applied' };
  const now = answer.outcome === 'accepted' ? 'accepted' : `refused (${answer.refusal})`;
  return {
    outcome: 'conflict',
    reason: `the registry now says ${now} for a loss report recorded as ${report.status}${report.refusal ? ` (${report.refusal})` : ''}`,
  };
}

/** What each refusal means, for the clerk at the counter. */
export const LOSS_REFUSAL_TEXT: Readonly<Record<string, string>> = {
  'not-in-register': "the citizen is not in the home province's population register",
  'not-current-card': "the card named is not the citizen's current card",
  'already-lost': 'the card is already reported lost',
};

export function lossRefusalText(refusal: string): string {
  return LOSS_REFUSAL_TEXT[refusal] ?? refusal;
}
