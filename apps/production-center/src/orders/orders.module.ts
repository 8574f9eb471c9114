import { Module } from '@nestjs/common';
import { LineWork } from '../domain/line-work';
import { OrderLedger } from './order-ledger';

/**
 * The production orders (and their deadline reports) every capability reads and changes through the OrderLedger; the
 * LineWork that tells the line's timer when orders are waiting (one per application: several centres share a process).
 */
@Module({ providers: [OrderLedger, { provide: LineWork, useFactory: () => new LineWork() }], exports: [OrderLedger, LineWork] })
export class OrdersModule {}
