import { DynamicModule, Module } from '@nestjs/common';
import { ApplicationLedger } from './application-ledger';
import { ApplicationsController } from './applications.controller';
import { ApplicationsService } from './applications.service';
import { Decisions } from './decisions.service';

/** Applications as the registry holds them: their ledger and the decisions on them that every capability uses. */
@Module({})
export class ApplicationsModule {
  static register(infrastructure: DynamicModule): DynamicModule {
    return {
      module: ApplicationsModule,
      imports: [infrastructure],
      controllers: [ApplicationsController],
      providers: [ApplicationLedger, Decisions, ApplicationsService],
      exports: [ApplicationLedger, Decisions],
    };
  }
}
