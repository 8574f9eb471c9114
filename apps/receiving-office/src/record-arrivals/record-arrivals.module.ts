import { DynamicModule, Module } from '@nestjs/common';
import { ApplicationsModule } from '../applications/applications.module';
import { ShipmentsModule } from '../shipments/shipments.module';
import { RecordArrivalsService } from './record-arrivals.service';
import { ShipmentsController } from './shipments.controller';

/** The clerk's side of a parcel: its manifest, and each card confirmed in hand (which texts the citizen). */
@Module({})
export class RecordArrivalsModule {
  static register(infrastructure: DynamicModule, notifyCitizen: DynamicModule): DynamicModule {
    return {
      module: RecordArrivalsModule,
      imports: [infrastructure, ApplicationsModule, ShipmentsModule, notifyCitizen],
      controllers: [ShipmentsController],
      providers: [RecordArrivalsService],
    };
  }
}
