import { Module } from '@nestjs/common';
import { ShipmentRecords } from './shipment-records';

/** The shipment gateway, for the capabilities that record shipments and the arrival of their cards. */
@Module({ providers: [ShipmentRecords], exports: [ShipmentRecords] })
export class ShipmentsModule {}
