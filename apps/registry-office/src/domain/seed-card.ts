import { createHash } from 'crypto';
import { ageOn, cardExpiryFor } from '@idcard/contracts';

/** Age from which every citizen of the seeded register holds a card. */
export const CARD_AGE = 16;

export interface SeedCard {
  cardSerial: string;
  issueDate: string;
  expiresOn: string | null;
}

/**
 * The current card a seeded adult holds: the serial is derived from the ID number alone (so seeding twice
 * gives the same card), issued 1–5 years before `today` but never before the 16th birthday, which keeps it
 * valid (a card issued at 16 or later lasts at least 10 years). Null for a minor.
 */
export function seedCardFor(citizen: { idNumber: string; birthDate: string }, today: string): SeedCard | null {
  if (today < citizen.birthDate || ageOn(citizen.birthDate, today) < CARD_AGE) return null;
  const digest = createHash('sha256').update(`seed-card:${citizen.idNumber}`).digest();
  const yearsAgo = 1 + (digest[0] % 5);
  const candidate = addYears(today, -yearsAgo);
  const sixteenth = addYears(citizen.birthDate, CARD_AGE);
  const issueDate = candidate > sixteenth ? candidate : sixteenth;
  return { cardSerial: `RG${digest.subarray(1, 9).toString('hex').toUpperCase()}`, issueDate, expiresOn: cardExpiryFor(citizen.birthDate, issueDate) };
}

/** A calendar date (YYYY-MM-DD) moved by whole years; 29 February falls on 1 March in a common year. */
export function addYears(date: string, years: number): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y + years, m - 1, d)).toISOString().slice(0, 10);
}
