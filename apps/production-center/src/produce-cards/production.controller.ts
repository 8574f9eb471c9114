import { Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ESCALATION_NAMES } from '../domain/escalation';
import { ShipmentDispatcher } from '../ship-cards/shipment-dispatcher';
import { QueueQuery, QueueView, RunView } from './dto/queue.view';
import { ProductionLine } from './production-line';
import { queuedOrders } from './queue';

@ApiTags('production')
@Controller()
export class ProductionController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly line: ProductionLine,
    private readonly dispatcher: ShipmentDispatcher,
  ) {}

  @Get('queue')
  @ApiOperation({ summary: 'Orders waiting for production, in the order the line makes them' })
  @ApiOkResponse({ type: QueueView })
  async queue(@Query() query: QueueQuery): Promise<QueueView> {
    const [orders, total] = await queuedOrders(this.dataSource.manager).take(query.limit ?? 1000).getManyAndCount();
    return {
      total,
      orders: orders.map((o, i) => ({
        position: i + 1,
        receiptNumber: o.receiptNumber,
        expedited: o.expedited,
        escalation: ESCALATION_NAMES[o.escalation as 0 | 1 | 2],
        dueAt: o.dueAt.toISOString(),
        receivedAt: o.receivedAt.toISOString(),
        receivingOfficeCode: o.receivingOfficeCode,
      })),
    };
  }

  @Post('production/run')
  @HttpCode(200)
  @ApiOperation({ summary: 'Run the line once now and dispatch the shipments that are due (operators, the demo)' })
  @ApiOkResponse({ type: RunView })
  async run(): Promise<RunView> {
    const run = await this.line.run();
    const due = await this.dispatcher.dispatchDue();
    return { produced: run.produced, dispatched: run.dispatched + due };
  }
}
