import { topics } from '@idcard/contracts';
import { ServiceUnderTest } from '@idcard/testing';
import { receivingOfficeSettingsFrom, startReceivingOffice } from '../src';
import { applicationForm, citizensOf, officeOf, receivingOfficeActors } from './fixtures';

const R = '65';
const HOME = '44';

/** Issue 14, point 4: a counter device's request id makes a submission idempotent, even when it races itself. */
describe('POST /applications with an Idempotency-Key', () => {
  let office: ServiceUnderTest;
  const citizens = citizensOf(HOME, 6, 31);

  beforeAll(async () => {
    office = await ServiceUnderTest.start({
      service: 'receiving-office',
      province: R,
      watch: [topics.registryApplications(HOME)],
      start: (config) => startReceivingOffice({ ...config, ...receivingOfficeSettingsFrom({ DEADLINE_TICK_MS: '0' }) }),
      actorFor: receivingOfficeActors(officeOf(R)),
    });
  }, 60_000);
  afterAll(() => office?.stop(), 30_000);

  const post = (body: unknown, key?: string) => office.http('POST', '/applications', body, key === undefined ? {} : { 'idempotency-key': key });
  const applicationsOf = async (idNumber: string) => (await office.sql(`SELECT receipt_number FROM application WHERE id_number = $1`, [idNumber])).length;

  it('answers 8 concurrent submissions with one key with one receipt, and opens one application', async () => {
    const form = applicationForm(citizens[0], R);
    const answers = await Promise.all(Array.from({ length: 8 }, () => post(form, 'device-7f3a-0001')));
    expect(answers.map((a) => a.status).sort()).toEqual([200, 200, 200, 200, 200, 200, 200, 201]);
    const [first] = answers;
    for (const answer of answers) expect(answer.body).toEqual(first.body);
    expect(first.body).toMatchObject({ status: 'submitted', receiptNumber: expect.stringMatching(/^R65-/) });
    expect(await applicationsOf(citizens[0].idNumber)).toBe(1);
    const steps = await office.sql(`SELECT * FROM application_step WHERE receipt_number = $1`, [first.body.receiptNumber]);
    expect(steps).toHaveLength(1);
    const sent = await office.sql(`SELECT count(*)::int AS n FROM outbox_message WHERE message_key = $1`, [citizens[0].idNumber]);
    expect(sent[0].n).toBe(1);
  });

  it('answers the first receipt again later, with its fields in another order, even after the clock has moved', async () => {
    const form = applicationForm(citizens[1], R);
    const first = await post(form, 'device-7f3a-0002');
    expect(first.status).toBe(201);
    office.clock.advance(3 * 24 * 3600_000);
    const reordered = Object.fromEntries(Object.entries(form).reverse());
    const again = await post(reordered, 'device-7f3a-0002');
    expect(again).toEqual({ status: 200, body: first.body });
    expect(await applicationsOf(citizens[1].idNumber)).toBe(1);
  });

  it('refuses the same key with another form (422), and keeps the first application as it was', async () => {
    const first = await post(applicationForm(citizens[2], R), 'device-7f3a-0003');
    expect(first.status).toBe(201);
    const other = await post(applicationForm(citizens[3], R), 'device-7f3a-0003');
    expect(other.status).toBe(422);
    expect(other.body).toMatchObject({ statusCode: 422, code: 'IDEMPOTENCY_KEY_REUSED', errors: [{ field: 'Idempotency-Key' }] });
    expect(await applicationsOf(citizens[3].idNumber)).toBe(0);
    // The key is the office's: the first form still gets its receipt.
    expect(await post(applicationForm(citizens[2], R), 'device-7f3a-0003')).toEqual({ status: 200, body: first.body });
  });

  it('submits as before without a key, and refuses a malformed key with a 400 naming the header', async () => {
    const plain = await post(applicationForm(citizens[4], R));
    expect(plain.status).toBe(201);
    const bad = await post(applicationForm(citizens[5], R), 'x'.repeat(300));
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ code: 'INVALID_FIELDS', errors: [{ field: 'Idempotency-Key' }] });
    expect(await applicationsOf(citizens[5].idNumber)).toBe(0);
  });

  it('documents the header and the 200 and 422 answers in OpenAPI', async () => {
    const doc = (await office.http('GET', '/docs-json')).body;
    const operation = doc.paths['/applications'].post;
    expect(operation.parameters).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'Idempotency-Key', in: 'header', required: false })]));
    expect(Object.keys(operation.responses)).toEqual(expect.arrayContaining(['200', '201', '400', '422']));
  });
});
