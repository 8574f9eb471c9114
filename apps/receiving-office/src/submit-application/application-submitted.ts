import { createHash } from 'crypto';
import { ApplicationSubmitted, ProvinceCode, readJpegDimensions } from '@idcard/contracts';
import { SubmitApplicationDto } from './dto/submit-application.dto';

export interface Acceptance {
  receiptNumber: string;
  receivingProvince: ProvinceCode;
  homeProvince: ProvinceCode;
  acceptedAt: Date;
  dueAt: Date;
}

/**
 * The message to the home registry for an accepted form: the particulars as declared, the photo with its
 * measured size and SHA-256 (so the registry and the production centre know it arrived as taken), and the
 * defaults filled in (declaration signed at acceptance, not expedited, a postal address only for post).
 */
export function applicationSubmittedPayload(form: SubmitApplicationDto, acceptance: Acceptance): ApplicationSubmitted {
  const photo = Buffer.from(form.photo.jpegBase64, 'base64');
  const size = readJpegDimensions(photo);
  if (!size) throw new RangeError('the photo of an accepted form must be a JPEG');
  return {
    receiptNumber: acceptance.receiptNumber,
    kind: form.kind,
    citizen: { ...form.citizen },
    homeProvince: acceptance.homeProvince,
    receivingProvince: acceptance.receivingProvince,
    receivingOfficeCode: form.receivingOfficeCode,
    photo: { jpegBase64: form.photo.jpegBase64, sha256: createHash('sha256').update(photo).digest('hex'), widthPx: size.width, heightPx: size.height },
    fingerprints: { templates: [...form.fingerprints] },
    feePaidYuan: form.feePaidYuan,
    residenceDeclaration: {
      address: form.residenceDeclaration.address,
      declaredAt: form.residenceDeclaration.declaredAt ?? acceptance.acceptedAt.toISOString(),
    },
    delivery: form.delivery.method === 'post' ? { method: 'post', postalAddress: form.delivery.postalAddress } : { method: form.delivery.method },
    expedited: form.expedited ?? false,
    // Only when the clerk recorded the loss in this step: absent means false, as every registry reads it.
    ...(form.lossReportedAtCounter ? { lossReportedAtCounter: true } : {}),
    acceptedAt: acceptance.acceptedAt.toISOString(),
    dueAt: acceptance.dueAt.toISOString(),
  };
}
