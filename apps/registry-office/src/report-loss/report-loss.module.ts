import { DynamicModule, Module } from '@nestjs/common';
import { ReportLossConsumer } from './report-loss.consumer';
import { ReportLossService } from './report-loss.service';

/** Loss reports (挂失) from every channel: the counter over Kafka, the citizen online, a lost application. */
@Module({})
export class ReportLossModule {
  static register(infrastructure: DynamicModule, register: DynamicModule): DynamicModule {
    return {
      module: ReportLossModule,
      imports: [infrastructure, register],
      controllers: [ReportLossConsumer],
      providers: [ReportLossService],
      exports: [ReportLossService],
    };
  }
}
