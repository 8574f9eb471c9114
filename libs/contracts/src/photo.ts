/** The ID-card photo standard: 358 × 441 pixels, 350 dpi, 24-bit colour, JPEG. */
export const PHOTO_WIDTH_PX = 358;
export const PHOTO_HEIGHT_PX = 441;

/** A big-endian 16-bit number: plain bytes, so the counter page runs the same check in the browser. */
function u16(bytes: Uint8Array, at: number): number {
  return (bytes[at] << 8) | bytes[at + 1];
}

/** Width and height from a JPEG's start-of-frame marker, or null when the bytes are not a JPEG. */
export function readJpegDimensions(jpeg: Uint8Array): { width: number; height: number } | null {
  if (jpeg.length < 4 || jpeg[0] !== 0xff || jpeg[1] !== 0xd8) return null;
  let at = 2;
  while (at + 4 <= jpeg.length) {
    if (jpeg[at] !== 0xff) return null;
    const marker = jpeg[at + 1];
    if (marker === 0xd8 || (marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) {
      at += 2;
      continue;
    }
    const length = u16(jpeg, at + 2);
    // SOF0..SOF15 except DHT (C4), JPG (C8) and DAC (CC) carry the frame size.
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      if (at + 9 > jpeg.length) return null;
      return { height: u16(jpeg, at + 5), width: u16(jpeg, at + 7) };
    }
    at += 2 + length;
  }
  return null;
}

/** The photo check at the counter: a JPEG of exactly 358 × 441 pixels; the reason when it is not. */
export function photoProblem(jpeg: Uint8Array): string | null {
  const size = readJpegDimensions(jpeg);
  if (!size) return 'the photo is not a JPEG';
  if (size.width !== PHOTO_WIDTH_PX || size.height !== PHOTO_HEIGHT_PX) {
    return `the photo is ${size.width} × ${size.height} pixels; the standard is ${PHOTO_WIDTH_PX} × ${PHOTO_HEIGHT_PX}`;
  }
  return null;
}
