/** Whole years of age at a date (both YYYY-MM-DD). */
export function ageOn(birthDate: string, on: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number);
  const [y, m, d] = on.split('-').map(Number);
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

/**
 * Expiry of a new card by age at issue: under 16 → 5 years, 16–25 → 10, 26–45 → 20, over 45 → long-term
 * (null). The card is valid until the day before the anniversary of its issue date.
 */
export function cardExpiryFor(birthDate: string, issueDate: string): string | null {
  const age = ageOn(birthDate, issueDate);
  const years = age < 16 ? 5 : age <= 25 ? 10 : age <= 45 ? 20 : null;
  if (years === null) return null;
  const [y, m, d] = issueDate.split('-').map(Number);
  const expiry = new Date(Date.UTC(y + years, m - 1, d));
  return expiry.toISOString().slice(0, 10);
}
