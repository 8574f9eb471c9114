import { Module } from '@nestjs/common';
import { ShipmentDispatcher } from './shipment-dispatcher';
import { ShipmentPacker } from './shipment-packer';
import { ShipmentsController } from './shipments.controller';

@Module({
  controllers: [ShipmentsController],
  providers: [ShipmentDispatcher, ShipmentPacker],
  exports: [ShipmentDispatcher, ShipmentPacker],
})
export class ShipCardsModule {}
