import { Inject, Injectable, Logger } from '@nestjs/common';
import { CLOCK, Clock } from '@idcard/clock';
import { cstDate, maskCitizenId, TemporaryCardAnswered, TemporaryCardRequested, TemporaryCardVoided } from '@idcard/contracts';
import { RejectMessage, ServiceIdentity } from '@idcard/messaging';
import { SERVICE_IDENTITY } from '@idcard/service-runtime';
import { EntityManager } from 'typeorm';
import { judgeTemporaryCardRequest, temporaryCardValidUntil, temporarySerialFor } from '../domain/temporary-card';
import { CardBroadcasts } from '../register/card-broadcasts';
import { PopulationRegister } from '../register/population-register';

/**
 * Temporary ID cards (临时身份证) for a receiving office of any province: checked against the register, issued with a
 * serial of their own, recorded, announced to every province (CardIssued, temporary) and answered — or refused,
 * never issued after the office's answerBy. A request answered before gets the same answer again.
 */
@Injectable()
export class TemporaryCardsService {
  private readonly logger = new Logger(TemporaryCardsService.name);

  constructor(
    private readonly register: PopulationRegister,
    private readonly broadcasts: CardBroadcasts,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(SERVICE_IDENTITY) private readonly identity: ServiceIdentity,
  ) {}

  async request(em: EntityManager, p: TemporaryCardRequested): Promise<TemporaryCardAnswered> {
    const previous = await this.answered(em, p.requestId);
    if (previous) return previous;
    const now = this.clock.now();
    const citizen = await this.register.lockCitizen(em, p.idNumber);
    const judgement = judgeTemporaryCardRequest(citizen, p.name, now, new Date(p.answerBy));
    const base = { requestId: p.requestId, receivingOfficeCode: p.receivingOfficeCode, answeredAt: now.toISOString() };
    let answer: TemporaryCardAnswered;
    if (judgement.outcome === 'refuse') {
      answer = { ...base, outcome: 'refused', refusal: judgement.refusal };
    } else {
      const [{ sequence }]: { sequence: string }[] = await em.query(`SELECT nextval('temporary_card_seq') AS sequence`);
      const temporarySerial = temporarySerialFor(this.identity.province, Number(sequence));
      const issueDate = cstDate(now);
      const validUntil = temporaryCardValidUntil(issueDate);
      await em.query(
        `INSERT INTO temporary_card (temporary_serial, request_id, id_number, receiving_office_code, issue_date, valid_until, issued_at, status)
         VALUES ($1, $2, $3, $4, $5, $6, $7, 'valid')`,
        [temporarySerial, p.requestId, p.idNumber, p.receivingOfficeCode, issueDate, validUntil, now],
      );
      await this.broadcasts.issued(em, { cardSerial: temporarySerial, idNumber: p.idNumber, name: citizen!.name, kind: 'temporary', validUntil }, now);
      answer = { ...base, outcome: 'issued', temporarySerial, validUntil };
    }
    await em.query(
      `INSERT INTO temporary_card_request (request_id, receiving_office_code, outcome, refusal, temporary_serial, answered_at) VALUES ($1, $2, $3, $4, $5, $6)`,
      [p.requestId, p.receivingOfficeCode, answer.outcome, answer.refusal ?? null, answer.temporarySerial ?? null, now],
    );
    this.logger.log({
      event: 'temporary-card.answered',
      requestId: p.requestId,
      idNumber: maskCitizenId(p.idNumber),
      outcome: answer.outcome,
      refusal: answer.refusal,
    });
    return answer;
  }

  /** The office gave up waiting and the card was issued after all: it was never handed out, so it is voided everywhere. */
  async void(em: EntityManager, p: TemporaryCardVoided): Promise<void> {
    const [card]: { id_number: string; request_id: string; receiving_office_code: string; status: string }[] = await em.query(
      `SELECT id_number, request_id, receiving_office_code, status FROM temporary_card WHERE temporary_serial = $1 FOR UPDATE`,
      [p.temporarySerial],
    );
    if (!card) throw new RejectMessage(`temporary card ${p.temporarySerial} was never issued by the registry of province ${this.identity.province}`);
    if (card.request_id !== p.requestId || card.receiving_office_code !== p.receivingOfficeCode) {
      throw new RejectMessage(`temporary card ${p.temporarySerial} was issued for another request or office`);
    }
    if (card.status !== 'valid') return; // voided (or expired) already
    const now = this.clock.now();
    await em.query(`UPDATE temporary_card SET status = 'invalidated', invalidated_at = $2, invalidation_reason = 'voided' WHERE temporary_serial = $1`, [
      p.temporarySerial,
      now,
    ]);
    await this.broadcasts.invalidated(em, { cardSerial: p.temporarySerial, idNumber: card.id_number }, 'voided', now, p.requestId);
    this.logger.log({ event: 'temporary-card.voided', requestId: p.requestId, temporarySerial: p.temporarySerial });
  }

  private async answered(em: EntityManager, requestId: string): Promise<TemporaryCardAnswered | null> {
    const [row]: {
      receiving_office_code: string;
      outcome: 'issued' | 'refused';
      refusal: string | null;
      temporary_serial: string | null;
      answered_at: Date;
      valid_until: string | null;
    }[] = await em.query(
      `SELECT r.receiving_office_code, r.outcome, r.refusal, r.temporary_serial, r.answered_at, to_char(t.valid_until, 'YYYY-MM-DD') AS valid_until
           FROM temporary_card_request r LEFT JOIN temporary_card t USING (temporary_serial) WHERE r.request_id = $1`,
      [requestId],
    );
    if (!row) return null;
    const base = { requestId, receivingOfficeCode: row.receiving_office_code, answeredAt: row.answered_at.toISOString() };
    return row.outcome === 'issued'
      ? { ...base, outcome: 'issued', temporarySerial: row.temporary_serial!, validUntil: row.valid_until! }
      : { ...base, outcome: 'refused', refusal: row.refusal as never };
  }
}
