import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, Clock } from '@idcard/clock';
import { APPLICATION_STATUSES, ApplicationStatus, cstDate, daysLeft, maskCitizenId, maskName } from '@idcard/contracts';
import { DataSource, IsNull, Not } from 'typeorm';
import { ApplicationLedger } from '../applications/application-ledger';
import { UnknownApplication } from '../domain/errors';
import { SmsNotification } from '../notify-citizen/entities/sms-notification.entity';
import { CitizenProgressDto } from './citizen-progress.dto';

const STATUSES: readonly string[] = APPLICATION_STATUSES;

/** Whether the last four characters a citizen typed are those of the application's ID number (x or X alike). */
export function sameLastFour(idNumber: string, typed: string): boolean {
  return idNumber.slice(-4).toUpperCase() === typed.toUpperCase();
}

/**
 * 网上进度查询: a citizen follows their application with the receipt and the last four characters of their ID
 * number. A wrong pair is answered exactly as an unknown receipt, so the answer never confirms a receipt exists.
 */
@Injectable()
export class CitizenProgressService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly ledger: ApplicationLedger,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async progress(receiptNumber: string, idNumberLast4: string): Promise<CitizenProgressDto> {
    const em = this.dataSource.manager;
    const a = await this.ledger.find(em, receiptNumber);
    if (!a || !sameLastFour(a.idNumber, idNumberLast4)) throw new UnknownApplication(receiptNumber);
    const [steps, notices] = await Promise.all([
      this.ledger.timeline(em, receiptNumber),
      em.find(SmsNotification, { where: { receiptNumber, sentAt: Not(IsNull()) }, order: { sentAt: 'ASC' } }),
    ]);
    return {
      receiptNumber: a.receiptNumber,
      status: a.status,
      kind: a.kind,
      expedited: a.expedited,
      maskedName: maskName(a.name),
      maskedIdNumber: maskCitizenId(a.idNumber),
      acceptedAt: a.acceptedAt.toISOString(),
      dueDate: cstDate(new Date(a.dueAt.getTime() - 1)),
      daysLeft: daysLeft(a.dueAt, this.clock.now()),
      // Statuses only: who acted and the offices' deadline escalations are the staff's business.
      timeline: steps.filter((s) => STATUSES.includes(s.step)).map((s) => ({ step: s.step as ApplicationStatus, at: s.at.toISOString() })),
      collection: {
        method: a.deliveryMethod,
        receivingOfficeCode: a.receivingOfficeCode,
        province: a.receivingOfficeCode.slice(0, 2),
        ready: a.status === 'arrived',
        ...(a.handedOverAt ? { collectedAt: a.handedOverAt.toISOString() } : {}),
      },
      ...(a.rejectionReason ? { rejectionReason: a.rejectionReason } : {}),
      notices: notices.map((n) => ({ sentAt: n.sentAt!.toISOString(), text: n.text })),
    };
  }
}
