import type { ProvinceCode } from '@idcard/contracts';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { DestructionCause, FoundCardInstruction, FoundCardStatus } from '../domain/found-card';

/** A card handed in at a counter of this province (丢失招领), from routing to its destruction or collection. */
@Entity({ name: 'found_card' })
export class FoundCard {
  @PrimaryColumn({ name: 'found_card_id', type: 'uuid' })
  foundCardId: string;

  @Column({ name: 'card_serial', type: 'text' })
  cardSerial: string;

  /** As printed on the card. */
  @Column({ name: 'id_number', type: 'text' })
  idNumber: string;

  @Column({ name: 'home_province', type: 'text' })
  homeProvince: ProvinceCode;

  @Column({ name: 'receiving_office_code', type: 'text' })
  receivingOfficeCode: string;

  @Column({ name: 'found_at', type: 'timestamptz' })
  foundAt: Date;

  @Column({ name: 'recorded_by', type: 'text' })
  recordedBy: string;

  @Column({ name: 'recorded_by_name', type: 'text' })
  recordedByName: string;

  @Column({ type: 'text' })
  status: FoundCardStatus;

  @Column({ type: 'text', nullable: true })
  instruction: FoundCardInstruction | null;

  /** The registry's reason to destroy (lost, replaced, expired, unknown, mismatch). */
  @Column({ type: 'text', nullable: true })
  reason: string | null;

  @Column({ name: 'answered_at', type: 'timestamptz', nullable: true })
  answeredAt: Date | null;

  /** For a card to return: the last instant its holder may collect it. */
  @Column({ name: 'keep_until', type: 'timestamptz', nullable: true })
  keepUntil: Date | null;

  @Column({ name: 'to_destroy_because', type: 'text', nullable: true })
  toDestroyBecause: DestructionCause | null;

  /** Why the card was invalidated (CardInvalidated) while this office held it, if it was: it is never returned then. */
  @Column({ name: 'invalidation_reason', type: 'text', nullable: true })
  invalidationReason: string | null;

  @Column({ name: 'destroyed_at', type: 'timestamptz', nullable: true })
  destroyedAt: Date | null;

  @Column({ name: 'destroyed_by', type: 'text', nullable: true })
  destroyedBy: string | null;

  @Column({ name: 'destroyed_by_name', type: 'text', nullable: true })
  destroyedByName: string | null;

  @Column({ name: 'collected_at', type: 'timestamptz', nullable: true })
  collectedAt: Date | null;

  @Column({ name: 'collected_by', type: 'text', nullable: true })
  collectedBy: string | null;

  @Column({ name: 'collected_by_name', type: 'text', nullable: true })
  collectedByName: string | null;
}
