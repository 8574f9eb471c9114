import type { ApplicationStatus } from '@idcard/contracts';
import { canTransition } from './application';
import { NotTheApplicant, NotTheExpectedCard, WrongStatus } from './errors';

export interface CollectableApplication {
  receiptNumber: string;
  idNumber: string;
  status: ApplicationStatus;
}

/** 发放: only to the applicant (the ID number they present), and only once the card is here. */
export function checkHandover(application: CollectableApplication, presentedIdNumber: string): void {
  if (presentedIdNumber.trim().toUpperCase() !== application.idNumber) throw new NotTheApplicant(application.receiptNumber);
  if (!canTransition(application.status, 'handed_over')) {
    throw new WrongStatus(application.receiptNumber, application.status, 'hand over the card before it has arrived at this office');
  }
}

/** A card can be confirmed as arrived only for an application whose card was shipped, and only that card. */
export function checkArrival(application: { receiptNumber: string; status: ApplicationStatus; cardSerial: string | null }, cardSerial: string): void {
  if (!canTransition(application.status, 'arrived')) throw new WrongStatus(application.receiptNumber, application.status, 'record the arrival of its card');
  if (application.cardSerial !== cardSerial) throw new NotTheExpectedCard(application.receiptNumber, application.cardSerial, cardSerial);
}
