import { Column, Entity, PrimaryColumn } from 'typeorm';

export type CardStatus = 'valid' | 'invalidated';
export type InvalidationReason = 'replaced' | 'lost' | 'expired';

/** A card the registry has issued; at most one valid card per citizen (a partial unique index). */
@Entity({ name: 'card' })
export class Card {
  @PrimaryColumn({ name: 'card_serial', type: 'text' })
  cardSerial: string;

  @Column({ name: 'id_number', type: 'text' })
  idNumber: string;

  @Column({ name: 'issue_date', type: 'date' })
  issueDate: string;

  /** Null: long-term (长期), for holders over 45 at issue. */
  @Column({ name: 'expires_on', type: 'date', nullable: true })
  expiresOn: string | null;

  @Column({ type: 'text' })
  status: CardStatus;

  @Column({ name: 'invalidated_at', type: 'timestamptz', nullable: true })
  invalidatedAt: Date | null;

  @Column({ name: 'invalidation_reason', type: 'text', nullable: true })
  invalidationReason: InvalidationReason | null;

  /** The application the card was produced for; null for cards from before this system (the seed). */
  @Column({ name: 'produced_for_receipt', type: 'text', nullable: true })
  producedForReceipt: string | null;

  /** When CardIssued went into the outbox for it; null until then (the CardAnnouncer picks such cards up). */
  @Column({ name: 'announced_at', type: 'timestamptz', nullable: true })
  announcedAt: Date | null;
}
