import { Injectable } from '@nestjs/common';
import type { Principal } from '@idcard/access';
import { DataSource } from 'typeorm';
import { AuditEvent } from './audit-event.entity';

export interface AuditRecord {
  principal: Principal;
  at: Date;
  action: string;
  receiptNumber: string | null;
  outcome: number;
  errorCode: string | null;
}

/** The audit trail's only gateway: appends (the table refuses anything else) and reads for operators. */
@Injectable()
export class AuditTrail {
  constructor(private readonly dataSource: DataSource) {}

  async append(r: AuditRecord): Promise<void> {
    const p = r.principal;
    await this.dataSource.getRepository(AuditEvent).insert({
      at: r.at,
      subject: p.subject,
      name: p.name,
      role: p.role,
      province: p.province,
      office: p.office,
      action: r.action,
      receiptNumber: r.receiptNumber,
      outcome: r.outcome,
      errorCode: r.errorCode,
    });
  }

  /** Newest first, by receipt and/or person. */
  async list(filter: { receipt?: string; subject?: string; limit?: number }): Promise<object[]> {
    const rows = await this.dataSource.getRepository(AuditEvent).find({
      where: { ...(filter.receipt ? { receiptNumber: filter.receipt } : {}), ...(filter.subject ? { subject: filter.subject } : {}) },
      order: { id: 'DESC' },
      take: filter.limit ?? 100,
    });
    return rows.map((r) => ({ ...r, id: Number(r.id), at: r.at.toISOString() }));
  }
}
