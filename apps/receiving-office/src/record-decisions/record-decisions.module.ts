import { DynamicModule, Module } from '@nestjs/common';
import { ApplicationsModule } from '../applications/applications.module';
import { DecisionsConsumer } from './decisions.consumer';
import { RecordDecisionsService } from './record-decisions.service';

/** The home registries' decisions; a sign-off ships a card that came before it, so this needs the shipments. */
@Module({})
export class RecordDecisionsModule {
  static register(infrastructure: DynamicModule, receiveShipments: DynamicModule): DynamicModule {
    return {
      module: RecordDecisionsModule,
      imports: [infrastructure, ApplicationsModule, receiveShipments],
      controllers: [DecisionsConsumer],
      providers: [RecordDecisionsService],
    };
  }
}
