import { DynamicModule, Module } from '@nestjs/common';
import { RecordCardConsumer } from './record-card.consumer';
import { RecordCardService } from './record-card.service';

/** Recording produced cards in the register and invalidating the cards they replace. */
@Module({})
export class RecordCardModule {
  static register(infrastructure: DynamicModule, register: DynamicModule, applications: DynamicModule): DynamicModule {
    return { module: RecordCardModule, imports: [infrastructure, register, applications], controllers: [RecordCardConsumer], providers: [RecordCardService] };
  }
}
