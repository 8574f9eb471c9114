import { makeCitizenId } from '@idcard/contracts';
import { InvalidFields } from '@idcard/errors';
import { syntheticPhoto } from '@idcard/synthetic';
import { applicationForm, citizensOf } from '../../test/fixtures';
import { ApplicationFormPipe } from './application-form.pipe';

const pipe = new ApplicationFormPipe({ service: 'receiving-office', province: '65' });
const [citizen] = citizensOf('44', 1);

async function fieldErrors(body: unknown): Promise<{ field: string; reason: string }[]> {
  try {
    await pipe.transform(body);
  } catch (err) {
    expect(err).toBeInstanceOf(InvalidFields);
    expect(err).toMatchObject({ code: 'INVALID_FIELDS', kind: 'invalid' });
    return (err as InvalidFields).errors;
  }
  throw new Error('the form was accepted');
}

describe('the application form', () => {
  it('accepts a valid form, normalising a lower-case x', async () => {
    const withX = Array.from({ length: 200 }, (_, i) => makeCitizenId({ regionCode: '440106', birthDate: '1990-03-15', sequence: 2 * i + 2 })).find((id) =>
      id.endsWith('X'),
    )!;
    const form = await pipe.transform(applicationForm({ ...citizen, idNumber: withX.toLowerCase(), sex: 'female', birthDate: '1990-03-15' }, '65'));
    expect(form.citizen.idNumber).toBe(withX);
  });

  it('names every bad field at once, each with its reason', async () => {
    const badCheck = citizen.idNumber.slice(0, 17) + (citizen.idNumber[17] === '0' ? '1' : '0');
    const errors = await fieldErrors(
      applicationForm(citizen, '65', {
        citizen: { ...(applicationForm(citizen, '65').citizen as object), idNumber: badCheck },
        photo: { jpegBase64: syntheticPhoto(300, 400).toString('base64') },
        feePaidYuan: 25,
        delivery: { method: 'post' },
        receivingOfficeCode: '44010601',
      }),
    );
    expect(errors.map((e) => e.field).sort()).toEqual(['citizen.idNumber', 'delivery.postalAddress', 'feePaidYuan', 'photo.jpegBase64', 'receivingOfficeCode']);
    const reason = (field: string) => errors.find((e) => e.field === field)!.reason;
    expect(reason('citizen.idNumber')).toMatch(/check character should be/);
    expect(reason('photo.jpegBase64')).toMatch(/300 × 400 pixels; the standard is 358 × 441/);
    expect(reason('feePaidYuan')).toMatch(/must be 20 yuan/);
    expect(reason('delivery.postalAddress')).toMatch(/required when the card is delivered by post/);
    expect(reason('receivingOfficeCode')).toMatch(/province 44; this receiving office serves province 65/);
  });

  it('says which of sex and birth date disagrees with the ID number', async () => {
    const base = applicationForm(citizen, '65');
    const errors = await fieldErrors({
      ...base,
      citizen: { ...(base.citizen as object), sex: citizen.sex === 'male' ? 'female' : 'male', birthDate: '1949-10-01' },
    });
    expect(errors.map((e) => e.field).sort()).toEqual(['citizen.birthDate', 'citizen.sex']);
  });

  it('wants exactly two fingerprints, known fields only, and a JSON object', async () => {
    const errors = await fieldErrors({ ...applicationForm(citizen, '65'), fingerprints: ['AAAA'], nickname: 'x' });
    expect(errors.map((e) => e.field).sort()).toEqual(['fingerprints', 'nickname']);
    expect(await fieldErrors([])).toEqual([{ field: 'body', reason: 'body: must be a JSON object' }]);
  });

  it('reports missing parts by name', async () => {
    const errors = await fieldErrors({ kind: 'first' });
    expect(errors.map((e) => e.field)).toEqual(
      expect.arrayContaining(['citizen', 'receivingOfficeCode', 'photo', 'fingerprints', 'feePaidYuan', 'residenceDeclaration', 'delivery']),
    );
  });
});
