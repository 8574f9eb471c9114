import { DynamicModule, Module } from '@nestjs/common';
import { ReportLossController } from './report-loss.controller';
import { ReportLossService } from './report-loss.service';

/** 挂失申报: loss reports taken at this office's counters and the home registries' answers. */
@Module({})
export class ReportLossModule {
  static register(infrastructure: DynamicModule): DynamicModule {
    return {
      module: ReportLossModule,
      imports: [infrastructure],
      controllers: [ReportLossController],
      providers: [ReportLossService],
      exports: [ReportLossService],
    };
  }
}
