import { ageOn } from '@idcard/contracts';
import { syntheticCitizens } from '@idcard/synthetic';
import { addYears, seedCardFor } from './seed-card';

describe('seedCardFor', () => {
  const today = '2025-06-15';

  it('gives no card to a minor', () => {
    expect(seedCardFor({ idNumber: '440106201001011234', birthDate: '2010-01-01' }, today)).toBeNull();
  });

  it('is deterministic and derives the serial from the ID number alone', () => {
    const a = seedCardFor({ idNumber: '440106199003071234', birthDate: '1990-03-07' }, today)!;
    expect(seedCardFor({ idNumber: '440106199003071234', birthDate: '1990-03-07' }, today)).toEqual(a);
    expect(seedCardFor({ idNumber: '440106199003071234', birthDate: '1990-03-07' }, '2027-01-01')!.cardSerial).toBe(a.cardSerial);
    expect(a.cardSerial).toMatch(/^[0-9A-Z]{10,20}$/);
  });

  it('gives every adult of a synthetic register a card that is valid today, issued at 16 or later, with the legal expiry', () => {
    const serials = new Set<string>();
    for (const c of syntheticCitizens('44', 2000, 7)) {
      const card = seedCardFor(c, today);
      if (ageOn(c.birthDate, today) < 16) {
        expect(card).toBeNull();
        continue;
      }
      expect(card).not.toBeNull();
      expect(card!.issueDate < today).toBe(true);
      expect(ageOn(c.birthDate, card!.issueDate)).toBeGreaterThanOrEqual(16);
      expect(card!.expiresOn === null || card!.expiresOn > today).toBe(true);
      serials.add(card!.cardSerial);
    }
    expect(serials.size).toBeGreaterThan(1500);
  });

  it('gives the first card on the 16th birthday itself, and none the day before or to someone not yet born', () => {
    expect(seedCardFor({ idNumber: '440106200906151234', birthDate: '2009-06-15' }, today)).toEqual(
      expect.objectContaining({ issueDate: today, expiresOn: '2035-06-15' }),
    );
    expect(seedCardFor({ idNumber: '440106200906161234', birthDate: '2009-06-16' }, today)).toBeNull();
    expect(seedCardFor({ idNumber: '440106202601011234', birthDate: '2026-01-01' }, today)).toBeNull();
  });

  it('issues an older adult’s card 1 to 5 whole years before today, each span for some of them', () => {
    const spans = new Set<number>();
    for (const c of syntheticCitizens('44', 500, 11)) {
      if (ageOn(c.birthDate, today) < 22) continue;
      const card = seedCardFor(c, today)!;
      expect(card.issueDate.slice(5)).toBe(today.slice(5));
      spans.add(Number(today.slice(0, 4)) - Number(card.issueDate.slice(0, 4)));
    }
    expect([...spans].sort()).toEqual([1, 2, 3, 4, 5]);
  });

  it('marks a seeded card’s serial as the register’s own: RG and 16 hexadecimal digits', () => {
    expect(seedCardFor({ idNumber: '440106199003071234', birthDate: '1990-03-07' }, today)!.cardSerial).toMatch(/^RG[0-9A-F]{16}$/);
  });

  it('issues at the 16th birthday a card for someone who turned 16 recently', () => {
    expect(seedCardFor({ idNumber: '440106200906011234', birthDate: '2009-06-01' }, today)).toEqual(
      expect.objectContaining({ issueDate: '2025-06-01', expiresOn: '2035-06-01' }),
    );
  });
});

describe('addYears', () => {
  it('moves 29 February to 1 March in a common year', () => {
    expect(addYears('2008-02-29', 16)).toBe('2024-02-29');
    expect(addYears('2008-02-29', 17)).toBe('2025-03-01');
  });
});
