import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ListShipmentsQuery } from './dto/list-shipments.query';
import { ShipmentSummary, ShipmentView } from './dto/shipment.view';
import { ShipmentDispatcher } from './shipment-dispatcher';

@ApiTags('shipments')
@Controller('shipments')
export class ShipmentsController {
  constructor(private readonly dispatcher: ShipmentDispatcher) {}

  @Get()
  @ApiOperation({ summary: 'Shipments, newest first, by receiving office and state' })
  @ApiOkResponse({ type: [ShipmentSummary] })
  @ApiBadRequestResponse({ description: 'a filter is malformed; every bad field is named (INVALID_FIELDS)' })
  async list(@Query() query: ListShipmentsQuery): Promise<ShipmentSummary[]> {
    const shipments = await this.dispatcher.list({ receivingOfficeCode: query.receivingOfficeCode, state: query.state }, query.limit ?? 100);
    return shipments.map(ShipmentSummary.of);
  }

  @Get(':shipmentId')
  @ApiOperation({ summary: 'One shipment with its manifest (cards sorted by receipt number)' })
  @ApiOkResponse({ type: ShipmentView })
  @ApiNotFoundResponse({ description: 'no such shipment at this centre (UNKNOWN_SHIPMENT)' })
  find(@Param('shipmentId') shipmentId: string): Promise<ShipmentView> {
    return this.dispatcher.find(shipmentId);
  }
}
