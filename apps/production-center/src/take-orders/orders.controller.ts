import { Controller, Get, Param } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Allow, AuditedRead } from '@idcard/service-runtime';
import { OrderView } from './dto/order.view';
import { TakeOrderService } from './take-order.service';

@ApiTags('orders')
@Controller('orders')
export class OrdersController {
  constructor(private readonly takeOrder: TakeOrderService) {}

  /**
   * One citizen's order (its card serial): audited. Operators, and ops, who answers "where is my card?" escalations
   * at any hour and reads no name, ID number or photo here.
   */
  @Get(':receiptNumber')
  @Allow('operator', 'ops')
  @AuditedRead()
  @ApiOperation({ summary: 'Where one order is: queued, produced (card serial, shipment) or forwarded to another centre' })
  @ApiOkResponse({ type: OrderView })
  @ApiNotFoundResponse({ description: 'no order with this receipt number reached this centre (UNKNOWN_ORDER)' })
  async find(@Param('receiptNumber') receiptNumber: string): Promise<OrderView> {
    return OrderView.of(await this.takeOrder.find(receiptNumber));
  }
}
