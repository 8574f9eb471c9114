import { Inject, Injectable, Logger } from '@nestjs/common';
import { assertOwnOffice, Principal } from '@idcard/access';
import { CLOCK, Clock } from '@idcard/clock';
import { cstDate, daysLeft, dueDateFor, maskCitizenId, MessageType, ProvinceCode, topics } from '@idcard/contracts';
import { OutboxWriter, ServiceIdentity } from '@idcard/messaging';
import { SERVICE_IDENTITY } from '@idcard/service-runtime';
import { DataSource } from 'typeorm';
import { ApplicationLedger, stepActorOf } from '../applications/application-ledger';
import type { ReceivingOfficeSettings } from '../config';
import { homeProvinceFor } from '../domain/application-form';
import { alertSchedule } from '../domain/deadline-alerts';
import { receiptNumberFor } from '../domain/receipt-number';
import { RECEIVING_OFFICE_SETTINGS } from '../settings.module';
import { applicationSubmittedPayload } from './application-submitted';
import { SubmissionReceiptDto, SubmitApplicationDto } from './dto/submit-application.dto';

/** 受理: takes an application at the counter and sends it to the home registry for review. */
@Injectable()
export class SubmitApplicationService {
  private readonly logger = new Logger(SubmitApplicationService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxWriter,
    private readonly ledger: ApplicationLedger,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(SERVICE_IDENTITY) private readonly identity: ServiceIdentity,
    @Inject(RECEIVING_OFFICE_SETTINGS) private readonly settings: ReceivingOfficeSettings,
  ) {}

  /**
   * The application, its first timeline step (with the clerk and office that accepted it), its deadline alerts and
   * the message to the home registry commit together. A clerk accepts only at their own office.
   */
  async submit(form: SubmitApplicationDto, actor: Principal): Promise<SubmissionReceiptDto> {
    assertOwnOffice(actor, form.receivingOfficeCode);
    const acceptedAt = this.clock.now();
    const dueAt = dueDateFor(acceptedAt);
    const idNumber = form.citizen.idNumber;
    const homeProvince = homeProvinceFor(idNumber, form.homeProvince);
    const province = this.identity.province as ProvinceCode;
    const receiptNumber = await this.dataSource.transaction(async (em) => {
      const receipt = receiptNumberFor(province, acceptedAt, await this.ledger.nextSequence(em));
      const application = {
        receiptNumber: receipt,
        idNumber,
        name: form.citizen.name,
        kind: form.kind,
        homeProvince,
        receivingOfficeCode: form.receivingOfficeCode,
        expedited: form.expedited ?? false,
        lossReportedAtCounter: form.lossReportedAtCounter ?? false,
        deliveryMethod: form.delivery.method,
        postalAddress: form.delivery.method === 'post' ? form.delivery.postalAddress! : null,
        acceptedAt,
        dueAt,
      };
      const lossAtCounter = form.lossReportedAtCounter ? '; the loss of the current card reported at the counter' : '';
      const detail = `${form.kind} application accepted at office ${form.receivingOfficeCode}${lossAtCounter}; sent to the registry of province ${homeProvince}`;
      await this.ledger.open(em, application, detail, alertSchedule(acceptedAt, dueAt, this.settings.warningDaysLeft), stepActorOf(actor));
      const payload = applicationSubmittedPayload(form, { receiptNumber: receipt, receivingProvince: province, homeProvince, acceptedAt, dueAt });
      // The outbox checks the message as the registry will: a message it would dead-letter fails this request instead.
      await this.outbox.add(em, {
        topic: topics.registryApplications(homeProvince),
        key: idNumber,
        type: MessageType.ApplicationSubmitted,
        payload,
        correlationId: receipt,
      });
      return receipt;
    });
    this.logger.log({
      event: 'application.submitted',
      receipt: receiptNumber,
      idNumber: maskCitizenId(idNumber),
      homeProvince,
      office: form.receivingOfficeCode,
    });
    return {
      receiptNumber,
      status: 'submitted',
      acceptedAt: acceptedAt.toISOString(),
      dueAt: dueAt.toISOString(),
      dueDate: cstDate(new Date(dueAt.getTime() - 1)),
      daysLeft: daysLeft(dueAt, acceptedAt),
    };
  }
}
