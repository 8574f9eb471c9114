import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, FindOptionsWhere } from 'typeorm';
import { manifestOf } from '../domain/shipment';
import { notFound } from '../http-errors';
import { ListShipmentsQuery } from './dto/list-shipments.query';
import { ShipmentSummary, ShipmentView } from './dto/shipment.view';
import { ShipmentCard } from './entities/shipment-card.entity';
import { Shipment } from './entities/shipment.entity';

@ApiTags('shipments')
@Controller('shipments')
export class ShipmentsController {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  @Get()
  @ApiOperation({ summary: 'Shipments, newest first, by receiving office and state' })
  @ApiOkResponse({ type: [ShipmentSummary] })
  @ApiBadRequestResponse({ description: 'a filter is malformed; every bad field is named' })
  async list(@Query() query: ListShipmentsQuery): Promise<ShipmentSummary[]> {
    const where: FindOptionsWhere<Shipment> = {};
    if (query.receivingOfficeCode) where.receivingOfficeCode = query.receivingOfficeCode;
    if (query.state) where.state = query.state;
    const shipments = await this.dataSource.getRepository(Shipment).find({ where, order: { openedAt: 'DESC', shipmentId: 'DESC' }, take: query.limit ?? 100 });
    return shipments.map(ShipmentSummary.of);
  }

  @Get(':shipmentId')
  @ApiOperation({ summary: 'One shipment with its manifest (cards sorted by receipt number)' })
  @ApiOkResponse({ type: ShipmentView })
  @ApiNotFoundResponse({ description: 'no such shipment at this centre' })
  async find(@Param('shipmentId') shipmentId: string): Promise<ShipmentView> {
    const shipment = await this.dataSource.getRepository(Shipment).findOneBy({ shipmentId });
    if (!shipment) throw notFound('shipmentId', shipmentId, 'shipment');
    const cards = await this.dataSource.getRepository(ShipmentCard).findBy({ shipmentId });
    return ShipmentView.withManifest(shipment, manifestOf(cards));
  }
}
