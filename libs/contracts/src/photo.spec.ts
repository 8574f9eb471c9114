import { PHOTO_HEIGHT_PX, PHOTO_WIDTH_PX, photoProblem, readJpegDimensions } from './photo';

/** The smallest JPEG head that names a frame size: SOI, an empty APP0, then SOF0 with height and width. */
function jpegHead(width: number, height: number): Buffer {
  return Buffer.from([
    0xff,
    0xd8,
    0xff,
    0xe0,
    0x00,
    0x04,
    0x00,
    0x00,
    0xff,
    0xc0,
    0x00,
    0x0b,
    0x08,
    height >> 8,
    height & 0xff,
    width >> 8,
    width & 0xff,
    0x01,
    0x01,
    0x11,
    0x00,
  ]);
}

describe('the ID-card photo standard', () => {
  it('is 358 × 441 pixels', () => {
    expect([PHOTO_WIDTH_PX, PHOTO_HEIGHT_PX]).toEqual([358, 441]);
  });

  it('reads the frame size of a JPEG and refuses what is not one', () => {
    expect(readJpegDimensions(jpegHead(358, 441))).toEqual({ width: 358, height: 441 });
    expect(readJpegDimensions(Buffer.from('not a jpeg'))).toBeNull();
  });

  it('accepts a photo of the standard size and names the size of any other', () => {
    expect(photoProblem(jpegHead(358, 441))).toBeNull();
    expect(photoProblem(jpegHead(400, 500))).toBe('the photo is 400 × 500 pixels; the standard is 358 × 441');
    expect(photoProblem(Buffer.from('GIF89a'))).toBe('the photo is not a JPEG');
  });
});
