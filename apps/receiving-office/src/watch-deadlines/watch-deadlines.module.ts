import { DynamicModule, Module } from '@nestjs/common';
import { DEADLINE_METRICS } from '@idcard/service-runtime';
import { ApplicationsModule } from '../applications/applications.module';
import { DeadlineReportService } from './deadline-report.service';
import { DeadlineScheduler } from './deadline-scheduler';
import { DeadlinesController } from './deadlines.controller';

/** The 60-day watch: the scheduler that fires warnings and breaches, and the province's report (also on /metrics). */
@Module({})
export class WatchDeadlinesModule {
  static register(infrastructure: DynamicModule, settings: DynamicModule): DynamicModule {
    return {
      module: WatchDeadlinesModule,
      imports: [infrastructure, settings, ApplicationsModule],
      controllers: [DeadlinesController],
      providers: [DeadlineScheduler, DeadlineReportService, { provide: DEADLINE_METRICS, useExisting: DeadlineReportService }],
    };
  }
}
