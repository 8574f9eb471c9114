import { Inject, Injectable, Logger } from '@nestjs/common';
import { CLOCK, Clock } from '@idcard/clock';
import { maskCitizenId } from '@idcard/contracts';
import { EntityManager } from 'typeorm';
import { judgeLossReport, LossJudgement } from '../domain/loss-report';
import { CardBroadcasts } from '../register/card-broadcasts';
import { PopulationRegister } from '../register/population-register';

/** Where a loss was reported: a receiving office's counter (over Kafka), the citizen online, or with a lost application. */
export type LossChannel = 'counter' | 'online' | 'application';

export interface LossReport {
  reportId: string;
  idNumber: string;
  /** The serial the report names, if any: it must be the current card. */
  cardSerial?: string;
  channel: LossChannel;
  /** Who reported it: a clerk's or a citizen's opaque subject, or the office for a lost application. */
  reportedBy: string;
  receivingOfficeCode: string | null;
  reportedAt: Date;
}

/**
 * 挂失: one path for every channel. In the caller's transaction: the citizen's row is locked (two reports of one
 * citizen are judged in turn), the current card is marked lost at once, the report is recorded with who made it,
 * how and where, and every province is told (CardInvalidated, lost). A refusal is recorded too.
 */
@Injectable()
export class ReportLossService {
  private readonly logger = new Logger(ReportLossService.name);

  constructor(
    private readonly register: PopulationRegister,
    private readonly broadcasts: CardBroadcasts,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async report(em: EntityManager, report: LossReport): Promise<LossJudgement> {
    const recorded = await this.recorded(em, report.reportId);
    if (recorded) return recorded; // the same report again (the office resent it): the same answer
    const citizen = await this.register.lockCitizen(em, report.idNumber);
    const cards = citizen ? await this.register.cardsOf(em, report.idNumber) : [];
    const judgement = judgeLossReport(citizen !== null, cards, report.cardSerial);
    const now = this.clock.now();
    if (judgement.outcome === 'accepted') {
      if (!(await this.register.markLost(em, judgement.cardSerial, now))) throw new Error(`card ${judgement.cardSerial} was valid under lock and is not`);
      await this.broadcasts.invalidated(em, { cardSerial: judgement.cardSerial, idNumber: report.idNumber }, 'lost', now, report.reportId);
    }
    await em.query(
      `INSERT INTO loss_report (report_id, id_number, card_serial, channel, reported_by, receiving_office_code, reported_at, recorded_at, outcome, refusal)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [
        report.reportId,
        report.idNumber,
        judgement.cardSerial ?? report.cardSerial ?? null,
        report.channel,
        report.reportedBy,
        report.receivingOfficeCode,
        report.reportedAt,
        now,
        judgement.outcome,
        judgement.outcome === 'refused' ? judgement.refusal : null,
      ],
    );
    const logged = { reportId: report.reportId, idNumber: maskCitizenId(report.idNumber), channel: report.channel, office: report.receivingOfficeCode };
    this.logger.log({ event: 'loss.reported', ...logged, ...judgement });
    return judgement;
  }

  private async recorded(em: EntityManager, reportId: string): Promise<LossJudgement | null> {
    const [row]: { outcome: 'accepted' | 'refused'; refusal: string | null; card_serial: string | null }[] = await em.query(
      `SELECT outcome, refusal, card_serial FROM loss_report WHERE report_id = $1`,
      [reportId],
    );
    if (!row) return null;
    if (row.outcome === 'accepted') return { outcome: 'accepted', cardSerial: row.card_serial! };
    return { outcome: 'refused', refusal: row.refusal as never, ...(row.refusal === 'already-lost' && row.card_serial ? { cardSerial: row.card_serial } : {}) };
  }
}
