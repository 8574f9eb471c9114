import { Inject, Injectable, Logger } from '@nestjs/common';
import { assertOwnOffice, Principal } from '@idcard/access';
import { CLOCK, Clock } from '@idcard/clock';
import { maskCitizenId, MessageType, TemporaryCardAnswered, TemporaryCardRequested, TemporaryCardVoided, topics } from '@idcard/contracts';
import { InboundMessage, OutboxWriter, RejectMessage } from '@idcard/messaging';
import { isUUID } from 'class-validator';
import { randomUUID } from 'crypto';
import { DataSource } from 'typeorm';
import type { ReceivingOfficeSettings } from '../config';
import { homeProvinceFor } from '../domain/application-form';
import { TemporaryCardNoAnswer, TemporaryCardRefused, UnknownTemporaryCardRequest } from '../domain/errors';
import { replyProblem } from '../domain/replies';
import { answerBy, TEMPORARY_CARD_FEE_YUAN, TemporaryCardAnswer, temporaryCardAnswerOutcome, waitingVerdict } from '../domain/temporary-card';
import { clerkOffice } from '../lost-cards-access';
import { RECEIVING_OFFICE_SETTINGS } from '../settings.module';
import { TemporaryCardRequest } from './temporary-card-request.entity';
import { RequestTemporaryCardDto, TemporaryCardDto, TemporaryCardRequestViewDto } from './temporary-cards.dto';

/** How often the waiting counter looks at the request's row: the answer may be applied by another replica. */
const POLL_MS = 25;

/**
 * 临时身份证 on the spot: a request to the citizen's home registry over Kafka, answered within seconds. The counter
 * waits for the answer in the database (whichever replica consumed it), and never hands out a card without it.
 */
@Injectable()
export class TemporaryCardsService {
  private readonly logger = new Logger(TemporaryCardsService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxWriter,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(RECEIVING_OFFICE_SETTINGS) private readonly settings: ReceivingOfficeSettings,
  ) {}

  /**
   * Records the request and TemporaryCardRequested in one transaction, then waits until answer-by for the registry:
   * the card, a refusal (TemporaryCardRefused, 422), or nothing in time (TemporaryCardNoAnswer, 503 — the request is
   * marked no_answer, and an issue arriving later is voided).
   */
  async request(form: RequestTemporaryCardDto, clerk: Principal): Promise<TemporaryCardDto> {
    const office = clerkOffice(clerk);
    const requestId = randomUUID();
    const requestedAt = this.clock.now();
    const by = answerBy(requestedAt, this.settings.temporaryCardAnswerMs);
    const homeProvince = homeProvinceFor(form.idNumber, form.homeProvince);
    await this.dataSource.transaction(async (em) => {
      await em.insert(TemporaryCardRequest, {
        requestId,
        idNumber: form.idNumber,
        name: form.name,
        homeProvince,
        receivingOfficeCode: office,
        requestedBy: clerk.subject,
        requestedByName: clerk.name,
        requestedAt,
        answerBy: by,
        feeYuan: TEMPORARY_CARD_FEE_YUAN,
        status: 'pending',
        refusal: null,
        temporarySerial: null,
        validUntil: null,
        answeredAt: null,
        gaveUpAt: null,
        voidedAt: null,
      });
      const payload: TemporaryCardRequested = {
        requestId,
        idNumber: form.idNumber,
        name: form.name,
        homeProvince,
        receivingOfficeCode: office,
        requestedAt: requestedAt.toISOString(),
        answerBy: by.toISOString(),
      };
      await this.outbox.add(em, {
        topic: topics.registryRequests(homeProvince),
        key: form.idNumber,
        type: MessageType.TemporaryCardRequested,
        payload,
        correlationId: requestId,
      });
    });
    this.logger.log({ event: 'temporary-card.requested', requestId, idNumber: maskCitizenId(form.idNumber), homeProvince, office });
    const answered = await this.awaitAnswer(requestId, by);
    if (answered.status === 'issued') {
      return { requestId, temporarySerial: answered.temporarySerial!, validUntil: answered.validUntil!, fee: answered.feeYuan };
    }
    if (answered.status === 'refused') throw new TemporaryCardRefused(requestId, answered.refusal!);
    this.logger.warn({ event: 'temporary-card.no-answer', requestId, homeProvince, waitedMs: this.settings.temporaryCardAnswerMs });
    throw new TemporaryCardNoAnswer(requestId, homeProvince, this.settings.temporaryCardAnswerMs);
  }

  /**
   * Polls the request until it is answered or answer-by passes on the service's clock (or as much real time has
   * gone by, so a clock that stands still cannot hold the counter forever); then gives up under the row's lock, so
   * an answer applied at that very moment is either seen here or voided by the consumer, never both.
   */
  private async awaitAnswer(requestId: string, by: Date): Promise<TemporaryCardRequest> {
    const realDeadline = Date.now() + this.settings.temporaryCardAnswerMs;
    for (;;) {
      const row = await this.dataSource.manager.findOneByOrFail(TemporaryCardRequest, { requestId });
      const verdict = waitingVerdict(row.status, by, this.clock.now());
      if (verdict !== 'wait') return verdict === 'give-up' ? this.giveUp(requestId) : row;
      if (Date.now() >= realDeadline) return this.giveUp(requestId);
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
  }

  private giveUp(requestId: string): Promise<TemporaryCardRequest> {
    return this.dataSource.transaction(async (em) => {
      const row = await em.findOneOrFail(TemporaryCardRequest, { where: { requestId }, lock: { mode: 'pessimistic_write' } });
      if (row.status !== 'pending') return row;
      const gaveUpAt = this.clock.now();
      await em.update(TemporaryCardRequest, { requestId }, { status: 'no_answer', gaveUpAt });
      return Object.assign(row, { status: 'no_answer' as const, gaveUpAt });
    });
  }

  async view(requestId: string, reader: Principal): Promise<TemporaryCardRequestViewDto> {
    const r = isUUID(requestId) ? await this.dataSource.manager.findOne(TemporaryCardRequest, { where: { requestId } }) : null;
    if (!r) throw new UnknownTemporaryCardRequest(requestId);
    assertOwnOffice(reader, r.receivingOfficeCode);
    return {
      requestId: r.requestId,
      status: r.status,
      idNumber: maskCitizenId(r.idNumber),
      homeProvince: r.homeProvince,
      receivingOfficeCode: r.receivingOfficeCode,
      fee: r.feeYuan,
      requestedAt: r.requestedAt.toISOString(),
      answerBy: r.answerBy.toISOString(),
      refusal: r.refusal,
      temporarySerial: r.temporarySerial,
      validUntil: r.validUntil,
      answeredAt: r.answeredAt?.toISOString() ?? null,
      voidedAt: r.voidedAt?.toISOString() ?? null,
    };
  }

  /**
   * TemporaryCardAnswered: taken if it comes by answer-by (on this office's clock) while the counter still waits; an
   * issue that comes later is recorded as late and voided (TemporaryCardVoided to the registry, in this transaction).
   */
  async recordAnswer(msg: InboundMessage<TemporaryCardAnswered>): Promise<void> {
    const { payload: p, em } = msg;
    const request = await em.findOne(TemporaryCardRequest, { where: { requestId: p.requestId }, lock: { mode: 'pessimistic_write' } });
    if (!request) throw new RejectMessage(`no temporary ID request ${p.requestId} at this receiving office`);
    const problem = replyProblem(`temporary ID request ${p.requestId}`, msg.envelope.source, request, p.receivingOfficeCode);
    if (problem) throw new RejectMessage(problem);
    const answer: TemporaryCardAnswer =
      p.outcome === 'issued'
        ? { outcome: 'issued', temporarySerial: p.temporarySerial!, validUntil: p.validUntil! }
        : { outcome: 'refused', refusal: p.refusal! };
    const now = this.clock.now();
    const outcome = temporaryCardAnswerOutcome(request, answer, now);
    const answeredAt = new Date(p.answeredAt);
    const requestId = p.requestId;
    switch (outcome.outcome) {
      case 'conflict':
        throw new RejectMessage(`TemporaryCardAnswered ${requestId}: ${outcome.reason}`);
      case 'already-applied':
        return;
      case 'issued':
        await em.update(TemporaryCardRequest, { requestId }, { status: 'issued', temporarySerial: p.temporarySerial!, validUntil: p.validUntil!, answeredAt });
        break;
      case 'refused':
        await em.update(TemporaryCardRequest, { requestId }, { status: 'refused', refusal: p.refusal!, answeredAt });
        break;
      case 'late-refusal':
        await em.update(TemporaryCardRequest, { requestId }, { status: 'no_answer', refusal: p.refusal!, answeredAt, gaveUpAt: request.gaveUpAt ?? now });
        break;
      case 'void': {
        await em.update(
          TemporaryCardRequest,
          { requestId },
          { status: 'voided', temporarySerial: p.temporarySerial!, validUntil: p.validUntil!, answeredAt, gaveUpAt: request.gaveUpAt ?? now, voidedAt: now },
        );
        const voided: TemporaryCardVoided = {
          requestId,
          temporarySerial: p.temporarySerial!,
          homeProvince: request.homeProvince,
          receivingOfficeCode: request.receivingOfficeCode,
          voidedAt: now.toISOString(),
        };
        await this.outbox.add(em, {
          topic: topics.registryRequests(request.homeProvince),
          key: request.idNumber,
          type: MessageType.TemporaryCardVoided,
          payload: voided,
          correlationId: requestId,
        });
        this.logger.warn({ event: 'temporary-card.voided-late', requestId, temporarySerial: p.temporarySerial });
        return;
      }
    }
    this.logger.log({ event: 'temporary-card.answered', requestId, outcome: outcome.outcome, refusal: p.refusal ?? null });
  }
}
