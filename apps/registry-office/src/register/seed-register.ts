import { ProvinceCode } from '@idcard/contracts';
import { syntheticCitizens } from '@idcard/synthetic';
import { EntityManager } from 'typeorm';
import { seedCardFor } from '../domain/seed-card';

/** Rows per INSERT: keeps each statement's parameter arrays small. */
const CHUNK = 2000;

export interface SeedResult {
  /** Citizens added now (those already in the register are left as they are). */
  seeded: number;
  /** Current cards given now to adults who had none. */
  cardsIssued: number;
}

/**
 * Puts the synthetic register `syntheticCitizens(province, count, seed)` into the database, idempotently: a
 * citizen already there is kept, and an adult gets the seed card only if it is not there and they hold no
 * other valid card. For development and the demo, from HTTP and from the shell alike.
 */
export async function seedRegister(em: EntityManager, province: ProvinceCode, count: number, seed: number, today: string): Promise<SeedResult> {
  const citizens = syntheticCitizens(province, count, seed);
  let seeded = 0;
  let cardsIssued = 0;
  for (let from = 0; from < citizens.length; from += CHUNK) {
    const chunk = citizens.slice(from, from + CHUNK);
    const added: unknown[] = await em.query(
      `INSERT INTO citizen (id_number, name, sex, birth_date, ethnic_group, home_province, address)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::date[], $5::text[], $6::text[], $7::text[])
       ON CONFLICT DO NOTHING RETURNING id_number`,
      [
        chunk.map((c) => c.idNumber),
        chunk.map((c) => c.name),
        chunk.map((c) => c.sex),
        chunk.map((c) => c.birthDate),
        chunk.map((c) => c.ethnicGroup),
        chunk.map((c) => c.homeProvince),
        chunk.map((c) => c.address),
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
