import { Module } from '@nestjs/common';
import { OrderLedger } from './order-ledger';

/** The production orders (and their deadline reports) every capability reads and changes through the OrderLedger. */
@Module({ providers: [OrderLedger], exports: [OrderLedger] })
export class OrdersModule {}
