import { createHash, randomInt, timingSafeEqual } from 'node:crypto';

/** How long a one-time code works, how many wrong tries kill it, how many a citizen can be sent per window. */
export const ONE_TIME_CODE_TTL_MS = 5 * 60 * 1000;
export const ONE_TIME_CODE_MAX_ATTEMPTS = 5;
export const ONE_TIME_CODES_PER_WINDOW = 3;
export const ONE_TIME_CODE_WINDOW_MS = 15 * 60 * 1000;
/** How long a citizen's session token lasts. */
export const CITIZEN_SESSION_TTL_SECONDS = 15 * 60;

/** Six random digits (node:crypto). */
export function newOneTimeCode(): string {
  return String(randomInt(0, 1_000_000)).padStart(6, '0');
}

/**
 * What is kept of a code: SHA-256 over the code's row id and the code, so a dump of the table holds no code and one
 * precomputed table does not serve every row. Codes live five minutes and die after five wrong tries, which is what
 * keeps a six-digit code safe; the hash keeps it from being read at rest.
 */
export function oneTimeCodeHash(codeId: string, code: string): string {
  return createHash('sha256').update(`idcard-one-time-code\n${codeId}\n${code}`).digest('hex');
}

/** Compares in constant time. */
export function oneTimeCodeMatches(codeId: string, code: string, storedHash: string): boolean {
  const given = Buffer.from(oneTimeCodeHash(codeId, code), 'hex');
  const stored = Buffer.from(storedHash, 'hex');
  return given.length === stored.length && timingSafeEqual(given, stored);
}

/** The SMS with the code: nothing else in it, no name, no ID number. */
export function oneTimeCodeSmsText(code: string): string {
  return `【身份证】您的验证码是 ${code}，5 分钟内有效。请勿告诉他人。 Your ID card service code is ${code}; valid for 5 minutes. Never share it.`;
}
