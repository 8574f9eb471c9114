import { DynamicModule, Module } from '@nestjs/common';
import { ShipmentsModule } from '../shipments/shipments.module';
import { ShipmentDispatcher } from './shipment-dispatcher';
import { ShipmentPacker } from './shipment-packer';
import { ShipmentsController } from './shipments.controller';

/** Sorting finished cards into shipments by receiving office, and dispatching them: GET /shipments. */
@Module({})
export class ShipCardsModule {
  static register(infrastructure: DynamicModule, settings: DynamicModule): DynamicModule {
    return {
      module: ShipCardsModule,
      imports: [infrastructure, settings, ShipmentsModule],
      controllers: [ShipmentsController],
      providers: [ShipmentDispatcher, ShipmentPacker],
      exports: [ShipmentDispatcher, ShipmentPacker],
    };
  }
}
