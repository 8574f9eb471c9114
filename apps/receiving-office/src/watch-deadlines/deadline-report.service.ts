import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, Clock } from '@idcard/clock';
import type { ServiceIdentity } from '@idcard/messaging';
import { DeadlineMetrics, DeadlineMetricsSource, SERVICE_IDENTITY } from '@idcard/service-runtime';
import { DataSource } from 'typeorm';
import { ApplicationLedger } from '../applications/application-ledger';
import { deadlineReport } from '../domain/deadline-report';
import { DeadlineReportDto } from './dto/deadline-report.dto';

/** The province's view of the 60-day limit: what is at risk or breached, where it is held up and by whom. */
@Injectable()
export class DeadlineReportService implements DeadlineMetricsSource {
  constructor(
    private readonly dataSource: DataSource,
    private readonly ledger: ApplicationLedger,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(SERVICE_IDENTITY) private readonly identity: ServiceIdentity,
  ) {}

  async report(): Promise<DeadlineReportDto> {
    const at = this.clock.now();
    return { receivingProvince: this.identity.province, at: at.toISOString(), ...deadlineReport(await this.ledger.escalatedCounts(this.dataSource.manager)) };
  }

  /** idcard_deadlines_at_risk and idcard_deadlines_breached on /metrics. */
  async deadlineMetrics(): Promise<DeadlineMetrics> {
    const r = deadlineReport(await this.ledger.escalatedCounts(this.dataSource.manager));
    return { atRisk: r.atRisk.total, breached: r.breached.total };
  }
}
