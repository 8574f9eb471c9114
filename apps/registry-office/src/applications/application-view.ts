import { daysLeft } from '@idcard/contracts';
import { whyDoubtful } from '../domain/review';
import { ApplicationView } from './dto/application-view.dto';
import { RegistryApplication } from './entities/registry-application.entity';

/** The registry's view of an application, as operators read it. */
export function applicationView(a: RegistryApplication, now: Date): ApplicationView {
  return {
    receiptNumber: a.receiptNumber,
    idNumber: a.idNumber,
    state: a.state,
    decision: a.state === 'signed_off' || a.state === 'issued' ? 'signed_off' : a.state === 'rejected' ? 'rejected' : null,
    kind: a.kind,
    receivingProvince: a.receivingProvince,
    receivingOfficeCode: a.receivingOfficeCode,
    expedited: a.expedited,
    reviewedBy: a.reviewedBy,
    reviewer: a.reviewerSubject ? { subject: a.reviewerSubject, name: a.reviewerName ?? '' } : null,
    reviewWhy: a.reviewDoubts?.length ? whyDoubtful(a.reviewDoubts) : null,
    rejection: a.rejectionReason ? { reasonCode: a.rejectionReason, detail: a.rejectionDetail ?? '', inFlightReceiptNumber: a.inFlightReceiptNumber } : null,
    cardSerial: a.cardSerial,
    acceptedAt: a.acceptedAt.toISOString(),
    dueAt: a.dueAt.toISOString(),
    deadline: {
      daysLeft: daysLeft(a.dueAt, now),
      warnedAt: a.deadlineWarnedAt?.toISOString() ?? null,
      breachedAt: a.deadlineBreachedAt?.toISOString() ?? null,
      receivingStatus: a.receivingStatus,
    },
    receivedAt: a.receivedAt.toISOString(),
    decidedAt: a.decidedAt?.toISOString() ?? null,
    issuedAt: a.issuedAt?.toISOString() ?? null,
  };
}
