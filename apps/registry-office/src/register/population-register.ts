import { Injectable } from '@nestjs/common';
import { EthnicGroupCode, ProvinceCode } from '@idcard/contracts';
import { sealedText } from '@idcard/biometrics';
import { photoFields, syntheticCitizens } from '@idcard/synthetic';
import { EntityManager, In } from 'typeorm';
import { RegisterEntry } from '../domain/review';
import { seedCardFor } from '../domain/seed-card';
import { Card } from './entities/card.entity';
import { Citizen } from './entities/citizen.entity';

/** Rows per INSERT: keeps each statement's parameter arrays small. */
const CHUNK = 2000;

export interface SeedResult {
  /** Citizens added now (those already in the register are left as they are). */
  seeded: number;
  /** Current cards given now to adults who had none. */
  cardsIssued: number;
}

/** A card produced for an application, as the register records it. */
export interface ProducedCard {
  cardSerial: string;
  idNumber: string;
  issueDate: string;
  expiresOn: string | null;
  producedForReceipt: string;
}

/**
 * The population register (citizens and their cards): the only code that writes the citizen and card tables,
 * inside the caller's transaction. The database keeps its one rule: at most one valid card per citizen.
 */
@Injectable()
export class PopulationRegister {
  isRegistered(em: EntityManager, idNumber: string): Promise<boolean> {
    return em.exists(Citizen, { where: { idNumber } });
  }

  citizen(em: EntityManager, idNumber: string): Promise<Citizen> {
    return em.findOneOrFail(Citizen, { where: { idNumber } });
  }

  citizens(em: EntityManager, idNumbers: string[]): Promise<Citizen[]> {
    return em.findBy(Citizen, { idNumber: In(idNumbers) });
  }

  /** The citizen as the review compares an application with, or null when they are not in the register. */
  async entry(em: EntityManager, idNumber: string): Promise<RegisterEntry | null> {
    const citizen = await em.findOne(Citizen, { where: { idNumber } });
    if (!citizen) return null;
    const valid = await em.findOne(Card, { where: { idNumber, status: 'valid' } });
    return { ...citizen, holdsCard: valid !== null || (await em.exists(Card, { where: { idNumber } })), validCardSerial: valid?.cardSerial ?? null };
  }

  /**
   * Locks the citizen's row for the rest of the transaction, so two reports about one citizen (a loss at a counter
   * and online, say) are judged one after the other. Null when the citizen is not in the register.
   */
  async lockCitizen(em: EntityManager, idNumber: string): Promise<Citizen | null> {
    return em.getRepository(Citizen).createQueryBuilder('c').setLock('pessimistic_write').where('c.id_number = :idNumber', { idNumber }).getOne();
  }

  /** The card with this serial, resident, or null. */
  card(em: EntityManager, cardSerial: string): Promise<Card | null> {
    return em.findOne(Card, { where: { cardSerial } });
  }

  /** Marks a valid card lost (挂失); false when it was not valid any more. */
  async markLost(em: EntityManager, cardSerial: string, at: Date): Promise<boolean> {
    const marked: unknown[] = await em.query(
      `WITH marked AS (
         UPDATE card SET status = 'invalidated', invalidated_at = $2, invalidation_reason = 'lost' WHERE card_serial = $1 AND status = 'valid' RETURNING card_serial)
       SELECT card_serial FROM marked`,
      [cardSerial, at],
    );
    return marked.length === 1;
  }

  /** A citizen's cards, valid and invalidated, newest first. */
  cardsOf(em: EntityManager, idNumber: string): Promise<Card[]> {
    return em.find(Card, { where: { idNumber }, order: { issueDate: 'DESC', cardSerial: 'ASC' } });
  }

  hasCard(em: EntityManager, cardSerial: string): Promise<boolean> {
    return em.exists(Card, { where: { cardSerial } });
  }

  /** The photo of the citizen's current card (base64 JPEG), opened; null when the register has none or no such citizen. */
  async photoOf(em: EntityManager, idNumber: string): Promise<string | null> {
    const citizen = await em.findOne(Citizen, { where: { idNumber }, select: { idNumber: true, photo: true } });
    return citizen?.photo ?? null;
  }

  /** The photo of the card just recorded becomes the register's (sealed by the column). */
  async setPhoto(em: EntityManager, idNumber: string, jpegBase64: string): Promise<void> {
    await em.update(Citizen, { idNumber }, { photo: jpegBase64 });
  }

  /** An approved change of ethnicity. */
  async changeEthnicity(em: EntityManager, idNumber: string, ethnicGroup: EthnicGroupCode): Promise<void> {
    await em.update(Citizen, { idNumber }, { ethnicGroup });
  }

  /** Records a produced card as the citizen's one valid card; the cards it replaces are invalidated. Answers their serials. */
  async issue(em: EntityManager, card: ProducedCard, at: Date): Promise<string[]> {
    // Invalidate before inserting: one valid card per citizen (the CTE makes the driver answer plain rows).
    const replaced: { card_serial: string }[] = await em.query(
      `WITH replaced AS (
         UPDATE card SET status = 'invalidated', invalidated_at = $2, invalidation_reason = 'replaced'
          WHERE id_number = $1 AND status = 'valid' RETURNING card_serial)
       SELECT card_serial FROM replaced ORDER BY card_serial`,
      [card.idNumber, at],
    );
    await em.insert(Card, { ...card, status: 'valid', invalidatedAt: null, invalidationReason: null });
    return replaced.map((r) => r.card_serial);
  }

  /**
   * Puts the synthetic register (with phone numbers; its cards are announced to every province afterwards by the
   * CardAnnouncer, which picks up every card not yet announced) `syntheticCitizens(province, count, seed)` into the database, idempotently: a
   * citizen already there is kept, and an adult gets the seed card only if it is not there and they hold no
   * other valid card. For development and the demo, from HTTP and from the shell alike.
   */
  async seed(em: EntityManager, province: ProvinceCode, count: number, seed: number, today: string): Promise<SeedResult> {
    const citizens = syntheticCitizens(province, count, seed);
    // The photo of the seed card: one synthetic photo shared by all (generated once, cached), sealed per row.
    const cardPhoto = photoFields().jpegBase64;
    let seeded = 0;
    let cardsIssued = 0;
    for (let from = 0; from < citizens.length; from += CHUNK) {
      const chunk = citizens.slice(from, from + CHUNK);
      const added: unknown[] = await em.query(
        `INSERT INTO citizen (id_number, name, sex, birth_date, ethnic_group, home_province, address, phone_number, photo)
         SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::date[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[])
         ON CONFLICT DO NOTHING RETURNING id_number`,
        [
          chunk.map((c) => c.idNumber),
          chunk.map((c) => c.name),
          chunk.map((c) => c.sex),
          chunk.map((c) => c.birthDate),
          chunk.map((c) => c.ethnicGroup),
          chunk.map((c) => c.homeProvince),
          chunk.map((c) => c.address),
          chunk.map((c) => c.phoneNumber),
          // A raw query applies no column transformer: seal here. Only an adult given the seed card has a card photo.
          chunk.map((c) => (seedCardFor(c, today) ? (sealedText.to(cardPhoto) ?? null) : null)),
        ],
      );
      seeded += added.length;
      const cards = chunk.flatMap((c) => {
        const card = seedCardFor(c, today);
        return card ? [{ idNumber: c.idNumber, ...card }] : [];
      });
      // Conflicts on the serial (seeded before) or on the one-valid-card index (a newer card) both mean: leave it.
      const issued: unknown[] = await em.query(
        `INSERT INTO card (card_serial, id_number, issue_date, expires_on, status)
         SELECT serial, id, issued, expires, 'valid' FROM unnest($1::text[], $2::text[], $3::date[], $4::date[]) AS t(serial, id, issued, expires)
         ON CONFLICT DO NOTHING RETURNING card_serial`,
        [cards.map((c) => c.cardSerial), cards.map((c) => c.idNumber), cards.map((c) => c.issueDate), cards.map((c) => c.expiresOn)],
      );
      cardsIssued += issued.length;
    }
    return { seeded, cardsIssued };
  }
}
