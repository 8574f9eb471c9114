import { DynamicModule, Module } from '@nestjs/common';
import { RepliesConsumer } from './replies.consumer';

/** The home registries' answers (inbox of idcard.receiving.<R>.replies), applied by the use case that asked. */
@Module({})
export class RecordRepliesModule {
  static register(infrastructure: DynamicModule, askers: DynamicModule[]): DynamicModule {
    return { module: RecordRepliesModule, imports: [infrastructure, ...askers], controllers: [RepliesConsumer] };
  }
}
