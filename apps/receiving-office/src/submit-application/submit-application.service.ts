import { Inject, Injectable, Logger } from '@nestjs/common';
import { assertOwnOffice, Principal } from '@idcard/access';
import { CLOCK, Clock } from '@idcard/clock';
import { cstDate, daysLeft, dueDateFor, maskCitizenId, MessageType, ProvinceCode, topics } from '@idcard/contracts';
import { OutboxWriter, ServiceIdentity } from '@idcard/messaging';
import { SERVICE_IDENTITY } from '@idcard/service-runtime';
import { DataSource, EntityManager } from 'typeorm';
import { ApplicationLedger, stepActorOf } from '../applications/application-ledger';
import type { ReceivingOfficeSettings } from '../config';
import { homeProvinceFor } from '../domain/application-form';
import { IdempotencyKeyReused } from '../domain/idempotency-key';
import { alertSchedule } from '../domain/deadline-alerts';
import { receiptNumberFor } from '../domain/receipt-number';
import { RECEIVING_OFFICE_SETTINGS } from '../settings.module';
import { applicationSubmittedPayload } from './application-submitted';
import { SubmissionReceiptDto, SubmitApplicationDto } from './dto/submit-application.dto';

/** A counter device's request id and the digest of the form it came with (see domain/idempotency-key.ts). */
export interface SubmissionRequestId {
  key: string;
  formSha256: string;
}

/** The receipt, and whether it was issued now (201) or for an earlier request with the same key (200). */
export interface SubmissionAnswer {
  receipt: SubmissionReceiptDto;
  repeated: boolean;
}

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
    return (await this.submitOnce(form, actor, null)).receipt;
  }

  /**
   * As submit, but with the counter device's request id: the id is claimed first in the same transaction (a
   * concurrent duplicate waits on that row, then reads it), so one id opens at most one application, and a repeat
   * with the same form gets the first receipt back as it was; with another form, IdempotencyKeyReused.
   */
  async submitOnce(form: SubmitApplicationDto, actor: Principal, requestId: SubmissionRequestId | null): Promise<SubmissionAnswer> {
    assertOwnOffice(actor, form.receivingOfficeCode);
    const acceptedAt = this.clock.now();
    const dueAt = dueDateFor(acceptedAt);
    const idNumber = form.citizen.idNumber;
    const homeProvince = homeProvinceFor(idNumber, form.homeProvince);
    const province = this.identity.province as ProvinceCode;
    const answer = await this.dataSource.transaction(async (em): Promise<SubmissionAnswer> => {
      const receipt = receiptNumberFor(province, acceptedAt, await this.ledger.nextSequence(em));
      const issued: SubmissionReceiptDto = {
        receiptNumber: receipt,
        status: 'submitted',
        acceptedAt: acceptedAt.toISOString(),
        dueAt: dueAt.toISOString(),
        dueDate: cstDate(new Date(dueAt.getTime() - 1)),
        daysLeft: daysLeft(dueAt, acceptedAt),
      };
      if (requestId) {
        const earlier = await this.claimRequestId(em, form.receivingOfficeCode, requestId, issued);
        if (earlier) return { receipt: earlier, repeated: true };
      }
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
      return { receipt: issued, repeated: false };
    });
    this.logger.log({
      event: answer.repeated ? 'application.submission-repeated' : 'application.submitted',
      receipt: answer.receipt.receiptNumber,
      idNumber: maskCitizenId(idNumber),
      homeProvince,
      office: form.receivingOfficeCode,
    });
    return answer;
  }

  /**
   * Writes the request id with the receipt about to be issued, or, when the id is already taken (by a committed
   * request; a concurrent one is waited for), the receipt it was answered with — if the form is the same.
   */
  private async claimRequestId(
    em: EntityManager,
    office: string,
    requestId: SubmissionRequestId,
    issued: SubmissionReceiptDto,
  ): Promise<SubmissionReceiptDto | null> {
    const claimed: unknown[] = await em.query(
      `INSERT INTO submission_idempotency (office, idempotency_key, body_sha256, receipt_number, receipt, created_at)
       VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (office, idempotency_key) DO NOTHING RETURNING idempotency_key`,
      [office, requestId.key, requestId.formSha256, issued.receiptNumber, JSON.stringify(issued), this.clock.now()],
    );
    if (claimed.length === 1) return null;
    const [earlier] = await em.query<{ body_sha256: string; receipt: SubmissionReceiptDto }[]>(
      `SELECT body_sha256, receipt FROM submission_idempotency WHERE office = $1 AND idempotency_key = $2`,
      [office, requestId.key],
    );
    if (earlier.body_sha256 !== requestId.formSha256) throw new IdempotencyKeyReused(requestId.key);
    return earlier.receipt;
  }
}
