import { Module } from '@nestjs/common';
import { ShipmentLedger } from './shipment-ledger';

/** The shipments (and their cards) the packer and the dispatcher fill and close through the ShipmentLedger. */
@Module({ providers: [ShipmentLedger], exports: [ShipmentLedger] })
export class ShipmentsModule {}
