import { Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Principal } from '@idcard/access';
import { Actor, Allow } from '@idcard/service-runtime';
import { ESCALATION_NAMES } from '../domain/escalation';
import { QueueQuery, QueueView, RunView } from './dto/queue.view';
import { ProductionLine } from './production-line';

@ApiTags('production')
@Controller()
export class ProductionController {
  constructor(private readonly line: ProductionLine) {}

  /** Operators run the line; ops reads it at 3 a.m. to see whether the queue drains (receipts and offices, no citizen's data). */
  @Get('queue')
  @Allow('operator', 'ops')
  @ApiOperation({ summary: 'Orders waiting for production, in the order the line makes them' })
  @ApiOkResponse({ type: QueueView })
  async queue(@Query() query: QueueQuery): Promise<QueueView> {
    const [orders, total] = await this.line.queue(query.limit ?? 1000);
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

  /** The line itself: operators only (the audit trail records who ran it; each card made records the operator). */
  @Post('production/run')
  @Allow('operator')
  @HttpCode(200)
  @ApiOperation({ summary: 'Run the line once now and dispatch the shipments that are due (operators, the demo)' })
  @ApiOkResponse({ type: RunView })
  run(@Actor() actor: Principal): Promise<RunView> {
    return this.line.runNow({ subject: actor.subject, name: actor.name });
  }
}
