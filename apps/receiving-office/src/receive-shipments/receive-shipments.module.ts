import { Module } from '@nestjs/common';
import { ReceiveShipmentsService } from './receive-shipments.service';
import { ShipmentsConsumer } from './shipments.consumer';

@Module({ controllers: [ShipmentsConsumer], providers: [ReceiveShipmentsService], exports: [ReceiveShipmentsService] })
export class ReceiveShipmentsModule {}
