import { Inject, Injectable } from '@nestjs/common';
import { assertOwnOffice, Principal } from '@idcard/access';
import { CLOCK, Clock } from '@idcard/clock';
import { cstDate, daysLeft, maskCitizenId, maskName } from '@idcard/contracts';
import { DataSource } from 'typeorm';
import { ApplicationLedger } from '../applications/application-ledger';
import { UnknownApplication } from '../domain/errors';
import type { ApplicationStep } from '../applications/entities/application-step.entity';
import { ApplicationViewDto, TimelineStepDto } from './application-view.dto';

function stepView(s: ApplicationStep): TimelineStepDto {
  return {
    step: s.step,
    at: s.at.toISOString(),
    ...(s.detail ? { detail: s.detail } : {}),
    ...(s.actorSubject ? { actor: { subject: s.actorSubject, name: s.actorName ?? s.actorSubject, office: s.office } } : {}),
  };
}

/** 进度查询: where is receipt X, and how many of its 60 days are left. */
@Injectable()
export class TrackApplicationService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly ledger: ApplicationLedger,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** A clerk sees only the applications of their own office; ops (read-only, national) sees any. */
  async view(receiptNumber: string, reader: Principal): Promise<ApplicationViewDto> {
    const em = this.dataSource.manager;
    const application = await this.ledger.find(em, receiptNumber);
    if (!application) throw new UnknownApplication(receiptNumber);
    assertOwnOffice(reader, application.receivingOfficeCode);
    const timeline = await this.ledger.timeline(em, receiptNumber);
    const a = application;
    return {
      receiptNumber: a.receiptNumber,
      status: a.status,
      kind: a.kind,
      homeProvince: a.homeProvince,
      receivingOfficeCode: a.receivingOfficeCode,
      expedited: a.expedited,
      deliveryMethod: a.deliveryMethod,
      acceptedAt: a.acceptedAt.toISOString(),
      dueAt: a.dueAt.toISOString(),
      dueDate: cstDate(new Date(a.dueAt.getTime() - 1)),
      daysLeft: daysLeft(a.dueAt, this.clock.now()),
      citizen: { idNumber: maskCitizenId(a.idNumber), name: maskName(a.name) },
      timeline: timeline.map(stepView),
      ...(a.rejectionReason
        ? {
            rejection: {
              reasonCode: a.rejectionReason,
              detail: a.rejectionDetail ?? '',
              ...(a.rejectionInFlightReceiptNumber ? { inFlightReceiptNumber: a.rejectionInFlightReceiptNumber } : {}),
            },
          }
        : {}),
      ...(a.cardSerial && a.shipmentId
        ? {
            card: {
              serial: a.cardSerial,
              shipmentId: a.shipmentId,
              ...(a.arrivedAt ? { arrivedAt: a.arrivedAt.toISOString() } : {}),
              ...(a.handedOverAt ? { handedOverAt: a.handedOverAt.toISOString() } : {}),
            },
          }
        : {}),
    };
  }
}
