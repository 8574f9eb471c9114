import { Module } from '@nestjs/common';
import { ReceiveShipmentsModule } from '../receive-shipments/receive-shipments.module';
import { DecisionsConsumer } from './decisions.consumer';
import { RecordDecisionsService } from './record-decisions.service';

@Module({ imports: [ReceiveShipmentsModule], controllers: [DecisionsConsumer], providers: [RecordDecisionsService] })
export class RecordDecisionsModule {}
