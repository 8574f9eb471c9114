import { IsIn, IsInt, Max, Min } from 'class-validator';
import { APPLICATION_STATUSES, ApplicationStatus } from '../application/application-status';
import { DEADLINE_DAYS } from '../deadline';
import { IsReceiptNumber, IsTimestamp } from '../validators';

/** receiving office → home registry (idcard.registry.<home>.applications): the 60 days are running out. */
export class DeadlineWarning {
  @IsReceiptNumber()
  receiptNumber: string;

  @IsTimestamp()
  dueAt: string;

  /** daysLeft(dueAt, now): whole CST days, 0 on the last day. */
  @IsInt()
  @Min(0)
  @Max(DEADLINE_DAYS)
  daysLeft: number;

  /** Where the application stands at the receiving office, so the escalation knows who is holding it up. */
  @IsIn(APPLICATION_STATUSES)
  status: ApplicationStatus;
}

/** receiving office → home registry: the 60 days are over and the card is not handed over; escalate. */
export class DeadlineBreached {
  @IsReceiptNumber()
  receiptNumber: string;

  @IsTimestamp()
  dueAt: string;

  /** daysLeft(dueAt, now): -1 from the due instant on, lower the later the breach is noticed. */
  @IsInt()
  @Max(-1)
  daysLeft: number;

  @IsIn(APPLICATION_STATUSES)
  status: ApplicationStatus;
}
