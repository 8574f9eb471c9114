import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { ShipmentState } from '../../domain/shipment';

/** Finished cards on their way to one receiving office; written by the ShipmentLedger alone. */
@Entity({ name: 'shipment' })
export class Shipment {
  @PrimaryColumn({ name: 'shipment_id', type: 'text' })
  shipmentId: string;

  @Column({ name: 'receiving_office_code', type: 'text' })
  receivingOfficeCode: string;

  @Column({ name: 'receiving_province', type: 'text' })
  receivingProvince: string;

  @Column({ type: 'text' })
  state: ShipmentState;

  @Column({ type: 'boolean' })
  expedited: boolean;

  @Column({ name: 'card_count', type: 'int' })
  cardCount: number;

  /** When its first (oldest) card went in: the cut-off counts from here. */
  @Column({ name: 'opened_at', type: 'timestamptz' })
  openedAt: Date;

  @Column({ name: 'dispatched_at', type: 'timestamptz', nullable: true })
  dispatchedAt: Date | null;
}
