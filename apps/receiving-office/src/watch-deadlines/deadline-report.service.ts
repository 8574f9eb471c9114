import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, Clock } from '@idcard/clock';
import type { DeadlineMetrics, DeadlineMetricsSource } from '@idcard/service-runtime';
import { DataSource } from 'typeorm';
import { deadlineReport, EscalatedCount } from '../domain/deadline-report';
import { RECEIVING_PROVINCE } from '../receiving-province';
import { DeadlineReportDto } from './dto/deadline-report.dto';

/** The province's view of the 60-day limit: what is at risk or breached, where it is held up and by whom. */
@Injectable()
export class DeadlineReportService implements DeadlineMetricsSource {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(RECEIVING_PROVINCE) private readonly province: string,
  ) {}

  /** Unfinished escalated applications only, through the partial index application_escalated. */
  private async counts(): Promise<EscalatedCount[]> {
    const rows: { deadline_state: EscalatedCount['deadlineState']; status: EscalatedCount['status']; home_province: string; count: string }[] = await this.dataSource.query(
      `SELECT deadline_state, status, home_province, count(*) AS count FROM application
        WHERE deadline_state IS NOT NULL AND status NOT IN ('handed_over', 'rejected')
        GROUP BY deadline_state, status, home_province`,
    );
    return rows.map((r) => ({ deadlineState: r.deadline_state, status: r.status, homeProvince: r.home_province, count: Number(r.count) }));
  }

  async report(): Promise<DeadlineReportDto> {
    const at = this.clock.now();
    return { receivingProvince: this.province, at: at.toISOString(), ...deadlineReport(await this.counts()) };
  }

  /** idcard_deadlines_at_risk and idcard_deadlines_breached on /metrics. */
  async deadlineMetrics(): Promise<DeadlineMetrics> {
    const r = deadlineReport(await this.counts());
    return { atRisk: r.atRisk.total, breached: r.breached.total };
  }
}
