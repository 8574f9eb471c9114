import { ApplicationKind, ETHNIC_GROUPS, EthnicGroupCode, feeFor, REJECTION_REASONS, RejectionReason } from '@idcard/contracts';
import { lossForLostApplication } from './loss-report';

/** A person as the register (or the application) states them. */
export interface Particulars {
  idNumber: string;
  name: string;
  sex: 'male' | 'female';
  birthDate: string;
  ethnicGroup: EthnicGroupCode;
}

/** A person as the register holds them, whether it holds any card of theirs (valid or not), and their valid card. */
export interface RegisterEntry extends Particulars {
  holdsCard: boolean;
  /** The citizen's one valid card, or null (none yet, or it was reported lost, replaced or expired). */
  validCardSerial: string | null;
}

/** What the review looks at in an application. */
export interface ApplicationUnderReview {
  kind: ApplicationKind;
  feePaidYuan: number;
  citizen: Particulars;
  /** A lost application whose clerk recorded the loss with it (issue 12). */
  lossReportedAtCounter?: boolean;
}

/** Why an officer has to look at an application before it can be signed off. */
export type ReviewDoubt =
  { kind: 'ethnicity_change'; registered: EthnicGroupCode; declared: EthnicGroupCode } | { kind: 'fee_mismatch'; due: number; paid: number };

export type ReviewOutcome =
  { decision: 'sign_off' } | { decision: 'reject'; reasonCode: RejectionReason; detail: string } | { decision: 'manual_review'; doubts: ReviewDoubt[] };

/**
 * The home registry's review of one application against its register entry (null when the citizen is not in
 * it) and the outcome of the photo check (null when the photo passes).
 *
 * Clear mismatches of identity (not ours, name, sex, birth date), a bad photo, and a kind that contradicts the
 * cards the register holds (a renewal or replacement of no card, a first card for someone who has one) are
 * rejected at once, in that order; so is a lost application whose current card has no loss on record and whose clerk
 * did not record one with it (lossForLostApplication). What an officer may legitimately accept goes to manual review: a declared
 * ethnicity other than the
 * registered one (a change of ethnicity is possible but needs an officer), and a fee other than feeFor(kind)
 * (a waiver or a mislabelled kind; the contracts have no rejection code for a fee).
 */
export function review(application: ApplicationUnderReview, registerEntry: RegisterEntry | null, photoProblem: string | null): ReviewOutcome {
  const declared = application.citizen;
  if (!registerEntry) return reject('NOT_IN_REGISTER', REJECTION_REASONS.NOT_IN_REGISTER);
  if (!sameName(declared.name, registerEntry.name)) return reject('NAME_MISMATCH', `${REJECTION_REASONS.NAME_MISMATCH}: declared ${declared.name}`);
  if (declared.sex !== registerEntry.sex) return reject('SEX_MISMATCH', `${REJECTION_REASONS.SEX_MISMATCH}: declared ${declared.sex}`);
  if (declared.birthDate !== registerEntry.birthDate)
    return reject('BIRTH_DATE_MISMATCH', `${REJECTION_REASONS.BIRTH_DATE_MISMATCH}: declared ${declared.birthDate}`);
  if (photoProblem) return reject('PHOTO_REJECTED', `${REJECTION_REASONS.PHOTO_REJECTED}: ${photoProblem}`);
  if (application.kind === 'first' && registerEntry.holdsCard) return reject('FIRST_CARD_ALREADY_ISSUED', REJECTION_REASONS.FIRST_CARD_ALREADY_ISSUED);
  if (application.kind !== 'first' && !registerEntry.holdsCard)
    return reject('NO_CARD_TO_REPLACE', `${REJECTION_REASONS.NO_CARD_TO_REPLACE} (${application.kind})`);
  if (lossForLostApplication(application.kind, application.lossReportedAtCounter, registerEntry.validCardSerial).action === 'refuse')
    return reject('LOSS_NOT_ON_RECORD', REJECTION_REASONS.LOSS_NOT_ON_RECORD);

  const doubts: ReviewDoubt[] = [];
  if (declared.ethnicGroup !== registerEntry.ethnicGroup) {
    doubts.push({ kind: 'ethnicity_change', registered: registerEntry.ethnicGroup, declared: declared.ethnicGroup });
  }
  const due = feeFor(application.kind);
  if (application.feePaidYuan !== due) doubts.push({ kind: 'fee_mismatch', due, paid: application.feePaidYuan });
  if (doubts.length) return { decision: 'manual_review', doubts };
  return { decision: 'sign_off' };
}

function reject(reasonCode: RejectionReason, detail: string): ReviewOutcome {
  return { decision: 'reject', reasonCode, detail };
}

/** Why an application is doubtful, in the one line an officer reads in the review queue and the application's view. */
export function whyDoubtful(doubts: readonly ReviewDoubt[]): string {
  return doubts.map(describeDoubt).join('; ');
}

function describeDoubt(doubt: ReviewDoubt): string {
  switch (doubt.kind) {
    case 'ethnicity_change':
      return `declared ethnicity ${doubt.declared} ${ETHNIC_GROUPS[doubt.declared].en} differs from the registered ${doubt.registered} ${ETHNIC_GROUPS[doubt.registered].en}`;
    case 'fee_mismatch':
      return `fee paid ${doubt.paid} yuan, due ${doubt.due} yuan`;
  }
}

/** The approved ethnicity change an application carries, if any: approving it updates the register. */
export function approvedEthnicity(doubts: readonly ReviewDoubt[]): EthnicGroupCode | null {
  const change = doubts.find((d): d is Extract<ReviewDoubt, { kind: 'ethnicity_change' }> => d.kind === 'ethnicity_change');
  return change ? change.declared : null;
}

/** Names compare after Unicode normalisation, without spaces, with every middle-dot variant as '·' (阿依古丽·艾力). */
export function sameName(a: string, b: string): boolean {
  return normaliseName(a) === normaliseName(b);
}

function normaliseName(name: string): string {
  return name
    .normalize('NFKC')
    .replace(/\s+/g, '')
    .replace(/[\u00B7\u2022\u2027\u30FB\u2219\u22C5.．]/g, '·');
}
