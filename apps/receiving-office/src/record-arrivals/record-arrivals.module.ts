import { Module } from '@nestjs/common';
import { RecordArrivalsService } from './record-arrivals.service';
import { ShipmentsController } from './shipments.controller';

@Module({ controllers: [ShipmentsController], providers: [RecordArrivalsService] })
export class RecordArrivalsModule {}
