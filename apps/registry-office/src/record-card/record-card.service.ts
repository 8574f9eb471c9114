import { Inject, Injectable, Logger } from '@nestjs/common';
import { CLOCK, Clock } from '@idcard/clock';
import { CardInvalidated, CardProduced, maskCitizenId, MessageType, topics } from '@idcard/contracts';
import { OutboxWriter, RejectMessage } from '@idcard/messaging';
import { EntityManager } from 'typeorm';
import { RegistryApplication } from '../applications/entities/registry-application.entity';
import { expiryToRecord } from '../domain/new-card';
import { moveApplication } from '../domain/registry-application';
import { HOME_PROVINCE } from '../home-province';
import { Card } from '../register/entities/card.entity';
import { Citizen } from '../register/entities/citizen.entity';

/**
 * A production centre made the card of an application this registry signed off: the register records it as
 * the citizen's one valid card, the card it replaces is invalidated (and every province told), and the
 * application is done, freeing the citizen for a next one.
 */
@Injectable()
export class RecordCardService {
  private readonly logger = new Logger(RecordCardService.name);

  constructor(
    private readonly outbox: OutboxWriter,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(HOME_PROVINCE) private readonly province: string,
  ) {}

  async record(em: EntityManager, produced: CardProduced): Promise<void> {
    const { receiptNumber, cardSerial, idNumber } = produced;
    const application = await em.findOne(RegistryApplication, { where: { receiptNumber }, lock: { mode: 'pessimistic_write' } });
    if (!application) throw new RejectMessage(`card ${cardSerial} was produced for ${receiptNumber}, an application the registry of province ${this.province} never signed off`);
    if (application.idNumber !== idNumber) throw new RejectMessage(`card ${cardSerial} names another citizen than application ${receiptNumber}`);
    if (application.state === 'issued') {
      if (application.cardSerial === cardSerial) return; // the same card reported again
      throw new RejectMessage(`application ${receiptNumber} already has card ${application.cardSerial}; refusing a second card ${cardSerial}`);
    }
    if (application.state !== 'signed_off') throw new RejectMessage(`application ${receiptNumber} is ${application.state}, not signed off: no card can be made for it`);
    if (await em.exists(Card, { where: { cardSerial } })) throw new RejectMessage(`card serial ${cardSerial} is already in the register`);

    const citizen = await em.findOneOrFail(Citizen, { where: { idNumber } });
    const { expiresOn, statedDiffers } = expiryToRecord(citizen.birthDate, produced.issueDate, produced.expiresOn);
    if (statedDiffers) this.logger.warn({ event: 'card.expiry-corrected', receipt: receiptNumber, cardSerial, stated: produced.expiresOn, recorded: expiresOn });

    const now = this.clock.now();
    // Invalidate before inserting: one valid card per citizen (the CTE makes the driver answer plain rows).
    const replaced: { card_serial: string }[] = await em.query(
      `WITH replaced AS (
         UPDATE card SET status = 'invalidated', invalidated_at = $2, invalidation_reason = 'replaced'
          WHERE id_number = $1 AND status = 'valid' RETURNING card_serial)
       SELECT card_serial FROM replaced ORDER BY card_serial`,
      [idNumber, now],
    );
    const replacedSerials = replaced.map((r) => r.card_serial);
    await em.insert(Card, {
      cardSerial,
      idNumber,
      issueDate: produced.issueDate,
      expiresOn,
      status: 'valid',
      invalidatedAt: null,
      invalidationReason: null,
      producedForReceipt: receiptNumber,
    });
    const state = moveApplication(receiptNumber, application.state, 'issued');
    await em.update(RegistryApplication, { receiptNumber }, { state, issuedAt: now, cardSerial });

    for (const oldSerial of replacedSerials) {
      const invalidated: CardInvalidated = { cardSerial: oldSerial, idNumber, reason: 'replaced', invalidatedAt: now.toISOString() };
      await this.outbox.add(em, { topic: topics.cardInvalidations(), key: idNumber, type: MessageType.CardInvalidated, payload: invalidated, correlationId: receiptNumber });
    }
    this.logger.log({ event: 'card.recorded', receipt: receiptNumber, idNumber: maskCitizenId(idNumber), cardSerial, producedBy: produced.producedBy, replaced: replacedSerials });
  }
}
