import { createHash } from 'crypto';
import { photoProblem } from '@idcard/contracts';

/** The photo as it travels in an application. */
export interface ApplicationPhoto {
  jpegBase64: string;
  sha256: string;
}

/** The standard (a 358 × 441 JPEG) and the integrity of the bytes (its sha256); null when the photo passes. */
export function applicationPhotoProblem(photo: ApplicationPhoto): string | null {
  const bytes = Buffer.from(photo.jpegBase64, 'base64');
  const problem = photoProblem(bytes);
  if (problem) return problem;
  const actual = createHash('sha256').update(bytes).digest('hex');
  if (actual !== photo.sha256.toLowerCase()) return 'the photo does not match its sha256 checksum';
  return null;
}
