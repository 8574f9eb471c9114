import { createHash } from 'crypto';
import * as jpeg from 'jpeg-js';
import { PHOTO_HEIGHT_PX, PHOTO_WIDTH_PX } from '@idcard/contracts';
import { seededRandom } from './random';

const photoCache = new Map<string, Buffer>();

/** A real JPEG (a plain portrait-coloured frame) of the given size; 358 × 441 by default, the ID-card standard. */
export function syntheticPhoto(width = PHOTO_WIDTH_PX, height = PHOTO_HEIGHT_PX): Buffer {
  const key = `${width}x${height}`;
  const cached = photoCache.get(key);
  if (cached) return cached;
  const data = Buffer.alloc(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 4;
      const face = (x - width / 2) ** 2 / (width / 4) ** 2 + (y - height / 2.3) ** 2 / (height / 3.2) ** 2 < 1;
      data[i] = face ? 224 : 235;
      data[i + 1] = face ? 188 : 240;
      data[i + 2] = face ? 160 : 250;
      data[i + 3] = 255;
    }
  }
  const encoded = jpeg.encode({ data, width, height }, 80).data;
  photoCache.set(key, encoded);
  return encoded;
}

/** The photo as it travels in an application. */
export function photoFields(jpegBytes: Buffer = syntheticPhoto()): { jpegBase64: string; widthPx: number; heightPx: number; sha256: string } {
  return {
    jpegBase64: jpegBytes.toString('base64'),
    widthPx: PHOTO_WIDTH_PX,
    heightPx: PHOTO_HEIGHT_PX,
    sha256: createHash('sha256').update(jpegBytes).digest('hex'),
  };
}

/** Two fingerprint templates (opaque bytes, as a capture device would produce), base64. */
export function syntheticFingerprints(seed: number): string[] {
  const random = seededRandom(seed);
  return [0, 1].map(() => Buffer.from(Array.from({ length: 256 }, () => Math.floor(random() * 256))).toString('base64'));
}
