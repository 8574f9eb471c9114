import type { ProvinceCode } from '@idcard/contracts';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { TemporaryCardStatus } from '../domain/temporary-card';

/** A temporary ID (临时身份证) asked of the citizen's home registry at a counter of this province, and its answer. */
@Entity({ name: 'temporary_card_request' })
export class TemporaryCardRequest {
  @PrimaryColumn({ name: 'request_id', type: 'uuid' })
  requestId: string;

  @Column({ name: 'id_number', type: 'text' })
  idNumber: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ name: 'home_province', type: 'text' })
  homeProvince: ProvinceCode;

  @Column({ name: 'receiving_office_code', type: 'text' })
  receivingOfficeCode: string;

  @Column({ name: 'requested_by', type: 'text' })
  requestedBy: string;

  @Column({ name: 'requested_by_name', type: 'text' })
  requestedByName: string;

  @Column({ name: 'requested_at', type: 'timestamptz' })
  requestedAt: Date;

  /** The office takes the registry's answer until this instant, and gives up after it. */
  @Column({ name: 'answer_by', type: 'timestamptz' })
  answerBy: Date;

  @Column({ name: 'fee_yuan', type: 'int' })
  feeYuan: number;

  @Column({ type: 'text' })
  status: TemporaryCardStatus;

  @Column({ type: 'text', nullable: true })
  refusal: string | null;

  @Column({ name: 'temporary_serial', type: 'text', nullable: true })
  temporarySerial: string | null;

  /** The last day the temporary card is valid (CST), as the registry says. */
  @Column({ name: 'valid_until', type: 'date', nullable: true })
  validUntil: string | null;

  @Column({ name: 'answered_at', type: 'timestamptz', nullable: true })
  answeredAt: Date | null;

  @Column({ name: 'gave_up_at', type: 'timestamptz', nullable: true })
  gaveUpAt: Date | null;

  @Column({ name: 'voided_at', type: 'timestamptz', nullable: true })
  voidedAt: Date | null;
}
