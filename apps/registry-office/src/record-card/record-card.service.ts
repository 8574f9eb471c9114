import { Inject, Injectable, Logger } from '@nestjs/common';
import { CLOCK, Clock } from '@idcard/clock';
import { CardProduced, maskCitizenId } from '@idcard/contracts';
import { RejectMessage, ServiceIdentity } from '@idcard/messaging';
import { SERVICE_IDENTITY } from '@idcard/service-runtime';
import { EntityManager } from 'typeorm';
import { ApplicationLedger } from '../applications/application-ledger';
import { expiryToRecord } from '../domain/new-card';
import { CardBroadcasts } from '../register/card-broadcasts';
import { PopulationRegister } from '../register/population-register';

/**
 * A production centre made the card of an application this registry signed off: the register records it as
 * the citizen's one valid card (announced to every province), the card it replaces is invalidated (and every
 * province told), and the
 * application is done, freeing the citizen for a next one.
 */
@Injectable()
export class RecordCardService {
  private readonly logger = new Logger(RecordCardService.name);

  constructor(
    private readonly ledger: ApplicationLedger,
    private readonly register: PopulationRegister,
    private readonly broadcasts: CardBroadcasts,
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
    // The register's photo becomes the new card's: the one taken for this application.
    const photo = application.application.photo?.jpegBase64;
    if (photo) await this.register.setPhoto(em, idNumber, photo);
    await this.ledger.transition(em, application, 'issued', { issuedAt: now, cardSerial });

    // Every province learns of the new card and of the one it replaces (both keyed by serial).
    await this.broadcasts.issued(em, { cardSerial, idNumber, name: citizen.name, kind: 'resident', validUntil: expiresOn }, now);
    for (const oldSerial of replaced) await this.broadcasts.invalidated(em, { cardSerial: oldSerial, idNumber }, 'replaced', now, receiptNumber);
    const recorded = { receipt: receiptNumber, idNumber: maskCitizenId(idNumber), cardSerial, producedBy: produced.producedBy, replaced };
    this.logger.log({ event: 'card.recorded', ...recorded });
  }
}
