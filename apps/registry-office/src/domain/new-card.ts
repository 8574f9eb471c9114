import { cardExpiryFor } from '@idcard/contracts';

/**
 * The expiry the register records for a produced card: the legal one for the holder's age at issue. When the
 * production centre stated another, the register still records the legal one and says so.
 */
export function expiryToRecord(birthDate: string, issueDate: string, stated: string | null | undefined): { expiresOn: string | null; statedDiffers: boolean } {
  const expiresOn = cardExpiryFor(birthDate, issueDate);
  return { expiresOn, statedDiffers: stated !== undefined && stated !== expiresOn };
}
