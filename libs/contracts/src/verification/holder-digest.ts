import { createHash } from 'node:crypto';

/**
 * A holder's name as compared across the exchange: Unicode NFKC, no white space, every middle-dot variant as '·'
 * (阿依古丽·艾力 read off a card by one reader as 阿依古丽・艾力 is the same name). The registry's review compares
 * names the same way, so a name that passes review also verifies.
 */
export function normaliseHolderName(name: string): string {
  return name
    .normalize('NFKC')
    .replace(/\s+/g, '')
    .replace(/[\u00B7\u2022\u2027\u30FB\u2219\u22C5.．]/g, '·');
}

/** Domain string: a digest of this kind cannot be mistaken for a SHA-256 of anything else. */
const HOLDER_DIGEST_DOMAIN = 'idcard-holder-digest-v1';

/**
 * What the national card-issuance broadcast and every province's verification table hold instead of the holder:
 * SHA-256 (hex) over the card serial, the ID number and the normalised name, each length-prefixed behind a domain
 * string. A verifier's request (serial, ID number and name as read from the card) is digested the same way and
 * compared, so the broadcast topic and the 31 verification tables never hold a name, and the ID number is not in
 * them either.
 *
 * Why the serial is inside: it salts the digest per card, so one precomputed table of (ID number, name) digests
 * does not open every card, and the same person's two cards have unrelated digests (a replaced card's digest tells
 * nothing about the new one). It is no secret against someone who already knows the holder's ID number and name
 * — nothing could be, with ID numbers as guessable as GB 11643 makes them — but it keeps the tables from being a
 * register of names.
 */
export function holderDigest(cardSerial: string, idNumber: string, name: string): string {
  const hash = createHash('sha256');
  for (const part of [HOLDER_DIGEST_DOMAIN, cardSerial.trim().toUpperCase(), idNumber.trim().toUpperCase(), normaliseHolderName(name)]) {
    const bytes = Buffer.from(part, 'utf8');
    const length = Buffer.alloc(4);
    length.writeUInt32BE(bytes.length);
    hash.update(length).update(bytes);
  }
  return hash.digest('hex');
}

/** 64 lower-case hex characters: the shape of a holderDigest. */
export const HOLDER_DIGEST = /^[0-9a-f]{64}$/;
