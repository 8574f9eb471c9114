import { Inject, Injectable, Logger } from '@nestjs/common';
import { CLOCK, Clock } from '@idcard/clock';
import { CardInvalidated, CardProduced, maskCitizenId, MessageType, topics } from '@idcard/contracts';
import { OutboxWriter, RejectMessage, ServiceIdentity } from '@idcard/messaging';
import { SERVICE_IDENTITY } from '@idcard/service-runtime';
import { EntityManager } from 'typeorm';
import { ApplicationLedger } from '../applications/application-ledger';
import { expiryToRecord } from '../domain/new-card';
import { PopulationRegister } from '../register/population-register';

/**
 * A production centre made the card of an application this registry signed off: the register records it as
 * the citizen's one valid card, the card it replaces is invalidated (and every province told), and the
 * application is done, freeing the citizen for a next one.
 */
@Injectable()
export class RecordCardService {
  private readonly logger = new Logger(RecordCardService.name);

  constructor(
    private readonly ledger: ApplicationLedger,
    private readonly register: PopulationRegister,
    private readonly outbox: OutboxWriter,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(SERVICE_IDENTITY) private readonly identity: ServiceIdentity,
  ) {}

  async record(em: EntityManager, produced: CardProduced): Promise<void> {
    const { receiptNumber, cardSerial, idNumber } = produced;
    const application = await this.ledger.lock(em, receiptNumber);
    if (!application) {
      const province = this.identity.province;
      throw new RejectMessage(`card ${cardSerial} was produced for ${receiptNumber}, an application the registry of province ${province} never signed off`);
    }
    if (application.idNumber !== idNumber) throw new RejectMessage(`card ${cardSerial} names another citizen than application ${receiptNumber}`);
    if (application.state === 'issued') {
      if (application.cardSerial === cardSerial) return; // the same card reported again
      throw new RejectMessage(`application ${receiptNumber} already has card ${application.cardSerial}; refusing a second card ${cardSerial}`);
    }
    if (application.state !== 'signed_off') {
      throw new RejectMessage(`application ${receiptNumber} is ${application.state}, not signed off: no card can be made for it`);
    }
    if (await this.register.hasCard(em, cardSerial)) throw new RejectMessage(`card serial ${cardSerial} is already in the register`);

    const citizen = await this.register.citizen(em, idNumber);
    const { expiresOn, statedDiffers } = expiryToRecord(citizen.birthDate, produced.issueDate, produced.expiresOn);
    if (statedDiffers) {
      this.logger.warn({ event: 'card.expiry-corrected', receipt: receiptNumber, cardSerial, stated: produced.expiresOn, recorded: expiresOn });
    }

    const now = this.clock.now();
    const card = { cardSerial, idNumber, issueDate: produced.issueDate, expiresOn, producedForReceipt: receiptNumber };
    const replaced = await this.register.issue(em, card, now);
    await this.ledger.transition(em, application, 'issued', { issuedAt: now, cardSerial });

    for (const oldSerial of replaced) {
      const invalidated: CardInvalidated = { cardSerial: oldSerial, idNumber, reason: 'replaced', invalidatedAt: now.toISOString() };
      const type = MessageType.CardInvalidated;
      await this.outbox.add(em, { topic: topics.cardInvalidations(), key: idNumber, type, payload: invalidated, correlationId: receiptNumber });
    }
    const recorded = { receipt: receiptNumber, idNumber: maskCitizenId(idNumber), cardSerial, producedBy: produced.producedBy, replaced };
    this.logger.log({ event: 'card.recorded', ...recorded });
  }
}
