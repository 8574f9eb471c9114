import { ApplicationSubmitted, assertValidMessage, MessageType, newEnvelope } from '@idcard/contracts';
import { photoFields } from '@idcard/synthetic';
import { plainToInstance } from 'class-transformer';
import { applicationForm, citizensOf } from '../../test/fixtures';
import { applicationSubmittedPayload } from './application-submitted';
import { SubmitApplicationDto } from './dto/submit-application.dto';

const [citizen] = citizensOf('44', 1);
const acceptance = {
  receiptNumber: 'R65-20261101-000001',
  receivingProvince: '65' as const,
  homeProvince: '44' as const,
  acceptedAt: new Date('2026-11-01T02:00:00.000Z'),
  dueAt: new Date('2026-12-31T16:00:00.000Z'),
};
const formOf = (overrides: Record<string, unknown> = {}) => plainToInstance(SubmitApplicationDto, applicationForm(citizen, '65', overrides));

describe('the ApplicationSubmitted sent for an accepted form', () => {
  it('carries the form, the acceptance, and the photo measured and hashed', () => {
    const payload = applicationSubmittedPayload(formOf(), acceptance);
    const photo = photoFields();
    expect(payload).toMatchObject({
      receiptNumber: 'R65-20261101-000001',
      kind: 'renewal',
      citizen: { idNumber: citizen.idNumber, name: citizen.name, sex: citizen.sex, birthDate: citizen.birthDate, ethnicGroup: citizen.ethnicGroup },
      homeProvince: '44',
      receivingProvince: '65',
      receivingOfficeCode: '65010201',
      photo: { jpegBase64: photo.jpegBase64, sha256: photo.sha256, widthPx: 358, heightPx: 441 },
      feePaidYuan: 20,
      residenceDeclaration: { declaredAt: '2026-11-01T08:00:00+08:00' },
      delivery: { method: 'counter' },
      expedited: false,
      acceptedAt: '2026-11-01T02:00:00.000Z',
      dueAt: '2026-12-31T16:00:00.000Z',
    });
    expect(payload.fingerprints.templates).toHaveLength(2);
  });

  it('is a message the home registry will accept', () => {
    const payload = applicationSubmittedPayload(formOf({ delivery: { method: 'post', postalAddress: '乌鲁木齐市某路 1 号' } }), acceptance);
    const envelope = newEnvelope(MessageType.ApplicationSubmitted, payload, {
      source: { province: '65', service: 'receiving-office' },
      correlationId: acceptance.receiptNumber,
      now: acceptance.acceptedAt,
    });
    expect(() => assertValidMessage(envelope)).not.toThrow();
    expect(plainToInstance(ApplicationSubmitted, payload).delivery.postalAddress).toBe('乌鲁木齐市某路 1 号');
  });

  it('fills in the defaults: declaration signed at acceptance, not expedited, no postal address unless posted', () => {
    const form = formOf({ residenceDeclaration: { address: '乌鲁木齐市某路 1 号' }, delivery: { method: 'kiosk', postalAddress: '用不上的地址' } });
    delete (form as { expedited?: boolean }).expedited;
    const payload = applicationSubmittedPayload(form, acceptance);
    expect(payload.residenceDeclaration.declaredAt).toBe('2026-11-01T02:00:00.000Z');
    expect(payload.expedited).toBe(false);
    expect(payload.delivery).toEqual({ method: 'kiosk' });
  });
});
