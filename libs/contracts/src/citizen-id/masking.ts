/**
 * For logs (ID numbers and names are personal data): keep the 6-digit region and the check character,
 * mask birth date and sequence — 440106***********3. Anything that is not 18 characters is masked whole.
 */
export function maskCitizenId(id: string): string {
  return id.length === 18 ? `${id.slice(0, 6)}${'*'.repeat(11)}${id.slice(17)}` : '*'.repeat(id.length);
}

/** For logs: the first character of a name only, one star per hidden character (at least one) — 王**. */
export function maskName(name: string): string {
  const chars = [...name];
  return chars.length === 0 ? '' : chars[0] + '*'.repeat(Math.max(1, chars.length - 1));
}

/** 18-character citizen ID numbers anywhere in a text: kept to region and check character. */
const CITIZEN_ID_IN_TEXT = /\b(\d{6})\d{11}([\dXx])\b/g;

/** A last line of defence for logs and traces: anything that looks like a full ID number is masked, wherever it slipped in. */
export function maskIdentifiers(text: string): string {
  return text.replace(CITIZEN_ID_IN_TEXT, '$1***********$2');
}
