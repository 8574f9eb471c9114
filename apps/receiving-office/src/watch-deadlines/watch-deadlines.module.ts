import { DynamicModule, Global, Module } from '@nestjs/common';
import { ScheduleModule } from '@nestjs/schedule';
import { DEADLINE_METRICS } from '@idcard/service-runtime';
import { DeadlineReportService } from './deadline-report.service';
import { DeadlineScheduler } from './deadline-scheduler';
import { DEADLINE_SETTINGS, DeadlineSettings } from './deadline-settings';
import { DeadlinesController } from './deadlines.controller';

/** The 60-day watch: the scheduler that fires warnings and breaches, and the province's report. */
@Global()
@Module({})
export class WatchDeadlinesModule {
  static forRoot(settings: DeadlineSettings): DynamicModule {
    return {
      module: WatchDeadlinesModule,
      imports: [ScheduleModule.forRoot()],
      controllers: [DeadlinesController],
      providers: [
        { provide: DEADLINE_SETTINGS, useValue: settings },
        DeadlineScheduler,
        DeadlineReportService,
        { provide: DEADLINE_METRICS, useExisting: DeadlineReportService },
      ],
      exports: [DEADLINE_SETTINGS, DeadlineScheduler],
    };
  }
}
