import 'reflect-metadata'; // @Type reads design-time metadata
import { randomUUID } from 'crypto';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsObject, IsString, IsUUID, Length, Matches, Min, ValidateNested } from 'class-validator';
import type { ProvinceCode } from './codes/provinces';
import { currentSchemaVersion, isMessageTypeName, MessageTypeName } from './message-types';
import { SERVICE_NAMES, ServiceName } from './services';
import { IsProvinceCode, IsTimestamp } from './validators';

/** Which service of which province sent a message. */
export class MessageSource {
  @IsProvinceCode()
  province: ProvinceCode;

  @IsIn(SERVICE_NAMES)
  service: ServiceName;
}

/** One envelope for every message between services; the payload's class is chosen by type and schemaVersion. */
export class Envelope<P = unknown> {
  /** Unique per message: the consumer's inbox records it, so a redelivery changes nothing. */
  @IsUUID()
  messageId: string;

  @IsString()
  @Matches(/^[A-Z][A-Za-z0-9]{0,99}$/, { message: 'type: must be a message type name such as ApplicationSubmitted' })
  type: string;

  @IsInt()
  @Min(1)
  schemaVersion: number;

  @IsTimestamp()
  occurredAt: string;

  @IsObject() // ValidateNested alone lets an absent object through
  @ValidateNested()
  @Type(() => MessageSource)
  source: MessageSource;

  /** The receipt number of the application the message is about (a card serial or shipment id where there is none). */
  @IsString()
  @Length(1, 100)
  @Matches(/^\S+$/, { message: 'correlationId: must not contain spaces' })
  correlationId: string;

  @IsObject()
  payload: P;
}

/** Anything with the time: the services' injectable Clock fits. */
export interface TimeSource {
  now(): Date;
}

export type EnvelopeOptions = {
  source: { province: ProvinceCode | string; service: ServiceName };
  correlationId: string;
  /** Given for a retry that must keep its id; a fresh UUID otherwise. */
  messageId?: string;
  /** Defaults to the current version of a known type (1 for any other). */
  schemaVersion?: number;
} & ({ now: Date; clock?: undefined } | { clock: TimeSource; now?: undefined });

/** Wraps a payload for sending. Time comes from the caller's clock (or `now`), never from the wall. */
export function newEnvelope<P extends object>(type: MessageTypeName | string, payload: P, o: EnvelopeOptions): Envelope<P> {
  const now = o.now ?? o.clock?.now();
  if (!(now instanceof Date) || Number.isNaN(now.getTime())) throw new TypeError('newEnvelope needs `now` (a valid Date) or a `clock`');
  return {
    messageId: o.messageId ?? randomUUID(),
    type,
    schemaVersion: o.schemaVersion ?? (isMessageTypeName(type) ? currentSchemaVersion(type) : 1),
    occurredAt: now.toISOString(),
    source: { province: o.source.province as ProvinceCode, service: o.source.service },
    correlationId: o.correlationId,
    payload,
  };
}
