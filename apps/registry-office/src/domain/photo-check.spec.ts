import { photoFields, syntheticPhoto } from '@idcard/synthetic';
import { applicationPhotoProblem } from './photo-check';

describe('applicationPhotoProblem', () => {
  it('passes a standard photo whose checksum matches', () => {
    expect(applicationPhotoProblem(photoFields())).toBeNull();
  });

  it('names a wrong size', () => {
    expect(applicationPhotoProblem(photoFields(syntheticPhoto(300, 400)))).toBe('the photo is 300 × 400 pixels; the standard is 358 × 441');
  });

  it('refuses bytes that are not a JPEG', () => {
    expect(applicationPhotoProblem({ jpegBase64: Buffer.from('GIF89a').toString('base64'), sha256: '0'.repeat(64) })).toBe('the photo is not a JPEG');
  });

  it('refuses a photo that does not match its checksum', () => {
    expect(applicationPhotoProblem({ ...photoFields(), sha256: 'a'.repeat(64) })).toBe('the photo does not match its sha256 checksum');
  });
});
