import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Allow, AuditedRead } from '@idcard/service-runtime';
import { ListShipmentsQuery } from './dto/list-shipments.query';
import { ShipmentSummary, ShipmentView } from './dto/shipment.view';
import { ShipmentDispatcher } from './shipment-dispatcher';

@ApiTags('shipments')
@Controller('shipments')
export class ShipmentsController {
  constructor(private readonly dispatcher: ShipmentDispatcher) {}

  /** Operators ship the cards; ops reads whether shipments leave (offices and counts, no citizen's data). */
  @Get()
  @Allow('operator', 'ops')
  @ApiOperation({ summary: 'Shipments, newest first, by receiving office and state' })
  @ApiOkResponse({ type: [ShipmentSummary] })
  @ApiBadRequestResponse({ description: 'a filter is malformed; every bad field is named (INVALID_FIELDS)' })
  async list(@Query() query: ListShipmentsQuery): Promise<ShipmentSummary[]> {
    const shipments = await this.dispatcher.list({ receivingOfficeCode: query.receivingOfficeCode, state: query.state }, query.limit ?? 100);
    return shipments.map(ShipmentSummary.of);
  }

  /** The manifest ties receipts to card serials: a read of personal data, audited; operators, and ops on call. */
  @Get(':shipmentId')
  @Allow('operator', 'ops')
  @AuditedRead()
  @ApiOperation({ summary: 'One shipment with its manifest (cards sorted by receipt number)' })
  @ApiOkResponse({ type: ShipmentView })
  @ApiNotFoundResponse({ description: 'no such shipment at this centre (UNKNOWN_SHIPMENT)' })
  find(@Param('shipmentId') shipmentId: string): Promise<ShipmentView> {
    return this.dispatcher.find(shipmentId);
  }
}
