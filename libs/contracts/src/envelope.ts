import 'reflect-metadata';
import { randomUUID } from 'crypto';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsISO8601, IsObject, IsString, IsUUID, Length, Min, ValidateNested } from 'class-validator';
import type { ProvinceCode } from './codes/provinces';
import type { ServiceName } from './topics';
import { IsProvinceCode } from './validators';

export class MessageSource {
  @IsProvinceCode()
  province: ProvinceCode;

  @IsIn(['receiving-office', 'registry-office', 'production-center'])
  service: ServiceName;
}

/** One envelope for every message between services. */
export class Envelope<P = unknown> {
  @IsUUID()
  messageId: string;

  @IsString()
  @Length(1, 100)
  type: string;

  @IsInt()
  @Min(1)
  schemaVersion: number;

  @IsISO8601()
  occurredAt: string;

  @ValidateNested()
  @Type(() => MessageSource)
  source: MessageSource;

  /** The receipt number of the application the message is about. */
  @IsString()
  @Length(1, 100)
  correlationId: string;

  @IsObject()
  payload: P;
}

export interface EnvelopeOptions {
  source: { province: string; service: ServiceName };
  correlationId: string;
  now: Date;
  messageId?: string;
  schemaVersion?: number;
}

export function newEnvelope<P extends object>(type: string, payload: P, o: EnvelopeOptions): Envelope<P> {
  return {
    messageId: o.messageId ?? randomUUID(),
    type,
    schemaVersion: o.schemaVersion ?? 1,
    occurredAt: o.now.toISOString(),
    source: o.source as MessageSource,
    correlationId: o.correlationId,
    payload,
  };
}

export function encodeMessage(envelope: Envelope): string {
  return JSON.stringify(envelope);
}
