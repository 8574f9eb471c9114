import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post } from '@nestjs/common';
import { ApiBadRequestResponse, ApiConflictResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { RecordArrivalsService } from './record-arrivals.service';
import { ArrivalDto, RecordArrivalDto, ShipmentViewDto } from './shipment-view.dto';

@ApiTags('shipments')
@Controller('shipments')
export class ShipmentsController {
  constructor(private readonly recordArrivals: RecordArrivalsService) {}

  @Get(':shipmentId')
  @ApiOperation({ summary: "The manifest with each card's arrival: a missing card stays visible" })
  @ApiOkResponse({ type: ShipmentViewDto })
  @ApiNotFoundResponse({ description: 'No such shipment has been dispatched to this province' })
  manifest(@Param('shipmentId') shipmentId: string): Promise<ShipmentViewDto> {
    return this.recordArrivals.manifest(shipmentId);
  }

  @Post(':shipmentId/arrivals')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Confirm one card out of the parcel; the citizen is notified by SMS' })
  @ApiOkResponse({ type: ArrivalDto })
  @ApiBadRequestResponse({ description: 'cardSerial is not a card serial' })
  @ApiNotFoundResponse({ description: 'Unknown shipment' })
  @ApiConflictResponse({ description: 'The card is not on this manifest, was already confirmed, or its application is not waiting for it' })
  arrive(@Param('shipmentId') shipmentId: string, @Body() body: RecordArrivalDto): Promise<ArrivalDto> {
    return this.recordArrivals.recordArrival(shipmentId, body.cardSerial);
  }
}
