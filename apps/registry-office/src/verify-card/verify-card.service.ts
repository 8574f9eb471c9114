import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Principal } from '@idcard/access';
import { CLOCK, Clock } from '@idcard/clock';
import { cstDate, holderDigest, VerificationAnswer } from '@idcard/contracts';
import { DataSource } from 'typeorm';
import { verifyCard } from '../domain/verification';
import { VerificationTable } from './verification-table';

/**
 * 核查: answers from this province's verification table alone, and records the check (client, card, when, answer —
 * never what was presented) in the same transaction, so there is no answer without its record.
 */
@Injectable()
export class VerifyCardService {
  private readonly logger = new Logger(VerifyCardService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly table: VerificationTable,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  verify(client: Principal, card: { cardSerial: string; idNumber: string; name: string }): Promise<VerificationAnswer> {
    return this.dataSource.transaction(async (em) => {
      const now = this.clock.now();
      const record = await this.table.find(em, card.cardSerial);
      const answer = verifyCard(record, holderDigest(card.cardSerial, card.idNumber, card.name), cstDate(now));
      await this.table.recordCheck(em, { at: now, clientSubject: client.subject, clientName: client.name, cardSerial: card.cardSerial, answer });
      this.logger.log({ event: 'card.verified', client: client.subject, cardSerial: card.cardSerial, ...answer });
      return answer;
    });
  }
}
