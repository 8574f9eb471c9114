import type { ProvinceCode } from '@idcard/contracts';
import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A parcel of finished cards on its way from a production centre to one receiving office of this province. */
@Entity({ name: 'shipment' })
export class Shipment {
  @PrimaryColumn({ name: 'shipment_id', type: 'text' })
  shipmentId: string;

  @Column({ name: 'produced_by', type: 'text' })
  producedBy: ProvinceCode;

  @Column({ name: 'receiving_office_code', type: 'text' })
  receivingOfficeCode: string;

  @Column({ type: 'boolean' })
  expedited: boolean;

  @Column({ name: 'dispatched_at', type: 'timestamptz' })
  dispatchedAt: Date;

  @Column({ name: 'card_count', type: 'int' })
  cardCount: number;
}
