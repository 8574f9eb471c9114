import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One line of a shipment's manifest; arrived_at stays null until the clerk confirms the card is in hand. */
@Entity({ name: 'shipment_card' })
export class ShipmentCard {
  @PrimaryColumn({ name: 'shipment_id', type: 'text' })
  shipmentId: string;

  /** 1-based place in the manifest's stable order. */
  @PrimaryColumn({ type: 'int' })
  position: number;

  @Column({ name: 'receipt_number', type: 'text' })
  receiptNumber: string;

  @Column({ name: 'card_serial', type: 'text' })
  cardSerial: string;

  @Column({ name: 'arrived_at', type: 'timestamptz', nullable: true })
  arrivedAt: Date | null;
}
