import { ApiProperty } from '@nestjs/swagger';
import { CARD_SCRIPTS, CardScript } from '@idcard/contracts';
import { PRODUCTION_ORDER_STATES, ProductionOrderState } from '../../domain/production-order';
import type { ProductionOrder } from '../../orders/entities/production-order.entity';

/** The operator whose run of the line made the card (from the token). */
export class OperatorView {
  @ApiProperty({ example: 'op-46-0007', description: "the identity provider's subject" })
  subject: string;

  @ApiProperty({ example: '王制证' })
  name: string;
}

/** What the centre knows of one order; no ID number, name or photo of the citizen. */
export class OrderView {
  @ApiProperty({ example: 'R44-20250601-000001' })
  receiptNumber: string;

  @ApiProperty({ enum: PRODUCTION_ORDER_STATES })
  state: ProductionOrderState;

  @ApiProperty()
  expedited: boolean;

  @ApiProperty({ format: 'date-time' })
  dueAt: string;

  @ApiProperty({ format: 'date-time' })
  receivedAt: string;

  @ApiProperty({ example: '65' })
  homeProvince: string;

  @ApiProperty({ example: '44' })
  receivingProvince: string;

  @ApiProperty({ example: '44010601' })
  receivingOfficeCode: string;

  @ApiProperty({ enum: CARD_SCRIPTS, nullable: true })
  cardScript: CardScript | null;

  @ApiProperty({ nullable: true, description: 'the centre that passed this order on' })
  forwardedFrom: string | null;

  @ApiProperty({ nullable: true, description: 'the centre this order was passed on to' })
  forwardedTo: string | null;

  @ApiProperty({ nullable: true, example: 'P44202506010000042' })
  cardSerial: string | null;

  @ApiProperty({ nullable: true, example: '2025-06-01' })
  issueDate: string | null;

  @ApiProperty({ nullable: true, example: '2045-06-01', description: 'null: long-term card, or not produced yet' })
  expiresOn: string | null;

  @ApiProperty({ nullable: true, format: 'date-time' })
  producedAt: string | null;

  @ApiProperty({ nullable: true, example: 'S44-20250601-000017' })
  shipmentId: string | null;

  @ApiProperty({ type: OperatorView, nullable: true, description: "who ran the line that made the card; null: the line's timer, or not produced yet" })
  producedBy: OperatorView | null;

  static of(o: ProductionOrder): OrderView {
    return {
      receiptNumber: o.receiptNumber,
      state: o.state,
      expedited: o.expedited,
      dueAt: o.dueAt.toISOString(),
      receivedAt: o.receivedAt.toISOString(),
      homeProvince: o.homeProvince,
      receivingProvince: o.receivingProvince,
      receivingOfficeCode: o.receivingOfficeCode,
      cardScript: o.cardScript,
      forwardedFrom: o.forwardedFrom,
      forwardedTo: o.forwardedTo,
      cardSerial: o.cardSerial,
      issueDate: o.issueDate,
      expiresOn: o.expiresOn,
      producedAt: o.producedAt?.toISOString() ?? null,
      shipmentId: o.shipmentId,
      producedBy: o.producedBySubject && o.producedByName ? { subject: o.producedBySubject, name: o.producedByName } : null,
    };
  }
}
