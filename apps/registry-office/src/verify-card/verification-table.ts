import { Injectable } from '@nestjs/common';
import { CardInvalidated, CardIssued, InvalidationReason, VerificationAnswer } from '@idcard/contracts';
import { EntityManager } from 'typeorm';
import { VerificationRecord } from '../domain/verification';

/** A check as the citizen sees it: when, which verifier client, the answer. */
export interface VerificationCheck {
  checkedAt: string;
  cardSerial: string;
  client: string;
  result: 'valid' | 'invalid';
  reason: string | null;
}

/**
 * The province's copy of every card of every province, fed by the national broadcasts (CardIssued, CardInvalidated),
 * and the checks made against it: the only code that writes verification_card and verification_check. Order does
 * not matter: an issuance fills in what the card is without touching why it is invalid, and an invalidation
 * keeps the first reason it finds — so an invalidation read before its issuance is never undone by it.
 */
@Injectable()
export class VerificationTable {
  async issued(em: EntityManager, card: CardIssued, at: Date): Promise<void> {
    await em.query(
      `INSERT INTO verification_card (card_serial, holder_digest, home_province, kind, valid_until, issued_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (card_serial) DO UPDATE SET holder_digest = EXCLUDED.holder_digest, home_province = EXCLUDED.home_province, kind = EXCLUDED.kind,
         valid_until = EXCLUDED.valid_until, issued_at = EXCLUDED.issued_at, updated_at = EXCLUDED.updated_at`,
      [card.cardSerial, card.holderDigest, card.homeProvince, card.kind, card.validUntil, card.issuedAt, at],
    );
  }

  async invalidated(em: EntityManager, card: CardInvalidated, at: Date): Promise<void> {
    await em.query(
      `INSERT INTO verification_card (card_serial, invalid_reason, invalidated_at, updated_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (card_serial) DO UPDATE SET
         invalid_reason = COALESCE(verification_card.invalid_reason, EXCLUDED.invalid_reason),
         invalidated_at = COALESCE(verification_card.invalidated_at, EXCLUDED.invalidated_at),
         updated_at = EXCLUDED.updated_at`,
      [card.cardSerial, card.reason, card.invalidatedAt, at],
    );
  }

  async find(em: EntityManager, cardSerial: string): Promise<VerificationRecord | null> {
    const [row]: { holder_digest: string | null; valid_until: string | null; invalid_reason: InvalidationReason | null }[] = await em.query(
      `SELECT holder_digest, to_char(valid_until, 'YYYY-MM-DD') AS valid_until, invalid_reason FROM verification_card WHERE card_serial = $1`,
      [cardSerial],
    );
    return row ? { holderDigest: row.holder_digest, validUntil: row.valid_until, invalidReason: row.invalid_reason } : null;
  }

  async recordCheck(
    em: EntityManager,
    check: { at: Date; clientSubject: string; clientName: string; cardSerial: string; answer: VerificationAnswer },
  ): Promise<void> {
    const reason = check.answer.result === 'invalid' ? check.answer.reason : null;
    await em.query(`INSERT INTO verification_check (checked_at, client_subject, client_name, card_serial, result, reason) VALUES ($1, $2, $3, $4, $5, $6)`, [
      check.at,
      check.clientSubject,
      check.clientName,
      check.cardSerial,
      check.answer.result,
      reason,
    ]);
  }

  /** The checks made here of these cards, newest first. */
  async checksOf(em: EntityManager, cardSerials: string[], limit = 200): Promise<VerificationCheck[]> {
    if (cardSerials.length === 0) return [];
    const rows: { checked_at: Date; card_serial: string; client_name: string; result: 'valid' | 'invalid'; reason: string | null }[] = await em.query(
      `SELECT checked_at, card_serial, client_name, result, reason FROM verification_check WHERE card_serial = ANY($1::text[])
        ORDER BY checked_at DESC, id DESC LIMIT $2`,
      [cardSerials, limit],
    );
    return rows.map((r) => ({ checkedAt: r.checked_at.toISOString(), cardSerial: r.card_serial, client: r.client_name, result: r.result, reason: r.reason }));
  }
}
