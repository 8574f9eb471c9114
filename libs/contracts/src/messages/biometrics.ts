import { ArrayMaxSize, ArrayMinSize, IsArray, IsInt, Max, MaxLength, Min } from 'class-validator';
import { IsBase64Bytes, IsJpegBase64, IsSha256Of } from '../validators';

/**
 * The ID-card photo, taken at a registered studio and checked at the counter. The JPEG travels with the
 * application because the registry compares it with the register and the production centre prints it;
 * the SHA-256 proves it arrived as taken. The size is declared, not enforced: a bad photo is a PHOTO_REJECTED
 * decision, not an unreadable message.
 */
export class Photo {
  @IsJpegBase64()
  @MaxLength(1_000_000)
  jpegBase64: string;

  @IsSha256Of('jpegBase64')
  sha256: string;

  @IsInt()
  @Min(1)
  @Max(10000)
  widthPx: number;

  @IsInt()
  @Min(1)
  @Max(10000)
  heightPx: number;
}

/** The two fingerprints taken at the counter, as opaque templates from the capture device, base64. */
export class Fingerprints {
  @IsArray()
  @ArrayMinSize(2)
  @ArrayMaxSize(2)
  @IsBase64Bytes({ each: true })
  @MaxLength(100_000, { each: true })
  templates: string[];
}
