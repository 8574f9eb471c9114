import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One card in a shipment; once dispatched, `position` is its line in the manifest. */
@Entity({ name: 'shipment_card' })
export class ShipmentCard {
  @PrimaryColumn({ name: 'shipment_id', type: 'text' })
  shipmentId: string;

  @PrimaryColumn({ type: 'int' })
  position: number;

  @Column({ name: 'receipt_number', type: 'text' })
  receiptNumber: string;

  @Column({ name: 'card_serial', type: 'text' })
  cardSerial: string;
}
