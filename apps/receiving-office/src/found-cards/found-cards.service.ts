import { Inject, Injectable, Logger } from '@nestjs/common';
import { assertOwnOffice, Principal } from '@idcard/access';
import { CLOCK, Clock } from '@idcard/clock';
import { CardInvalidated, FoundCardAnswered, FoundCardReported, maskCitizenId, MessageType, topics, verificationReasonFor } from '@idcard/contracts';
import { InboundMessage, OutboxWriter, RejectMessage } from '@idcard/messaging';
import { isUUID } from 'class-validator';
import { randomUUID } from 'crypto';
import { DataSource, EntityManager, QueryFailedError } from 'typeorm';
import type { ReceivingOfficeSettings } from '../config';
import { homeProvinceFor } from '../domain/application-form';
import { FoundCardAlreadyHeld, FoundCardWrongStatus, NotTheHolder, UnknownFoundCard } from '../domain/errors';
import {
  collectionProblem,
  destructionProblem,
  effectiveFoundCardStatus,
  FOUND_CARD_OPEN_STATUSES,
  FoundCardStatus,
  foundCardAnswerOutcome,
  foundCardInvalidatedOutcome,
  isTheHolder,
} from '../domain/found-card';
import { replyProblem } from '../domain/replies';
import { clerkOffice } from '../lost-cards-access';
import { RECEIVING_OFFICE_SETTINGS } from '../settings.module';
import { FoundCard } from './found-card.entity';
import { FoundCardViewDto, RecordFoundCardDto } from './found-cards.dto';

/**
 * The sweep's claim: cards awaiting collection past their keep date, oldest first, locked with SKIP LOCKED so
 * replicas share the work and a card being collected right now is left for the next sweep.
 */
const CLAIM_UNCOLLECTED = `
  SELECT found_card_id FROM found_card
   WHERE status = 'awaiting_collection' AND keep_until <= $1
   ORDER BY keep_until
   LIMIT $2
     FOR UPDATE SKIP LOCKED`;

/** The status a clerk sees (awaiting past its keep date counts as to be destroyed: effectiveFoundCardStatus), in SQL. */
const EFFECTIVE_STATUS = `(CASE WHEN f.status = 'awaiting_collection' AND f.keep_until <= :now THEN 'to_destroy' ELSE f.status END)`;

/** 丢失招领: cards handed in here, routed to the holder's home registry, destroyed or given back on its word. */
@Injectable()
export class FoundCardsService {
  private readonly logger = new Logger(FoundCardsService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxWriter,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(RECEIVING_OFFICE_SETTINGS) private readonly settings: ReceivingOfficeSettings,
  ) {}

  /** The card and FoundCardReported to its home registry commit together; a card still held (here or elsewhere in the province) is refused. */
  async record(form: RecordFoundCardDto, clerk: Principal): Promise<FoundCardViewDto> {
    const office = clerkOffice(clerk);
    const foundCardId = randomUUID();
    const foundAt = this.clock.now();
    const homeProvince = homeProvinceFor(form.idNumber, form.homeProvince);
    const card = await this.dataSource
      .transaction(async (em) => {
        const row: FoundCard = {
          foundCardId,
          cardSerial: form.cardSerial,
          idNumber: form.idNumber,
          homeProvince,
          receivingOfficeCode: office,
          foundAt,
          recordedBy: clerk.subject,
          recordedByName: clerk.name,
          status: 'routed',
          instruction: null,
          reason: null,
          answeredAt: null,
          keepUntil: null,
          toDestroyBecause: null,
          invalidationReason: null,
          destroyedAt: null,
          destroyedBy: null,
          destroyedByName: null,
          collectedAt: null,
          collectedBy: null,
          collectedByName: null,
        };
        await em.insert(FoundCard, row);
        const payload: FoundCardReported = {
          foundCardId,
          cardSerial: form.cardSerial,
          idNumber: form.idNumber,
          homeProvince,
          receivingOfficeCode: office,
          foundAt: foundAt.toISOString(),
        };
        await this.outbox.add(em, {
          topic: topics.registryRequests(homeProvince),
          key: form.idNumber,
          type: MessageType.FoundCardReported,
          payload,
          correlationId: foundCardId,
        });
        return row;
      })
      .catch((err: unknown) => {
        if (err instanceof QueryFailedError && (err.driverError as { constraint?: string })?.constraint === 'found_card_open_serial') {
          throw new FoundCardAlreadyHeld(form.cardSerial);
        }
        throw err;
      });
    this.logger.log({ event: 'found-card.recorded', foundCardId, cardSerial: form.cardSerial, idNumber: maskCitizenId(form.idNumber), homeProvince, office });
    return this.viewOf(card, foundAt);
  }

  async view(foundCardId: string, reader: Principal): Promise<FoundCardViewDto> {
    const card = isUUID(foundCardId) ? await this.dataSource.manager.findOne(FoundCard, { where: { foundCardId } }) : null;
    if (!card) throw new UnknownFoundCard(foundCardId);
    assertOwnOffice(reader, card.receivingOfficeCode);
    return this.viewOf(card, this.clock.now());
  }

  /** The cards of the clerk's office (every office's for ops), optionally in one status as a clerk sees it, oldest first. */
  async list(status: FoundCardStatus | undefined, reader: Principal): Promise<FoundCardViewDto[]> {
    const now = this.clock.now();
    const query = this.dataSource.manager.createQueryBuilder(FoundCard, 'f').orderBy('f.foundAt', 'ASC').limit(1000);
    if (reader.role === 'clerk') query.andWhere('f.receiving_office_code = :office', { office: reader.office });
    if (status) query.andWhere(`${EFFECTIVE_STATUS} = :status`, { now, status });
    return (await query.getMany()).map((c) => this.viewOf(c, now));
  }

  /** The card was destroyed at the counter; only a card to be destroyed (the registry's word, or kept too long) is. */
  async destroy(foundCardId: string, clerk: Principal): Promise<FoundCardViewDto> {
    const now = this.clock.now();
    const card = await this.dataSource.transaction(async (em) => {
      const card = await this.lock(em, foundCardId);
      assertOwnOffice(clerk, card.receivingOfficeCode);
      const problem = destructionProblem(card, now);
      if (problem) throw new FoundCardWrongStatus(foundCardId, effectiveFoundCardStatus(card, now), 'destroy', problem);
      const facts = {
        status: 'destroyed' as const,
        toDestroyBecause: card.toDestroyBecause ?? ('uncollected' as const),
        destroyedAt: now,
        destroyedBy: clerk.subject,
        destroyedByName: clerk.name,
      };
      await em.update(FoundCard, { foundCardId }, facts);
      return Object.assign(card, facts);
    });
    this.logger.log({ event: 'found-card.destroyed', foundCardId, because: card.toDestroyBecause });
    return this.viewOf(card, now);
  }

  /** The holder collected the card: only the person the card names, and only while it waits for them. */
  async collect(foundCardId: string, presentedIdNumber: string, clerk: Principal): Promise<FoundCardViewDto> {
    const now = this.clock.now();
    const card = await this.dataSource.transaction(async (em) => {
      const card = await this.lock(em, foundCardId);
      assertOwnOffice(clerk, card.receivingOfficeCode);
      if (!isTheHolder(card.idNumber, presentedIdNumber)) throw new NotTheHolder(foundCardId);
      const problem = collectionProblem(card, now);
      if (problem) throw new FoundCardWrongStatus(foundCardId, effectiveFoundCardStatus(card, now), 'hand over', problem);
      const facts = { status: 'collected' as const, collectedAt: now, collectedBy: clerk.subject, collectedByName: clerk.name };
      await em.update(FoundCard, { foundCardId }, facts);
      return Object.assign(card, facts);
    });
    this.logger.log({ event: 'found-card.collected', foundCardId });
    return this.viewOf(card, now);
  }

  /** FoundCardAnswered from the home registry: to destroy, or to keep for the holder (whom the registry texts). */
  async recordAnswer(msg: InboundMessage<FoundCardAnswered>): Promise<void> {
    const { payload: p, em } = msg;
    const card = await em.findOne(FoundCard, { where: { foundCardId: p.foundCardId }, lock: { mode: 'pessimistic_write' } });
    if (!card) throw new RejectMessage(`no found card ${p.foundCardId} at this receiving office`);
    const problem = replyProblem(`found card ${p.foundCardId}`, msg.envelope.source, card, p.receivingOfficeCode);
    if (problem) throw new RejectMessage(problem);
    // Kept from when this office learnt of the answer: the holder's time to come starts with the SMS the registry sends now.
    const outcome = foundCardAnswerOutcome(card, p.instruction, this.clock.now(), this.settings.foundCardKeepDays);
    if (outcome.outcome === 'conflict') throw new RejectMessage(`FoundCardAnswered ${p.foundCardId}: ${outcome.reason}`);
    if (outcome.outcome === 'already-applied') return;
    await em.update(
      FoundCard,
      { foundCardId: p.foundCardId },
      {
        status: outcome.status,
        instruction: p.instruction,
        reason: p.reason ?? (card.invalidationReason ? verificationReasonFor(card.invalidationReason as never) : null),
        answeredAt: new Date(p.answeredAt),
        keepUntil: outcome.keepUntil,
        toDestroyBecause: outcome.because,
      },
    );
    this.logger.log({ event: 'found-card.answered', foundCardId: p.foundCardId, instruction: p.instruction, reason: p.reason ?? null });
  }

  /**
   * CardInvalidated (the national broadcast) for a card this office holds: a card kept for its holder is to be
   * destroyed instead (reported lost or replaced meanwhile); a card still routed remembers it, so a `return` that
   * crosses the broadcast destroys it too. A card this office does not hold is no concern of it.
   */
  async recordInvalidation(msg: InboundMessage<CardInvalidated>): Promise<void> {
    const { payload: p, em } = msg;
    const card = await em
      .createQueryBuilder(FoundCard, 'f')
      .setLock('pessimistic_write')
      .where('f.cardSerial = :serial AND f.status IN (:...open)', { serial: p.cardSerial, open: FOUND_CARD_OPEN_STATUSES })
      .getOne();
    if (!card) return;
    const outcome = foundCardInvalidatedOutcome(card);
    if (outcome === 'nothing') return;
    const facts =
      outcome === 'destroy'
        ? { invalidationReason: p.reason, status: 'to_destroy' as const, toDestroyBecause: 'invalidated' as const, reason: verificationReasonFor(p.reason) }
        : { invalidationReason: p.reason };
    await em.update(FoundCard, { foundCardId: card.foundCardId }, facts);
    this.logger.log({ event: 'found-card.invalidated', foundCardId: card.foundCardId, reason: p.reason, status: facts.status ?? card.status });
  }

  /** Cards awaiting collection past their keep date become to be destroyed, in batches of one transaction each. */
  async sweepUncollected(batchSize = 500): Promise<number> {
    const now = this.clock.now();
    let total = 0;
    for (;;) {
      const claimed = await this.dataSource.transaction(async (em) => {
        const rows: { found_card_id: string }[] = await em.query(CLAIM_UNCOLLECTED, [now, batchSize]);
        if (rows.length === 0) return 0;
        await em
          .createQueryBuilder()
          .update(FoundCard)
          .set({ status: 'to_destroy', toDestroyBecause: 'uncollected' })
          .whereInIds(rows.map((r) => r.found_card_id))
          .execute();
        return rows.length;
      });
      total += claimed;
      if (claimed < batchSize) break;
    }
    if (total) this.logger.log({ event: 'found-card.uncollected', count: total, at: now.toISOString() });
    return total;
  }

  private async lock(em: EntityManager, foundCardId: string): Promise<FoundCard> {
    const card = isUUID(foundCardId) ? await em.findOne(FoundCard, { where: { foundCardId }, lock: { mode: 'pessimistic_write' } }) : null;
    if (!card) throw new UnknownFoundCard(foundCardId);
    return card;
  }

  private viewOf(c: FoundCard, now: Date): FoundCardViewDto {
    const status = effectiveFoundCardStatus(c, now);
    return {
      foundCardId: c.foundCardId,
      cardSerial: c.cardSerial,
      idNumber: maskCitizenId(c.idNumber),
      homeProvince: c.homeProvince,
      receivingOfficeCode: c.receivingOfficeCode,
      status,
      instruction: c.instruction,
      reason: c.reason,
      toDestroyBecause: c.toDestroyBecause ?? (status === 'to_destroy' ? 'uncollected' : null),
      foundAt: c.foundAt.toISOString(),
      answeredAt: c.answeredAt?.toISOString() ?? null,
      keepUntil: c.keepUntil?.toISOString() ?? null,
      destroyedAt: c.destroyedAt?.toISOString() ?? null,
      collectedAt: c.collectedAt?.toISOString() ?? null,
    };
  }
}
