import { Module } from '@nestjs/common';
import { RecordCardConsumer } from './record-card.consumer';
import { RecordCardService } from './record-card.service';

/** Recording produced cards in the register and invalidating the cards they replace. */
@Module({ controllers: [RecordCardConsumer], providers: [RecordCardService] })
export class RecordCardModule {}
