import { Inject, Injectable } from '@nestjs/common';
import { CardInvalidated, CardIssued, CardKind, holderDigest, InvalidationReason, MessageType, ProvinceCode, topics } from '@idcard/contracts';
import { OutboxWriter, ServiceIdentity } from '@idcard/messaging';
import { SERVICE_IDENTITY } from '@idcard/service-runtime';
import { EntityManager } from 'typeorm';

/** A card as it is announced: the holder's ID number and name go only into the digest. */
export interface CardToAnnounce {
  cardSerial: string;
  idNumber: string;
  name: string;
  kind: CardKind;
  /** Last valid day (YYYY-MM-DD), null for a long-term card. */
  validUntil: string | null;
}

/**
 * What this registry tells every province about its cards, in the caller's transaction: CardIssued for a new valid
 * card and CardInvalidated when one stops being valid, both on the national topics keyed by card serial. Every
 * registry office (this one included) feeds its verification table from them.
 */
@Injectable()
export class CardBroadcasts {
  private readonly province: ProvinceCode;

  constructor(
    private readonly outbox: OutboxWriter,
    @Inject(SERVICE_IDENTITY) identity: ServiceIdentity,
  ) {
    this.province = identity.province as ProvinceCode;
  }

  async issued(em: EntityManager, card: CardToAnnounce, at: Date): Promise<void> {
    const payload: CardIssued = {
      cardSerial: card.cardSerial,
      holderDigest: holderDigest(card.cardSerial, card.idNumber, card.name),
      homeProvince: this.province,
      kind: card.kind,
      validUntil: card.validUntil,
      issuedAt: at.toISOString(),
    };
    const topic = topics.cardIssuances();
    await this.outbox.add(em, { topic, key: card.cardSerial, type: MessageType.CardIssued, payload, correlationId: card.cardSerial });
    if (card.kind === 'resident') await em.query(`UPDATE card SET announced_at = $2 WHERE card_serial = $1`, [card.cardSerial, at]);
  }

  async invalidated(
    em: EntityManager,
    card: { cardSerial: string; idNumber: string },
    reason: InvalidationReason,
    at: Date,
    correlationId?: string,
  ): Promise<void> {
    const payload: CardInvalidated = { cardSerial: card.cardSerial, idNumber: card.idNumber, reason, invalidatedAt: at.toISOString() };
    const topic = topics.cardInvalidations();
    await this.outbox.add(em, { topic, key: card.cardSerial, type: MessageType.CardInvalidated, payload, correlationId: correlationId ?? card.cardSerial });
  }
}
