import type { ProvinceCode } from '@idcard/contracts';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { LossReportStatus } from '../domain/loss-report';

/** A loss report (挂失申报) taken at a counter of this province and sent to the citizen's home registry. */
@Entity({ name: 'loss_report' })
export class LossReport {
  @PrimaryColumn({ name: 'report_id', type: 'uuid' })
  reportId: string;

  @Column({ name: 'id_number', type: 'text' })
  idNumber: string;

  @Column({ name: 'home_province', type: 'text' })
  homeProvince: ProvinceCode;

  /** As reported (when the citizen knew it), then as the registry answered. */
  @Column({ name: 'card_serial', type: 'text', nullable: true })
  cardSerial: string | null;

  @Column({ name: 'receiving_office_code', type: 'text' })
  receivingOfficeCode: string;

  /** The clerk's subject and name, from the token. */
  @Column({ name: 'reported_by', type: 'text' })
  reportedBy: string;

  @Column({ name: 'reported_by_name', type: 'text' })
  reportedByName: string;

  @Column({ name: 'reported_at', type: 'timestamptz' })
  reportedAt: Date;

  @Column({ type: 'text' })
  status: LossReportStatus;

  @Column({ type: 'text', nullable: true })
  refusal: string | null;

  @Column({ name: 'answered_at', type: 'timestamptz', nullable: true })
  answeredAt: Date | null;
}
