import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { Unauthenticated } from '@idcard/access';
import { CLOCK, Clock } from '@idcard/clock';
import { maskCitizenId } from '@idcard/contracts';
import { DomainError } from '@idcard/errors';
import type { ServiceIdentity } from '@idcard/messaging';
import { SERVICE_IDENTITY } from '@idcard/service-runtime';
import { DataSource } from 'typeorm';
import {
  newOneTimeCode,
  ONE_TIME_CODE_MAX_ATTEMPTS,
  ONE_TIME_CODE_TTL_MS,
  ONE_TIME_CODE_WINDOW_MS,
  ONE_TIME_CODES_PER_WINDOW,
  oneTimeCodeHash,
  oneTimeCodeMatches,
  oneTimeCodeSmsText,
} from '../domain/one-time-code';
import { SmsOutbox } from '../notify-citizen/sms-outbox';
import { ReportLossService } from '../report-loss/report-loss.service';
import { VerificationTable } from '../verify-card/verification-table';
import { CitizenLossReportAnswer, CitizenSessionAnswer, CitizenVerificationView } from './dto/citizen-channel.dto';
import { CitizenSession, CitizenTokens } from './citizen-tokens';

export const ONE_TIME_CODE_SENT = 'if the register holds a phone number for this ID number, a code has been sent to it';

/** The loss report was refused: 409 naming why (the same refusals a counter gets). */
export class LossReportRefused extends DomainError {
  constructor(refusal: string) {
    super({
      code: 'LOSS_REPORT_REFUSED',
      kind: 'conflict',
      message: `the loss report was refused: ${refusal}`,
      errors: [{ field: 'cardSerial', reason: refusal }],
      details: { refusal },
    });
  }
}

/**
 * The citizen's own channel on their home registry (网上户籍室): a one-time code by SMS to the register's phone
 * number, a short session, then their own loss report and who checked their cards. Nothing here tells a caller
 * whether an ID number is in the register.
 */
@Injectable()
export class CitizenChannelService {
  private readonly logger = new Logger(CitizenChannelService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly tokens: CitizenTokens,
    private readonly sms: SmsOutbox,
    private readonly losses: ReportLossService,
    private readonly verifications: VerificationTable,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(SERVICE_IDENTITY) private readonly identity: ServiceIdentity,
  ) {}

  /** Sends a code if the citizen is registered with a phone and has not had too many lately; answers the same either way. */
  async sendCode(idNumber: string): Promise<void> {
    await this.dataSource.transaction(async (em) => {
      const now = this.clock.now();
      const [citizen]: { phone_number: string | null }[] = await em.query(`SELECT phone_number FROM citizen WHERE id_number = $1 FOR UPDATE`, [idNumber]);
      if (!citizen?.phone_number) return;
      const [{ recent }]: { recent: number }[] = await em.query(
        `SELECT count(*)::int AS recent FROM citizen_one_time_code WHERE id_number = $1 AND created_at > $2`,
        [idNumber, new Date(now.getTime() - ONE_TIME_CODE_WINDOW_MS)],
      );
      if (recent >= ONE_TIME_CODES_PER_WINDOW) {
        this.logger.warn({ event: 'citizen.code-limit', idNumber: maskCitizenId(idNumber) });
        return;
      }
      const codeId = randomUUID();
      const code = newOneTimeCode();
      await em.query(`INSERT INTO citizen_one_time_code (code_id, id_number, code_hash, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)`, [
        codeId,
        idNumber,
        oneTimeCodeHash(codeId, code),
        now,
        new Date(now.getTime() + ONE_TIME_CODE_TTL_MS),
      ]);
      await this.sms.queue(em, { phoneNumber: citizen.phone_number, purpose: 'one_time_code', reference: codeId, text: oneTimeCodeSmsText(code), at: now });
      this.logger.log({ event: 'citizen.code-sent', idNumber: maskCitizenId(idNumber), codeId });
    });
  }

  /** The newest live code of the citizen, if the one given matches: a session. Every wrong try counts against that code. */
  async signIn(idNumber: string, code: string): Promise<CitizenSessionAnswer> {
    const matched = await this.dataSource.transaction(async (em) => {
      const now = this.clock.now();
      const [live]: { code_id: string; code_hash: string; failed_attempts: number }[] = await em.query(
        `SELECT code_id, code_hash, failed_attempts FROM citizen_one_time_code
          WHERE id_number = $1 AND used_at IS NULL AND expires_at > $2 AND failed_attempts < $3
          ORDER BY created_at DESC LIMIT 1 FOR UPDATE`,
        [idNumber, now, ONE_TIME_CODE_MAX_ATTEMPTS],
      );
      if (!live) return false;
      if (!oneTimeCodeMatches(live.code_id, code, live.code_hash)) {
        await em.query(`UPDATE citizen_one_time_code SET failed_attempts = failed_attempts + 1 WHERE code_id = $1`, [live.code_id]);
        return false;
      }
      await em.query(`UPDATE citizen_one_time_code SET used_at = $2 WHERE code_id = $1`, [live.code_id, now]);
      return true;
    });
    if (!matched) throw new Unauthenticated('the code is wrong, used or expired: ask for a new one');
    this.logger.log({ event: 'citizen.signed-in', idNumber: maskCitizenId(idNumber) });
    return this.tokens.issue(idNumber);
  }

  /** The citizen's own loss report: the same path as a counter's (the card marked lost at once, every province told). */
  async reportLoss(citizen: CitizenSession, cardSerial: string | undefined): Promise<CitizenLossReportAnswer> {
    const reportId = randomUUID();
    const reportedAt = this.clock.now();
    const judgement = await this.dataSource.transaction((em) =>
      this.losses.report(em, {
        reportId,
        idNumber: citizen.idNumber,
        cardSerial,
        channel: 'online',
        reportedBy: citizen.principal.subject,
        receivingOfficeCode: null,
        reportedAt,
      }),
    );
    if (judgement.outcome === 'refused') throw new LossReportRefused(judgement.refusal);
    return { reportId, cardSerial: judgement.cardSerial, reportedAt: reportedAt.toISOString() };
  }

  /** Who checked the citizen's cards (resident and temporary), where, when and with what answer, in every province, newest first. */
  async verificationsOf(citizen: CitizenSession): Promise<CitizenVerificationView[]> {
    const em = this.dataSource.manager;
    const serials: { serial: string }[] = await em.query(
      `SELECT card_serial AS serial FROM card WHERE id_number = $1 UNION SELECT temporary_serial FROM temporary_card WHERE id_number = $1`,
      [citizen.idNumber],
    );
    return this.verifications.checksOf(
      em,
      serials.map((s) => s.serial),
      this.identity.province,
    );
  }
}
