import { DynamicModule, Module } from '@nestjs/common';
import { ExpireCardsController } from './expire-cards.controller';
import { ExpirySweep } from './expiry-sweep';

/** Cards past their last valid day: invalidated as expired and broadcast, by a timer and on demand. */
@Module({})
export class ExpireCardsModule {
  static register(infrastructure: DynamicModule, register: DynamicModule, settings: DynamicModule): DynamicModule {
    return { module: ExpireCardsModule, imports: [infrastructure, register, settings], controllers: [ExpireCardsController], providers: [ExpirySweep] };
  }
}
