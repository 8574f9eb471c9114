import { Inject, Injectable, Logger } from '@nestjs/common';
import { CLOCK, Clock } from '@idcard/clock';
import { cstDate, daysLeft, dueDateFor, maskCitizenId, MessageType, ProvinceCode, topics } from '@idcard/contracts';
import { OutboxWriter } from '@idcard/messaging';
import { DataSource } from 'typeorm';
import { ApplicationLedger } from '../applications/application-ledger';
import { ApplicationStep } from '../applications/entities/application-step.entity';
import { Application } from '../applications/entities/application.entity';
import { homeProvinceFor } from '../domain/application-form';
import { alertSchedule } from '../domain/deadline-alerts';
import { receiptNumberFor } from '../domain/receipt-number';
import { RECEIVING_PROVINCE } from '../receiving-province';
import { DEADLINE_SETTINGS, DeadlineSettings } from '../watch-deadlines/deadline-settings';
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
    @Inject(RECEIVING_PROVINCE) private readonly province: ProvinceCode,
    @Inject(DEADLINE_SETTINGS) private readonly deadlines: DeadlineSettings,
  ) {}

  /** The application, its first timeline step, its deadline alerts and the message to the home registry commit together. */
  async submit(form: SubmitApplicationDto): Promise<SubmissionReceiptDto> {
    const acceptedAt = this.clock.now();
    const dueAt = dueDateFor(acceptedAt);
    const idNumber = form.citizen.idNumber;
    const homeProvince = homeProvinceFor(idNumber, form.homeProvince);
    const receiptNumber = await this.dataSource.transaction(async (em) => {
      const [{ sequence }] = await em.query(`SELECT nextval('application_receipt_seq') AS sequence`);
      const receipt = receiptNumberFor(this.province, acceptedAt, Number(sequence));
      await em.insert(Application, {
        receiptNumber: receipt,
        idNumber,
        name: form.citizen.name,
        kind: form.kind,
        homeProvince,
        receivingOfficeCode: form.receivingOfficeCode,
        status: 'submitted',
        expedited: form.expedited ?? false,
        deliveryMethod: form.delivery.method,
        postalAddress: form.delivery.method === 'post' ? form.delivery.postalAddress! : null,
        acceptedAt,
        dueAt,
      });
      await em.insert(ApplicationStep, {
        receiptNumber: receipt,
        step: 'submitted',
        at: acceptedAt,
        detail: `${form.kind} application accepted at office ${form.receivingOfficeCode}; sent to the registry of province ${homeProvince}`,
      });
      await this.ledger.watchDeadline(em, receipt, alertSchedule(acceptedAt, dueAt, this.deadlines.warningDaysLeft));
      const payload = applicationSubmittedPayload(form, { receiptNumber: receipt, receivingProvince: this.province, homeProvince, acceptedAt, dueAt });
      // The outbox checks the message as the registry will: a message it would dead-letter fails this request instead.
      await this.outbox.add(em, { topic: topics.registryApplications(homeProvince), key: idNumber, type: MessageType.ApplicationSubmitted, payload, correlationId: receipt });
      return receipt;
    });
    this.logger.log({ event: 'application.submitted', receipt: receiptNumber, idNumber: maskCitizenId(idNumber), homeProvince, office: form.receivingOfficeCode });
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
