import { ApiProperty } from '@nestjs/swagger';
import { APPLICATION_STATUSES, ApplicationStatus, IsCardSerial } from '@idcard/contracts';

export class ManifestLineDto {
  @ApiProperty({ description: '1-based place in the manifest' })
  position: number;

  @ApiProperty()
  cardSerial: string;

  @ApiProperty()
  receiptNumber: string;

  @ApiProperty({ description: 'Confirmed in hand; false for a card still missing' })
  arrived: boolean;

  @ApiProperty({ format: 'date-time', nullable: true })
  arrivedAt: string | null;

  @ApiProperty({
    enum: APPLICATION_STATUSES,
    nullable: true,
    description: "The application's status; null when this office holds no application with this receipt",
  })
  applicationStatus: ApplicationStatus | null;
}

/** A shipment's manifest with each card's arrival, so a missing card is visible. */
export class ShipmentViewDto {
  @ApiProperty()
  shipmentId: string;

  @ApiProperty({ description: 'Province of the production centre' })
  producedBy: string;

  @ApiProperty()
  receivingOfficeCode: string;

  @ApiProperty()
  expedited: boolean;

  @ApiProperty({ format: 'date-time' })
  dispatchedAt: string;

  @ApiProperty()
  cardCount: number;

  @ApiProperty()
  arrivedCount: number;

  @ApiProperty({ description: 'Every card on the manifest is confirmed' })
  complete: boolean;

  @ApiProperty({ type: [ManifestLineDto] })
  cards: ManifestLineDto[];
}

export class RecordArrivalDto {
  @ApiProperty({ description: 'The serial of the card taken out of the parcel', example: 'C65202611010001' })
  @IsCardSerial()
  cardSerial: string;
}

export class ArrivalDto {
  @ApiProperty()
  receiptNumber: string;

  @ApiProperty({ example: 'arrived' })
  status: 'arrived';

  @ApiProperty({ format: 'date-time' })
  arrivedAt: string;
}

/** A parcel of the clerk's office at a glance (GET /shipments). */
export class ShipmentSummaryDto {
  @ApiProperty()
  shipmentId: string;

  @ApiProperty({ format: 'date-time' })
  dispatchedAt: string;

  @ApiProperty()
  expedited: boolean;

  @ApiProperty()
  cardCount: number;

  @ApiProperty()
  arrivedCount: number;

  @ApiProperty()
  complete: boolean;
}
