import { DynamicModule, Module } from '@nestjs/common';
import { ApplicationsModule } from '../applications/applications.module';
import { ShipmentsModule } from '../shipments/shipments.module';
import { ReceiveShipmentsService } from './receive-shipments.service';
import { ShipmentsConsumer } from './shipments.consumer';

/** Shipments from the production centres: recorded, and their applications shipped. */
@Module({})
export class ReceiveShipmentsModule {
  static register(infrastructure: DynamicModule): DynamicModule {
    return {
      module: ReceiveShipmentsModule,
      imports: [infrastructure, ApplicationsModule, ShipmentsModule],
      controllers: [ShipmentsConsumer],
      providers: [ReceiveShipmentsService],
      exports: [ReceiveShipmentsService],
    };
  }
}
