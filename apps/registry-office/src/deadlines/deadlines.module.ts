import { DynamicModule, Module } from '@nestjs/common';
import { DeadlinesConsumer } from './deadlines.consumer';
import { DeadlinesService } from './deadlines.service';

/** Recording and escalating the receiving offices' reports on the 60-day limit. */
@Module({})
export class DeadlinesModule {
  static register(infrastructure: DynamicModule, applications: DynamicModule): DynamicModule {
    return { module: DeadlinesModule, imports: [infrastructure, applications], controllers: [DeadlinesConsumer], providers: [DeadlinesService] };
  }
}
