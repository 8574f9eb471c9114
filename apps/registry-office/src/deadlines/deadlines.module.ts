import { Module } from '@nestjs/common';
import { DeadlinesConsumer } from './deadlines.consumer';
import { DeadlinesService } from './deadlines.service';

/** Recording and escalating the receiving offices' reports on the 60-day limit. */
@Module({ controllers: [DeadlinesConsumer], providers: [DeadlinesService] })
export class DeadlinesModule {}
