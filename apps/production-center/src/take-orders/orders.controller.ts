import { Controller, Get, Param } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { notFound } from '../http-errors';
import { OrderView } from './dto/order.view';
import { ProductionOrder } from './entities/production-order.entity';

@ApiTags('orders')
@Controller('orders')
export class OrdersController {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  @Get(':receiptNumber')
  @ApiOperation({ summary: 'Where one order is: queued, produced (card serial, shipment) or forwarded to another centre' })
  @ApiOkResponse({ type: OrderView })
  @ApiNotFoundResponse({ description: 'no order with this receipt number reached this centre' })
  async find(@Param('receiptNumber') receiptNumber: string): Promise<OrderView> {
    const order = await this.dataSource.getRepository(ProductionOrder).findOneBy({ receiptNumber });
    if (!order) throw notFound('receiptNumber', receiptNumber, 'order with receipt number');
    return OrderView.of(order);
  }
}
