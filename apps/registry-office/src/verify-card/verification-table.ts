import { Injectable } from '@nestjs/common';
import { CardInvalidated, CardIssued, CardVerified, InvalidationReason, VerificationAnswer } from '@idcard/contracts';
import { EntityManager } from 'typeorm';
import { VerificationRecord } from '../domain/verification';

/** A check as the citizen sees it: when, which verifier client, where (the province whose registry answered), the answer. */
export interface VerificationCheck {
  checkedAt: string;
  cardSerial: string;
  client: string;
  province: string;
  result: 'valid' | 'invalid';
  reason: string | null;
}

/**
 * The province's copy of every card of every province, fed by the national broadcasts (CardIssued, CardInvalidated),
 * the checks made against it, and the checks of this province's own cards made elsewhere (CardVerified): the only
 * code that writes verification_card, verification_check and verification_check_elsewhere. Order does
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
    const [row]: { holder_digest: string | null; valid_until: string | null; invalid_reason: InvalidationReason | null; home_province: string | null }[] =
      await em.query(
        `SELECT holder_digest, to_char(valid_until, 'YYYY-MM-DD') AS valid_until, invalid_reason, home_province FROM verification_card WHERE card_serial = $1`,
        [cardSerial],
      );
    return row ? { holderDigest: row.holder_digest, validUntil: row.valid_until, invalidReason: row.invalid_reason, homeProvince: row.home_province } : null;
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

  /**
   * A check of one of this province's cards answered by another province's registry, as its CardVerified tells it.
   * False (nothing written) when the card is none of this register's: the sender's verification table says otherwise.
   * Told twice (one check id), recorded once.
   */
  async recordCheckElsewhere(em: EntityManager, check: CardVerified, at: Date): Promise<boolean> {
    const ours: unknown[] = await em.query(
      `SELECT 1 FROM card WHERE card_serial = $1 UNION ALL SELECT 1 FROM temporary_card WHERE temporary_serial = $1 LIMIT 1`,
      [check.cardSerial],
    );
    if (ours.length === 0) return false;
    await em.query(
      `INSERT INTO verification_check_elsewhere (check_id, card_serial, checked_in, client_subject, client_name, checked_at, result, reason, recorded_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (check_id) DO NOTHING`,
      [check.checkId, check.cardSerial, check.checkedIn, check.verifierSubject, check.verifierName, check.checkedAt, check.result, check.reason ?? null, at],
    );
    return true;
  }

  /** Every check of these cards, nationwide — answered here (in province `here`) or told by another province's registry — newest first. */
  async checksOf(em: EntityManager, cardSerials: string[], here: string, limit = 200): Promise<VerificationCheck[]> {
    if (cardSerials.length === 0) return [];
    const rows: { checked_at: Date; card_serial: string; client_name: string; province: string; result: 'valid' | 'invalid'; reason: string | null }[] =
      await em.query(
        `SELECT checked_at, card_serial, client_name, $2::text AS province, result, reason FROM verification_check WHERE card_serial = ANY($1::text[])
         UNION ALL
         SELECT checked_at, card_serial, client_name, checked_in, result, reason FROM verification_check_elsewhere WHERE card_serial = ANY($1::text[])
         ORDER BY checked_at DESC LIMIT $3`,
        [cardSerials, here, limit],
      );
    return rows.map((r) => ({
      checkedAt: r.checked_at.toISOString(),
      cardSerial: r.card_serial,
      client: r.client_name,
      province: r.province,
      result: r.result,
      reason: r.reason,
    }));
  }
}
