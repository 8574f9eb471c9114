import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Principal } from '@idcard/access';
import { CLOCK, Clock } from '@idcard/clock';
import { CardVerified, cstDate, holderDigest, MessageType, ProvinceCode, topics, VerificationAnswer } from '@idcard/contracts';
import { OutboxWriter, ServiceIdentity } from '@idcard/messaging';
import { SERVICE_IDENTITY } from '@idcard/service-runtime';
import { DataSource } from 'typeorm';
import { homeRegistryToTell, verifierAsTold, verifyCard } from '../domain/verification';
import { VerificationTable } from './verification-table';

/**
 * 核查: answers from this province's verification table alone, and records the check (client, card, when, answer —
 * never what was presented) in the same transaction, so there is no answer without its record. A check of another
 * province's card is told to its home registry through the outbox (CardVerified), so the holder's tracker shows it.
 */
@Injectable()
export class VerifyCardService {
  private readonly logger = new Logger(VerifyCardService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly table: VerificationTable,
    private readonly outbox: OutboxWriter,
    @Inject(SERVICE_IDENTITY) private readonly identity: ServiceIdentity,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  verify(client: Principal, card: { cardSerial: string; idNumber: string; name: string }): Promise<VerificationAnswer> {
    return this.dataSource.transaction(async (em) => {
      const now = this.clock.now();
      const record = await this.table.find(em, card.cardSerial);
      const answer = verifyCard(record, holderDigest(card.cardSerial, card.idNumber, card.name), cstDate(now));
      await this.table.recordCheck(em, { at: now, clientSubject: client.subject, clientName: client.name, cardSerial: card.cardSerial, answer });
      const home = homeRegistryToTell(record, this.identity.province);
      if (home) {
        const payload: CardVerified = {
          checkId: randomUUID(),
          cardSerial: card.cardSerial,
          homeProvince: home as ProvinceCode,
          checkedIn: this.identity.province as ProvinceCode,
          ...verifierAsTold(client),
          result: answer.result,
          ...(answer.result === 'invalid' ? { reason: answer.reason } : {}),
          checkedAt: now.toISOString(),
        };
        const topic = topics.registryVerifications(home);
        await this.outbox.add(em, { topic, key: card.cardSerial, type: MessageType.CardVerified, payload, correlationId: card.cardSerial });
      }
      this.logger.log({ event: 'card.verified', client: client.subject, cardSerial: card.cardSerial, ...answer, toldHome: home });
      return answer;
    });
  }
}
