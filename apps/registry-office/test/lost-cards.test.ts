import { randomUUID } from 'node:crypto';
import { cardExpiryFor, cstDate, deadLetterTopic, holderDigest, makeCitizenId, MessageType, newEnvelope, ServiceName, topics } from '@idcard/contracts';
import type { SyntheticCitizen } from '@idcard/synthetic';
import { RecordedMessage, ServiceUnderTest, waitFor } from '@idcard/testing';
import {
  applicationFor,
  cardProduced,
  decisionOn,
  HOME,
  REMOTE,
  startRegistry,
  submit,
  TEST_CITIZEN_CODE_LIMIT,
  TEST_VERIFICATION_LIMIT,
  unusedCitizen,
  VERIFIER,
} from './fixtures';
import { CitizenTokens } from '../src/citizen-channel/citizen-tokens';

/** Issue 12, the registry side: loss reports, verification, found cards, temporary cards, the citizen channel. */
let h: ServiceUnderTest;
const OFFICE = '11010501'; // a Beijing counter
const RECEIVING = { province: REMOTE, service: 'receiving-office' as ServiceName };

beforeAll(async () => {
  h = await startRegistry();
}, 60000);

afterAll(async () => {
  await h?.stop();
});

const sql = <T = any>(text: string, params: unknown[] = []): Promise<T[]> => h.sql<T>(text, params);

/** Puts a request on the registry's requests topic as a Beijing receiving office would. */
async function request(type: string, payload: object, key: string, correlationId: string, from = RECEIVING): Promise<void> {
  const envelope = newEnvelope(type, payload, { source: from, correlationId, now: h.clock.now() });
  await h.send(topics.registryRequests(HOME), key, envelope);
}

/** The registry's answer to a request (by its id) on the Beijing replies topic. */
function replyTo(id: string): Promise<RecordedMessage> {
  return waitFor(`the answer to ${id}`, () => h.log.on(topics.receivingReplies(REMOTE), { correlationId: id })[0]);
}

function lossReport(c: SyntheticCitizen, over: object = {}) {
  return {
    reportId: randomUUID(),
    idNumber: c.idNumber,
    homeProvince: HOME,
    receivingOfficeCode: OFFICE,
    reportedBy: 'clerk:11010501:5f0c2e9a1b7d',
    reportedAt: h.clock.now().toISOString(),
    ...over,
  };
}

async function validCardOf(c: SyntheticCitizen): Promise<string> {
  const cards = (await h.http('GET', `/register/citizens/${c.idNumber}/cards`)).body.cards as { cardSerial: string; status: string }[];
  return cards.find((card) => card.status === 'valid')!.cardSerial;
}

const verify = (cardSerial: string, idNumber: string, name: string, as = VERIFIER) => h.http('POST', '/verifications', { cardSerial, idNumber, name }, { as });

/** Waits until this province's verification table answers `expected` for the card (each poll as a client of its own: the rate limit is per client). */
function verifiedAs(cardSerial: string, c: { idNumber: string; name: string }, expected: object): Promise<unknown> {
  return waitFor(`card ${cardSerial} to verify as ${JSON.stringify(expected)}`, async () => {
    const answer = await verify(cardSerial, c.idNumber, c.name, { ...VERIFIER, subject: `${VERIFIER.subject}-${randomUUID()}` });
    return answer.status === 200 && JSON.stringify(answer.body) === JSON.stringify(expected) ? answer.body : null;
  });
}

describe('cards announced to every province', () => {
  it('broadcasts each seeded card as CardIssued keyed by serial, with a holder digest and no name or ID number', async () => {
    const c = unusedCitizen(h);
    const serial = await validCardOf(c);
    const issued = await waitFor('the seeded card announced', () => h.log.on(topics.cardIssuances()).find((m) => m.key === serial));
    expect(issued.envelope).toMatchObject({
      type: MessageType.CardIssued,
      payload: { cardSerial: serial, homeProvince: HOME, kind: 'resident', holderDigest: holderDigest(serial, c.idNumber, c.name) },
    });
    expect(issued.raw).not.toContain(c.idNumber);
    expect(issued.raw).not.toContain(c.name);
    await verifiedAs(serial, c, { result: 'valid' });
    const [row] = await sql(`SELECT * FROM verification_card WHERE card_serial = $1`, [serial]);
    expect(JSON.stringify(row)).not.toContain(c.idNumber);
  });
});

describe('loss report from a receiving office (Kafka)', () => {
  it('marks the current card lost at once, tells every province, answers the office — and every province answers lost within 2 s', async () => {
    // Timed once the seed's announcements are all applied: the figure is the loss's own path, not a backlog's.
    await waitFor(
      'every seeded card in the verification table',
      async () => (await sql(`SELECT (SELECT count(*) FROM card) = (SELECT count(*) FROM verification_card WHERE holder_digest IS NOT NULL) AS done`))[0].done,
      60_000,
    );
    const c = unusedCitizen(h);
    const serial = await validCardOf(c);
    await verifiedAs(serial, c, { result: 'valid' });
    const report = lossReport(c);
    const sentAt = Date.now();
    await request(MessageType.LossReported, report, c.idNumber, report.reportId);

    const answer = await replyTo(report.reportId);
    expect(answer.key).toBe(report.reportId);
    expect(answer.envelope).toMatchObject({
      type: MessageType.LossReportAnswered,
      source: { province: HOME, service: 'registry-office' },
      payload: { reportId: report.reportId, receivingOfficeCode: OFFICE, outcome: 'accepted', cardSerial: serial },
    });
    await verifiedAs(serial, c, { result: 'invalid', reason: 'lost' });
    expect(Date.now() - sentAt).toBeLessThan(2000);

    const invalidation = h.log.on(topics.cardInvalidations()).find((m) => m.key === serial)!;
    expect(invalidation.envelope).toMatchObject({ type: MessageType.CardInvalidated, payload: { cardSerial: serial, reason: 'lost' } });
    const cards = (await h.http('GET', `/register/citizens/${c.idNumber}/cards`)).body.cards;
    expect(cards[0]).toMatchObject({ cardSerial: serial, status: 'invalidated', invalidationReason: 'lost' });
    const [recorded] = await sql(`SELECT channel, reported_by, receiving_office_code, outcome FROM loss_report WHERE report_id = $1`, [report.reportId]);
    expect(recorded).toEqual({ channel: 'counter', reported_by: report.reportedBy, receiving_office_code: OFFICE, outcome: 'accepted' });
  });

  it('refuses, with a clear reason, a citizen not in the register, a card that is not the current one, and a card already lost', async () => {
    const stranger = makeCitizenId({ regionCode: '440106', birthDate: '1931-01-01', sequence: 999 });
    const notOurs = lossReport({ idNumber: stranger } as SyntheticCitizen);
    await request(MessageType.LossReported, notOurs, stranger, notOurs.reportId);
    expect((await replyTo(notOurs.reportId)).envelope!.payload).toMatchObject({ outcome: 'refused', refusal: 'not-in-register' });

    const c = unusedCitizen(h);
    const serial = await validCardOf(c);
    const otherCard = lossReport(c, { cardSerial: 'RG0000000000000000' });
    await request(MessageType.LossReported, otherCard, c.idNumber, otherCard.reportId);
    expect((await replyTo(otherCard.reportId)).envelope!.payload).toMatchObject({ outcome: 'refused', refusal: 'not-current-card' });
    await verifiedAs(serial, c, { result: 'valid' }); // nothing changed

    const first = lossReport(c);
    await request(MessageType.LossReported, first, c.idNumber, first.reportId);
    expect((await replyTo(first.reportId)).envelope!.payload).toMatchObject({ outcome: 'accepted', cardSerial: serial });
    const again = lossReport(c);
    await request(MessageType.LossReported, again, c.idNumber, again.reportId);
    expect((await replyTo(again.reportId)).envelope!.payload).toEqual(
      expect.objectContaining({ outcome: 'refused', refusal: 'already-lost', cardSerial: serial }),
    );
    // The same report sent twice (a new message id, the same report id) is answered the same and recorded once.
    await request(MessageType.LossReported, first, c.idNumber, first.reportId);
    await waitFor('the second answer to the same report', () => h.log.on(topics.receivingReplies(REMOTE), { correlationId: first.reportId }).length === 2);
    expect(h.log.on(topics.receivingReplies(REMOTE), { correlationId: first.reportId })[1].envelope!.payload).toMatchObject({
      outcome: 'accepted',
      cardSerial: serial,
    });
    expect(await sql(`SELECT count(*)::int AS n FROM loss_report WHERE report_id = $1`, [first.reportId])).toEqual([{ n: 1 }]);
  });

  it("dead-letters a report addressed to another province's registry, or sent by a registry", async () => {
    const c = unusedCitizen(h);
    const misrouted = lossReport(c, { homeProvince: '65' });
    await request(MessageType.LossReported, misrouted, c.idNumber, misrouted.reportId);
    const forged = lossReport(c);
    await request(MessageType.LossReported, forged, c.idNumber, forged.reportId, { province: '65', service: 'registry-office' });
    const dlq = deadLetterTopic(topics.registryRequests(HOME));
    const parked = await waitFor('both on the dead-letter topic', () => {
      const found = [misrouted.reportId, forged.reportId].map((id) => h.log.on(dlq, { correlationId: id })[0]);
      return found.every(Boolean) ? found : null;
    });
    // Both refused by the access rights before any handler: a report goes only to the home registry it names, from a receiving office.
    expect(parked[0].headers['x-dead-letter-reason']).toMatch(/^not-allowed: receiving-office 11 may not send LossReported/);
    expect(parked[1].headers['x-dead-letter-reason']).toMatch(/^not-allowed: registry-office 65 may not send LossReported/);
    await verifiedAs(await validCardOf(c), c, { result: 'valid' });
  });
});

describe('a lost application (补领)', () => {
  it('is rejected while the current card has no loss on record, and signed off once the loss is reported', async () => {
    const c = unusedCitizen(h);
    const serial = await validCardOf(c);
    const early = applicationFor(h, c, { kind: 'lost', feePaidYuan: 40 });
    await submit(h, early);
    expect((await decisionOn(h, early.receiptNumber)).envelope).toMatchObject({
      type: MessageType.ApplicationRejected,
      payload: { reasonCode: 'LOSS_NOT_ON_RECORD' },
    });
    const report = lossReport(c);
    await request(MessageType.LossReported, report, c.idNumber, report.reportId);
    await replyTo(report.reportId);
    const later = applicationFor(h, c, { kind: 'lost', feePaidYuan: 40 });
    await submit(h, later);
    expect((await decisionOn(h, later.receiptNumber)).envelope!.type).toBe(MessageType.ApplicationSignedOff);
    await verifiedAs(serial, c, { result: 'invalid', reason: 'lost' });
  });

  it('with the loss recorded at the counter in the same step: the registry marks the card lost as it signs off', async () => {
    const c = unusedCitizen(h);
    const serial = await validCardOf(c);
    const app = applicationFor(h, c, { kind: 'lost', feePaidYuan: 40, lossReportedAtCounter: true });
    await submit(h, app);
    expect((await decisionOn(h, app.receiptNumber)).envelope!.type).toBe(MessageType.ApplicationSignedOff);
    await verifiedAs(serial, c, { result: 'invalid', reason: 'lost' });
    const [recorded] = await sql(`SELECT channel, receiving_office_code FROM loss_report WHERE card_serial = $1`, [serial]);
    expect(recorded).toEqual({ channel: 'application', receiving_office_code: app.receivingOfficeCode });
  });
});

describe('POST /verifications', () => {
  it('answers replaced for a card a new one replaced, and valid for the new one', async () => {
    const c = unusedCitizen(h);
    const old = await validCardOf(c);
    const app = applicationFor(h, c);
    await submit(h, app);
    await decisionOn(h, app.receiptNumber);
    const issueDate = cstDate(h.clock.now());
    const fresh = `P11${issueDate.replace(/-/g, '')}${String(Date.now() % 1e7).padStart(7, '0')}`;
    await cardProduced(h, {
      receiptNumber: app.receiptNumber,
      cardSerial: fresh,
      idNumber: c.idNumber,
      issueDate,
      expiresOn: cardExpiryFor(c.birthDate, issueDate),
      producedBy: REMOTE,
      producedAt: h.clock.now().toISOString(),
    });
    await verifiedAs(old, c, { result: 'invalid', reason: 'replaced' });
    await verifiedAs(fresh, c, { result: 'valid' });
  });

  it('answers unknown for a card no province announced, and mismatch — revealing nothing — for a card presented with another holder', async () => {
    const c = unusedCitizen(h);
    const serial = await validCardOf(c);
    await verifiedAs(serial, c, { result: 'valid' });
    expect(await verify('ZZ0000000000000001', c.idNumber, c.name)).toEqual({ status: 200, body: { result: 'invalid', reason: 'unknown' } });
    expect(await verify(serial, c.idNumber, '某某某')).toEqual({ status: 200, body: { result: 'invalid', reason: 'mismatch' } });
    const other = unusedCitizen(h);
    expect(await verify(serial, other.idNumber, other.name)).toEqual({ status: 200, body: { result: 'invalid', reason: 'mismatch' } });
  });

  it('applies the broadcasts in any order: an invalidation read before its issuance is not undone by it', async () => {
    const serial = 'P6520261201' + String(Date.now() % 1e7).padStart(7, '0');
    const holder = { idNumber: makeCitizenId({ regionCode: '650102', birthDate: '1980-02-02', sequence: 21 }), name: '阿依古丽·艾力' };
    const registry65 = { province: '65', service: 'registry-office' as ServiceName };
    const at = h.clock.now().toISOString();
    const invalidated = newEnvelope(
      MessageType.CardInvalidated,
      { cardSerial: serial, idNumber: holder.idNumber, reason: 'lost', invalidatedAt: at },
      { source: registry65, correlationId: serial, now: h.clock.now() },
    );
    await h.send(topics.cardInvalidations(), serial, invalidated);
    await verifiedAs(serial, holder, { result: 'invalid', reason: 'lost' });
    const payload = {
      cardSerial: serial,
      holderDigest: holderDigest(serial, holder.idNumber, holder.name),
      homeProvince: '65',
      kind: 'resident',
      validUntil: null,
      issuedAt: at,
    };
    await h.send(
      topics.cardIssuances(),
      serial,
      newEnvelope(MessageType.CardIssued, payload, { source: registry65, correlationId: serial, now: h.clock.now() }),
    );
    await waitFor(
      'the issuance applied',
      async () => (await sql(`SELECT holder_digest FROM verification_card WHERE card_serial = $1`, [serial]))[0]?.holder_digest,
    );
    expect((await verify(serial, holder.idNumber, holder.name)).body).toEqual({ result: 'invalid', reason: 'lost' });
    expect((await verify(serial, holder.idNumber, '别人')).body).toEqual({ result: 'invalid', reason: 'mismatch' });

    // Xinjiang's card checked here: each answer told to its home registry (65), who checked and what was answered, no holder.
    const told = await waitFor('both checks told to the registry of 65', () => {
      const sent = h.log.on(topics.registryVerifications('65')).filter((m) => m.key === serial);
      return sent.length === 2 ? sent : null;
    });
    expect(told.map((m) => m.envelope!.payload)).toEqual([
      expect.objectContaining({ cardSerial: serial, homeProvince: '65', checkedIn: HOME, verifierName: VERIFIER.name, result: 'invalid', reason: 'lost' }),
      expect.objectContaining({ cardSerial: serial, homeProvince: '65', checkedIn: HOME, verifierName: VERIFIER.name, result: 'invalid', reason: 'mismatch' }),
    ]);
    for (const m of told) {
      expect(m.envelope!.type).toBe(MessageType.CardVerified);
      expect(JSON.stringify(m.envelope)).not.toMatch(new RegExp(`${holder.idNumber}|${holder.name}|别人`));
    }
  });

  it("records the checks of its own cards told by other provinces' registries once each, for the holder, and parks one of a card it never issued", async () => {
    const c = unusedCitizen(h);
    const serial = await validCardOf(c);
    const registry11 = { province: REMOTE, service: 'registry-office' as ServiceName };
    const check = {
      checkId: randomUUID(),
      cardSerial: serial,
      homeProvince: HOME,
      checkedIn: REMOTE,
      verifierName: '北京某酒店',
      verifierSubject: 'verifier-hotel-bj-0042',
      result: 'invalid',
      reason: 'mismatch',
      checkedAt: new Date(h.clock.now().getTime() - 60_000).toISOString(),
    };
    // Told twice (a resend after a crash is another message with the same check): one row.
    for (let i = 0; i < 2; i++)
      await h.sendMessage(topics.registryVerifications(HOME), serial, MessageType.CardVerified, check, { from: registry11, correlationId: serial });
    const strange = { ...check, checkId: randomUUID(), cardSerial: 'P44200001010009999' };
    await h.sendMessage(topics.registryVerifications(HOME), strange.cardSerial, MessageType.CardVerified, strange, {
      from: registry11,
      correlationId: strange.cardSerial,
    });
    const parked = await waitFor('the check of a card never issued here parked', () =>
      h.log.on(deadLetterTopic(topics.registryVerifications(HOME))).find((m) => m.key === strange.cardSerial),
    );
    expect(parked.headers['x-dead-letter-reason']).toMatch(/card P44200001010009999 is no card of the register of province 44/);
    const rows = await sql(`SELECT checked_in, client_name, result, reason FROM verification_check_elsewhere WHERE card_serial = $1`, [serial]);
    expect(rows).toEqual([{ checked_in: REMOTE, client_name: '北京某酒店', result: 'invalid', reason: 'mismatch' }]);
    await expect(sql(`DELETE FROM verification_check_elsewhere`)).rejects.toThrow(/append-only/);

    // The holder's tracker lists it beside the checks answered here, newest first.
    await verifiedAs(serial, c, { result: 'valid' });
    const { token } = await h.service.app.get(CitizenTokens).issue(c.idNumber);
    const tracker = await h.http('GET', '/citizens/me/verifications', undefined, { headers: { authorization: `Bearer ${token}` } });
    expect(tracker.status).toBe(200);
    expect(tracker.body).toContainEqual({
      checkedAt: check.checkedAt,
      cardSerial: serial,
      client: '北京某酒店',
      province: REMOTE,
      result: 'invalid',
      reason: 'mismatch',
    });
    expect(tracker.body[0]).toMatchObject({ province: HOME, client: VERIFIER.name, result: 'valid' });
  });

  it('is for verifiers only, names every bad field, and records each check (client, card, when, answer) and nothing presented', async () => {
    const c = unusedCitizen(h);
    const serial = await validCardOf(c);
    expect((await verify(serial, c.idNumber, c.name, { role: 'clerk', province: REMOTE, office: OFFICE, name: '柜员' })).status).toBe(403);
    expect((await h.http('POST', '/verifications', { cardSerial: serial, idNumber: c.idNumber, name: c.name }, { as: null })).status).toBe(401);
    const bad = await verify('x', '440106199001011230', '');
    expect(bad.status).toBe(400);
    expect([...new Set(bad.body.errors.map((e: { field: string }) => e.field))].sort()).toEqual(['cardSerial', 'idNumber', 'name']);

    const hotel = { role: 'verifier' as const, name: '如家酒店前台', subject: 'verifier-hotel-7788' };
    await verifiedAs(serial, c, { result: 'valid' });
    await verify(serial, c.idNumber, c.name, hotel);
    const checks = await sql(`SELECT * FROM verification_check WHERE client_subject = $1`, [hotel.subject]);
    expect(checks).toEqual([
      expect.objectContaining({ client_name: hotel.name, card_serial: serial, result: 'valid', reason: null, checked_at: expect.any(Date) }),
    ]);
    expect(JSON.stringify(checks)).not.toContain(c.idNumber);
    expect(JSON.stringify(checks)).not.toContain(c.name);
    await expect(sql(`DELETE FROM verification_check`)).rejects.toThrow(/append-only/);
    const audited = await sql(`SELECT role, action, outcome FROM audit_event WHERE subject = $1`, [hotel.subject]);
    expect(audited).toEqual([{ role: 'verifier', action: 'POST /verifications', outcome: 200 }]);
  });

  it('limits each verifier client to VERIFICATION_RATE_LIMIT_PER_MINUTE, client by client', async () => {
    const c = unusedCitizen(h);
    const serial = await validCardOf(c);
    const busy = { role: 'verifier' as const, name: '移动营业厅', subject: `verifier-telecom-${randomUUID()}` };
    const answers = await Promise.all(Array.from({ length: TEST_VERIFICATION_LIMIT + 1 }, () => verify(serial, c.idNumber, c.name, busy)));
    expect(answers.filter((a) => a.status === 200)).toHaveLength(TEST_VERIFICATION_LIMIT);
    const refused = answers.find((a) => a.status === 429)!;
    expect(refused.body).toMatchObject({ code: 'TOO_MANY_REQUESTS', errors: [{ field: 'request' }] });
    expect((await verify(serial, c.idNumber, c.name, { ...busy, subject: `verifier-telecom-${randomUUID()}` })).status).toBe(200);
  });
});

/** The SMS the registry sent about a reference, as the table sender left it: sealed at rest, opened with the service's key. */
async function smsAbout(purpose: string, phoneNumber: string): Promise<{ text: string; reference: string }[]> {
  const rows = await sql(`SELECT reference, text, sent_at FROM sms_notification WHERE purpose = $1 AND phone_number = $2 ORDER BY id`, [purpose, phoneNumber]);
  return rows.filter((r) => r.sent_at).map((r) => ({ reference: r.reference, text: h.issuer.biometrics.open(r.text) }));
}

describe('the citizen channel', () => {
  it('signs a citizen in with a one-time code sent by SMS, shows who checked their card, and takes their loss report', async () => {
    const c = unusedCitizen(h);
    const serial = await validCardOf(c);
    await verifiedAs(serial, c, { result: 'valid' }); // a check by the bank, for the citizen to see

    const stranger = makeCitizenId({ regionCode: '440106', birthDate: '1931-01-01', sequence: 997 });
    const forStranger = await h.http('POST', '/citizens/one-time-codes', { idNumber: stranger }, { as: null });
    const forCitizen = await h.http('POST', '/citizens/one-time-codes', { idNumber: c.idNumber }, { as: null });
    expect(forCitizen).toEqual(forStranger);
    expect(forCitizen.status).toBe(202);

    const [sms] = await waitFor('the code SMS sent', async () => {
      const sent = await smsAbout('one_time_code', c.phoneNumber);
      return sent.length ? sent : null;
    });
    const code = /\b(\d{6})\b/.exec(sms.text)![1];
    expect(sms.text).not.toContain(c.name);
    const [stored] = await sql(
      `SELECT code_hash, s.text FROM citizen_one_time_code JOIN sms_notification s ON s.reference = code_id::text WHERE id_number = $1`,
      [c.idNumber],
    );
    expect(`${stored.code_hash} ${stored.text}`).not.toContain(code); // hashed, and the SMS sealed, at rest

    const wrong = await h.http('POST', '/citizens/sessions', { idNumber: c.idNumber, code: code === '000000' ? '111111' : '000000' }, { as: null });
    expect(wrong).toMatchObject({ status: 401, body: { code: 'UNAUTHENTICATED' } });
    expect((await h.http('POST', '/citizens/sessions', { idNumber: c.idNumber, code: 'abc' }, { as: null })).body.errors).toEqual([
      expect.objectContaining({ field: 'code' }),
    ]);
    const session = await h.http('POST', '/citizens/sessions', { idNumber: c.idNumber, code }, { as: null });
    expect(session.status).toBe(201);
    expect((await h.http('POST', '/citizens/sessions', { idNumber: c.idNumber, code }, { as: null })).status).toBe(401); // used
    const asCitizen = { headers: { authorization: `Bearer ${session.body.token}` } };

    const checks = await h.http('GET', '/citizens/me/verifications', undefined, asCitizen);
    expect(checks.status).toBe(200);
    expect(checks.body[0]).toEqual({ checkedAt: expect.any(String), cardSerial: serial, client: VERIFIER.name, province: '44', result: 'valid', reason: null });

    // The citizen's token is good for the citizen's routes only; an identity-provider token is no citizen session.
    expect((await h.http('GET', `/register/citizens/${c.idNumber}/cards`, undefined, asCitizen)).status).toBe(401);
    expect((await h.http('GET', '/citizens/me/verifications', undefined, { as: VERIFIER })).status).toBe(401);

    const reported = await h.http('POST', '/citizens/me/loss-reports', {}, asCitizen);
    expect(reported).toMatchObject({ status: 201, body: { cardSerial: serial } });
    await verifiedAs(serial, c, { result: 'invalid', reason: 'lost' });
    expect(await h.http('POST', '/citizens/me/loss-reports', {}, asCitizen)).toMatchObject({
      status: 409,
      body: { code: 'LOSS_REPORT_REFUSED', refusal: 'already-lost' },
    });
    const [recorded] = await sql(`SELECT channel, reported_by FROM loss_report WHERE report_id = $1`, [reported.body.reportId]);
    expect(recorded.channel).toBe('online');
    expect(recorded.reported_by).toMatch(/^citizen:44:[0-9a-f]{16}$/);
    const audited = await sql(`SELECT role, action FROM audit_event WHERE subject = $1 ORDER BY id`, [recorded.reported_by]);
    expect(audited).toEqual(
      expect.arrayContaining([
        { role: 'citizen', action: 'GET /citizens/me/verifications' },
        { role: 'citizen', action: 'POST /citizens/me/loss-reports' },
      ]),
    );
  });
});

describe('lost and found (丢失招领)', () => {
  function found(c: { idNumber: string }, cardSerial: string) {
    return {
      foundCardId: randomUUID(),
      cardSerial,
      idNumber: c.idNumber,
      homeProvince: HOME,
      receivingOfficeCode: OFFICE,
      foundAt: h.clock.now().toISOString(),
    };
  }

  it('returns a valid card: the office is told to keep it for the holder, and the holder gets an SMS naming the office', async () => {
    const c = unusedCitizen(h);
    const report = found(c, await validCardOf(c));
    await request(MessageType.FoundCardReported, report, c.idNumber, report.foundCardId);
    expect((await replyTo(report.foundCardId)).envelope).toMatchObject({
      type: MessageType.FoundCardAnswered,
      payload: { foundCardId: report.foundCardId, receivingOfficeCode: OFFICE, instruction: 'return' },
    });
    const [sms] = await waitFor('the SMS to the holder', async () => {
      const sent = await smsAbout('found_card', c.phoneNumber);
      return sent.length ? sent : null;
    });
    expect(sms.reference).toBe(report.foundCardId);
    expect(sms.text).toContain(OFFICE);
    expect(sms.text).not.toContain(c.name);
    expect(sms.text).not.toContain(c.idNumber);
  });

  it('has a card reported lost, an unknown card or a card of another holder destroyed, saying why', async () => {
    const c = unusedCitizen(h);
    const serial = await validCardOf(c);
    const loss = lossReport(c);
    await request(MessageType.LossReported, loss, c.idNumber, loss.reportId);
    await replyTo(loss.reportId);
    const other = unusedCitizen(h);
    for (const [report, reason] of [
      [found(c, serial), 'lost'],
      [found(c, 'ZZ0000000000000002'), 'unknown'],
      [found(other, serial), 'mismatch'],
    ] as const) {
      await request(MessageType.FoundCardReported, report, report.idNumber, report.foundCardId);
      expect((await replyTo(report.foundCardId)).envelope!.payload).toMatchObject({ instruction: 'destroy', reason });
    }
    expect(await smsAbout('found_card', c.phoneNumber)).toEqual([]);
  });
});

describe('temporary ID cards (临时身份证)', () => {
  function temporaryRequest(c: { idNumber: string; name: string }, over: object = {}) {
    const now = h.clock.now();
    return {
      requestId: randomUUID(),
      idNumber: c.idNumber,
      name: c.name,
      homeProvince: HOME,
      receivingOfficeCode: OFFICE,
      requestedAt: now.toISOString(),
      answerBy: new Date(now.getTime() + 10_000).toISOString(),
      ...over,
    };
  }

  let issued: { serial: string; holder: SyntheticCitizen; validUntil: string };

  it('issues one within seconds for three months, recorded and announced; it verifies as valid', async () => {
    const c = unusedCitizen(h);
    const ask = temporaryRequest(c);
    await request(MessageType.TemporaryCardRequested, ask, c.idNumber, ask.requestId);
    const answer = (await replyTo(ask.requestId)).envelope!.payload;
    expect(answer).toMatchObject({
      requestId: ask.requestId,
      receivingOfficeCode: OFFICE,
      outcome: 'issued',
      temporarySerial: expect.stringMatching(/^T44\d{15}$/),
    });
    const today = cstDate(h.clock.now());
    const [y, m, d] = today.split('-').map(Number);
    expect(answer.validUntil > today).toBe(true);
    expect(new Date(answer.validUntil).getTime() - Date.UTC(y, m - 1, d)).toBeGreaterThanOrEqual(89 * 86_400_000);
    const announced = await waitFor('the temporary card announced', () => h.log.on(topics.cardIssuances()).find((msg) => msg.key === answer.temporarySerial));
    expect(announced.envelope!.payload).toMatchObject({ kind: 'temporary', validUntil: answer.validUntil, homeProvince: HOME });
    await verifiedAs(answer.temporarySerial, c, { result: 'valid' });
    expect(await sql(`SELECT id_number, status FROM temporary_card WHERE temporary_serial = $1`, [answer.temporarySerial])).toEqual([
      { id_number: c.idNumber, status: 'valid' },
    ]);
    issued = { serial: answer.temporarySerial, holder: c, validUntil: answer.validUntil };
  });

  it('refuses a citizen not in the register, another name, and a request read after its answerBy — never issuing then', async () => {
    const c = unusedCitizen(h);
    const stranger = { idNumber: makeCitizenId({ regionCode: '440106', birthDate: '1931-01-01', sequence: 995 }), name: '路人' };
    const late = temporaryRequest(c, { answerBy: new Date(h.clock.now().getTime() - 1000).toISOString() });
    for (const [ask, refusal] of [
      [temporaryRequest(stranger), 'not-in-register'],
      [temporaryRequest({ ...c, name: '某某某' }), 'mismatch'],
      [late, 'too-late'],
    ] as const) {
      await request(MessageType.TemporaryCardRequested, ask, ask.idNumber, ask.requestId);
      const answer = (await replyTo(ask.requestId)).envelope!.payload;
      expect(answer).toEqual(expect.objectContaining({ outcome: 'refused', refusal }));
      expect(answer.temporarySerial).toBeUndefined();
    }
    expect(await sql(`SELECT count(*)::int AS n FROM temporary_card WHERE id_number = $1`, [c.idNumber])).toEqual([{ n: 0 }]);
  });

  it('voids a card the office gave up waiting for: invalid everywhere, answered as unknown', async () => {
    const c = unusedCitizen(h);
    const ask = temporaryRequest(c);
    await request(MessageType.TemporaryCardRequested, ask, c.idNumber, ask.requestId);
    const { temporarySerial } = (await replyTo(ask.requestId)).envelope!.payload;
    await verifiedAs(temporarySerial, c, { result: 'valid' });
    const voided = { requestId: ask.requestId, temporarySerial, homeProvince: HOME, receivingOfficeCode: OFFICE, voidedAt: h.clock.now().toISOString() };
    await request(MessageType.TemporaryCardVoided, voided, c.idNumber, ask.requestId);
    await verifiedAs(temporarySerial, c, { result: 'invalid', reason: 'unknown' });
    const invalidation = h.log.on(topics.cardInvalidations()).find((m) => m.key === temporarySerial)!;
    expect(invalidation.envelope!.payload).toMatchObject({ reason: 'voided' });
  });

  // Moves the clock: last in the file.
  it('expires after its last valid day: verification says so at once, and the sweep invalidates and broadcasts it', async () => {
    const { serial, holder } = issued;
    const days = Math.ceil((Date.parse(`${issued.validUntil}T00:00:00+08:00`) - h.clock.now().getTime()) / 86_400_000) + 1;
    h.clock.advanceDays(days);
    expect((await verify(serial, holder.idNumber, holder.name)).body).toEqual({ result: 'invalid', reason: 'expired' });
    const swept = await h.http('POST', '/cards/expiry-sweep', {});
    expect(swept.status).toBe(200);
    expect(swept.body.expired).toBeGreaterThanOrEqual(1);
    const invalidation = await waitFor('the expiry broadcast', () => h.log.on(topics.cardInvalidations()).find((m) => m.key === serial));
    expect(invalidation.envelope!.payload).toMatchObject({ reason: 'expired' });
    expect(await sql(`SELECT status, invalidation_reason FROM temporary_card WHERE temporary_serial = $1`, [serial])).toEqual([
      { status: 'invalidated', invalidation_reason: 'expired' },
    ]);
    expect((await h.http('POST', '/cards/expiry-sweep', {})).body).toEqual({ expired: 0 });
  });
});

describe('the citizen channel under pressure (last: it spends this address’s allowance)', () => {
  it('answers 429 past CITIZEN_CODE_RATE_LIMIT_PER_MINUTE from one address', async () => {
    const idNumber = makeCitizenId({ regionCode: '440106', birthDate: '1931-01-01', sequence: 993 });
    const answers = await Promise.all(
      Array.from({ length: TEST_CITIZEN_CODE_LIMIT + 1 }, () => h.http('POST', '/citizens/one-time-codes', { idNumber }, { as: null })),
    );
    expect(answers.some((a) => a.status === 429 && a.body.code === 'TOO_MANY_REQUESTS')).toBe(true);
  });
});
