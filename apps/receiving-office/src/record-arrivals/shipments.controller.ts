import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post } from '@nestjs/common';
import { ApiBadRequestResponse, ApiConflictResponse, ApiForbiddenResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Principal } from '@idcard/access';
import { Actor, Allow, AuditedRead } from '@idcard/service-runtime';
import { RecordArrivalsService } from './record-arrivals.service';
import { ArrivalDto, RecordArrivalDto, ShipmentSummaryDto, ShipmentViewDto } from './shipment-view.dto';

@ApiTags('shipments')
@Controller('shipments')
export class ShipmentsController {
  constructor(private readonly recordArrivals: RecordArrivalsService) {}

  @Get()
  @Allow('clerk')
  @ApiOperation({ summary: "The parcels of the clerk's office still being checked in, and those finished today: newest first" })
  @ApiOkResponse({ type: [ShipmentSummaryDto] })
  waiting(@Actor() clerk: Principal): Promise<ShipmentSummaryDto[]> {
    return this.recordArrivals.waiting(clerk);
  }

  @Get(':shipmentId')
  @Allow('clerk')
  // Receipt numbers and card serials, each tied to a citizen: a read of personal data.
  @AuditedRead()
  @ApiOperation({ summary: "The manifest with each card's arrival: a missing card stays visible" })
  @ApiOkResponse({ type: ShipmentViewDto })
  @ApiNotFoundResponse({ description: 'No such shipment has been dispatched to this province' })
  @ApiForbiddenResponse({ description: "NOT_ALLOWED: a clerk of another office (needed.office names the shipment's)" })
  manifest(@Param('shipmentId') shipmentId: string, @Actor() reader: Principal): Promise<ShipmentViewDto> {
    return this.recordArrivals.manifest(shipmentId, reader);
  }

  @Post(':shipmentId/arrivals')
  @Allow('clerk')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Confirm one card out of the parcel; the citizen is notified by SMS' })
  @ApiOkResponse({ type: ArrivalDto })
  @ApiBadRequestResponse({ description: 'cardSerial is not a card serial' })
  @ApiNotFoundResponse({ description: 'Unknown shipment' })
  @ApiForbiddenResponse({ description: "NOT_ALLOWED: a clerk of another office (needed.office names the shipment's)" })
  @ApiConflictResponse({ description: 'The card is not on this manifest, was already confirmed, or its application is not waiting for it' })
  arrive(@Param('shipmentId') shipmentId: string, @Body() body: RecordArrivalDto, @Actor() clerk: Principal): Promise<ArrivalDto> {
    return this.recordArrivals.recordArrival(shipmentId, body.cardSerial, clerk);
  }
}
