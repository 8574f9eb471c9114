import { ApiProperty } from '@nestjs/swagger';
import { ManifestLine, SHIPMENT_STATES, ShipmentState } from '../../domain/shipment';
import type { Shipment } from '../../shipments/entities/shipment.entity';

export class ShipmentSummary {
  @ApiProperty({ example: 'S44-20250601-000017' })
  shipmentId: string;

  @ApiProperty({ example: '44010601' })
  receivingOfficeCode: string;

  @ApiProperty({ example: '44' })
  receivingProvince: string;

  @ApiProperty({ enum: SHIPMENT_STATES })
  state: ShipmentState;

  @ApiProperty({ description: 'an expedited card ships alone, at once' })
  expedited: boolean;

  @ApiProperty()
  cardCount: number;

  @ApiProperty({ format: 'date-time', description: 'when its first card went in' })
  openedAt: string;

  @ApiProperty({ format: 'date-time', nullable: true })
  dispatchedAt: string | null;

  static of(s: Shipment): ShipmentSummary {
    return {
      shipmentId: s.shipmentId,
      receivingOfficeCode: s.receivingOfficeCode,
      receivingProvince: s.receivingProvince,
      state: s.state,
      expedited: s.expedited,
      cardCount: s.cardCount,
      openedAt: s.openedAt.toISOString(),
      dispatchedAt: s.dispatchedAt?.toISOString() ?? null,
    };
  }
}

export class ManifestLineView {
  @ApiProperty({ example: 1 })
  position: number;

  @ApiProperty({ example: 'R44-20250601-000001' })
  receiptNumber: string;

  @ApiProperty({ example: 'P44202506010000042' })
  cardSerial: string;
}

export class ShipmentView extends ShipmentSummary {
  @ApiProperty({ type: [ManifestLineView], description: 'the manifest: cards sorted by receipt number' })
  cards: ManifestLineView[];

  static withManifest(s: Shipment, manifest: ManifestLine[]): ShipmentView {
    return { ...ShipmentSummary.of(s), cards: manifest };
  }
}
