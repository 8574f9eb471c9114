import { ageOn, cardExpiryFor, cstDate, deadLetterTopic, encodeMessage, makeCitizenId, MessageType, newEnvelope, topics } from '@idcard/contracts';
import { photoFields, syntheticPhoto } from '@idcard/synthetic';
import { ServiceUnderTest, waitFor } from '@idcard/testing';
import {
  about,
  applicationFor,
  applicationWhen,
  cardProduced,
  deadlineReport,
  decisionOn,
  HOME,
  newReceipt,
  REGISTER_SEED,
  REGISTER_SIZE,
  REMOTE,
  REVIEWER,
  seededCitizens,
  startRegistry,
  submit,
  unusedCitizen,
} from './fixtures';

/** The registry office under test. */
let h: ServiceUnderTest;
let serial = 0;
const newSerial = () => `C${Date.now().toString(36).toUpperCase()}${String(++serial).padStart(3, '0')}`;

beforeAll(async () => {
  h = await startRegistry();
  const seeded = await h.http('POST', '/register/seed', { count: REGISTER_SIZE, seed: REGISTER_SEED });
  expect(seeded.status).toBe(200);
}, 60000);

afterAll(async () => {
  await h?.stop();
});

const sql = <T = any>(text: string, params: unknown[] = []): Promise<T[]> => h.sql<T>(text, params);

/**
 * What the registry sent on a topic about a receipt, once all it had to send is out: its outbox holds no unsent row and
 * the recorder has read the topic to its end. Nothing there then means nothing was sent, not "not read yet".
 */
async function allSentAbout(receiptNumber: string, topic: string) {
  await waitFor('the outbox drained', async () => (await sql(`SELECT count(*)::int AS n FROM outbox_message WHERE sent_at IS NULL`))[0].n === 0);
  const admin = h.kafkaClient.admin();
  await admin.connect();
  const end = (await admin.fetchTopicOffsets(topic).finally(() => admin.disconnect())).reduce((n, p) => n + Number(p.high), 0);
  await waitFor(`everything on ${topic} recorded`, () => h.log.on(topic).length >= end);
  return about(h, receiptNumber, topic);
}

describe('population register', () => {
  it('is seeded idempotently: a second seed adds nothing', async () => {
    expect(await h.http('POST', '/register/seed', { count: REGISTER_SIZE, seed: REGISTER_SEED })).toEqual({ status: 200, body: { seeded: 0, cardsIssued: 0 } });
    const [{ citizens, cards }] = await sql(
      `SELECT (SELECT count(*)::int FROM citizen) AS citizens, (SELECT count(*)::int FROM card WHERE status = 'valid') AS cards`,
    );
    expect(citizens).toBe(REGISTER_SIZE);
    const adults = seededCitizens.filter((c) => ageOn(c.birthDate, cstDate(h.clock.now())) >= 16).length;
    expect(cards).toBe(adults);
  });

  it('refuses a bad seed request naming each field', async () => {
    const res = await h.http('POST', '/register/seed', { count: 0, seed: 'x' });
    expect(res.status).toBe(400);
    expect([...new Set(res.body.errors.map((e: { field: string }) => e.field))].sort()).toEqual(['count', 'seed']);
  });

  it("lists a citizen's cards: an adult holds one current card", async () => {
    const c = seededCitizens.find((x) => Number(x.birthDate.slice(0, 4)) < 1990)!;
    const res = await h.http('GET', `/register/citizens/${c.idNumber}/cards`);
    expect(res.status).toBe(200);
    expect(res.body.cards).toHaveLength(1);
    const [card] = res.body.cards;
    expect(card).toMatchObject({ status: 'valid', invalidatedAt: null, producedForReceipt: null });
    expect(card.issueDate < cstDate(h.clock.now())).toBe(true);
    expect(card.expiresOn).toBe(cardExpiryFor(c.birthDate, card.issueDate));
  });

  it('answers 404 for a citizen not in the register and 400 for a malformed ID number', async () => {
    const stranger = makeCitizenId({ regionCode: '440106', birthDate: '1931-01-01', sequence: 999 });
    expect(await h.http('GET', `/register/citizens/${stranger}/cards`)).toMatchObject({ status: 404, body: { errors: [{ field: 'idNumber' }] } });
    const bad = await h.http('GET', '/register/citizens/440106199001011230/cards');
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0]).toMatchObject({ field: 'idNumber', reason: expect.stringContaining('check character') });
  });

  it('holds at most one valid card per citizen and one application in flight, in the database itself', async () => {
    const c = unusedCitizen(h);
    await expect(
      sql(`INSERT INTO card (card_serial, id_number, issue_date, status) VALUES ('ZZ00000000001', $1, '2024-01-01', 'valid')`, [c.idNumber]),
    ).rejects.toMatchObject({
      code: '23505',
      constraint: 'card_one_valid_per_citizen',
    });
    const row = (receipt: string, state: string) =>
      sql(
        `INSERT INTO registry_application (receipt_number, id_number, state, kind, receiving_province, receiving_office_code, expedited, accepted_at, due_at, received_at, review_doubts, application)
         VALUES ($1, $2, $3, 'renewal', '11', '11010501', false, now(), now(), now(), '[]', '{}')`,
        [receipt, c.idNumber, state],
      );
    await row(newReceipt(), 'manual_review');
    await expect(row(newReceipt(), 'under_review')).rejects.toMatchObject({ code: '23505', constraint: 'registry_application_one_in_flight' });
  });
});

describe('review of an application', () => {
  it('signs off automatically: the receiving office is told and the production centre of the receiving province is ordered', async () => {
    const c = unusedCitizen(h);
    const app = applicationFor(h, c, { expedited: true });
    await submit(h, app);
    const decision = await decisionOn(h, app.receiptNumber);
    expect(decision.key).toBe(c.idNumber);
    expect(decision.envelope).toMatchObject({
      type: MessageType.ApplicationSignedOff,
      correlationId: app.receiptNumber,
      source: { province: HOME, service: 'registry-office' },
      payload: { receiptNumber: app.receiptNumber, productionProvince: REMOTE, reviewedBy: 'automatic' },
    });
    const order = await waitFor('the production order', () => about(h, app.receiptNumber, topics.productionOrders(REMOTE))[0]);
    expect(order.key).toBe(c.idNumber);
    expect(order.envelope!.payload).toEqual({
      receiptNumber: app.receiptNumber,
      kind: 'renewal',
      citizen: app.citizen,
      photo: app.photo,
      cardScript: null,
      homeProvince: HOME,
      receivingProvince: REMOTE,
      receivingOfficeCode: '11010501',
      expedited: true,
      dueAt: app.dueAt,
      orderedAt: expect.any(String),
    });
    const view = await h.http('GET', `/applications/${app.receiptNumber}`);
    expect(view).toMatchObject({
      status: 200,
      body: { state: 'signed_off', decision: 'signed_off', reviewedBy: 'automatic', reviewer: null, rejection: null, dueAt: app.dueAt },
    });
    expect(view.body.decidedAt).not.toBeNull();
  });

  it('treats an application from an office of its own province the same way, answering on that province’s topics', async () => {
    const app = applicationFor(h, unusedCitizen(h), { receivingProvince: HOME });
    await submit(h, app);
    expect((await decisionOn(h, app.receiptNumber, HOME)).envelope!.type).toBe(MessageType.ApplicationSignedOff);
    await waitFor('the production order in Guangdong', () => about(h, app.receiptNumber, topics.productionOrders(HOME))[0]);
  });

  it('answers 404 for a receipt it never received and 400 for something that is no receipt number', async () => {
    expect(await h.http('GET', `/applications/${newReceipt()}`)).toMatchObject({ status: 404, body: { errors: [{ field: 'receiptNumber' }] } });
    expect(await h.http('GET', '/applications/R99-NOSUCHPROVINCE')).toMatchObject({ status: 400, body: { errors: [{ field: 'receiptNumber' }] } });
  });

  it('rejects a first card for a citizen who holds one, and a renewal for one who holds none; a minor gets a first card', async () => {
    const adult = applicationFor(h, unusedCitizen(h), { kind: 'first' });
    await submit(h, adult);
    expect((await decisionOn(h, adult.receiptNumber)).envelope!.payload).toMatchObject({ reasonCode: 'FIRST_CARD_ALREADY_ISSUED' });
    const minor = unusedCitizen(h, false);
    const renewal = applicationFor(h, minor);
    await submit(h, renewal);
    expect((await decisionOn(h, renewal.receiptNumber)).envelope!.payload).toMatchObject({ reasonCode: 'NO_CARD_TO_REPLACE' });
    const first = applicationFor(h, minor, { kind: 'first' });
    await submit(h, first);
    expect((await decisionOn(h, first.receiptNumber)).envelope!.type).toBe(MessageType.ApplicationSignedOff);
  });

  const stranger = makeCitizenId({ regionCode: '440106', birthDate: '1932-02-02', sequence: 999 });
  it.each([
    [
      'NOT_IN_REGISTER',
      () => ({ citizen: { idNumber: stranger, name: '路人甲', sex: 'female' as const, birthDate: '1932-02-02', ethnicGroup: '01' as const } }),
    ],
    ['NAME_MISMATCH', () => ({ name: '某某某' })],
    ['SEX_MISMATCH', () => ({ sexFlip: true })],
    ['BIRTH_DATE_MISMATCH', () => ({ birthDate: '1949-10-01' })],
    ['PHOTO_REJECTED', () => ({ photo: photoFields(syntheticPhoto(300, 400)) })],
  ])('rejects with %s', async (reasonCode, change) => {
    const c = unusedCitizen(h);
    const over: any = change();
    const base = applicationFor(h, c);
    const citizen = over.citizen ?? {
      ...base.citizen,
      ...(over.name ? { name: over.name } : {}),
      ...(over.birthDate ? { birthDate: over.birthDate } : {}),
      ...(over.sexFlip ? { sex: base.citizen.sex === 'male' ? 'female' : 'male' } : {}),
    };
    const app = { ...base, citizen, ...(over.photo ? { photo: over.photo } : {}) };
    await submit(h, app);
    const decision = await decisionOn(h, app.receiptNumber);
    expect(decision.key).toBe(citizen.idNumber);
    expect(decision.envelope).toMatchObject({
      type: MessageType.ApplicationRejected,
      correlationId: app.receiptNumber,
      payload: { receiptNumber: app.receiptNumber, reasonCode },
    });
    expect(decision.envelope!.payload.inFlightReceiptNumber).toBeUndefined();
    // Checked once everything the registry wrote is out and read, not the moment the decision arrives.
    expect(await allSentAbout(app.receiptNumber, topics.productionOrders(REMOTE))).toHaveLength(0);
    expect((await h.http('GET', `/applications/${app.receiptNumber}`)).body).toMatchObject({
      state: 'rejected',
      decision: 'rejected',
      rejection: { reasonCode },
    });
  });
});

describe('duplicates and the card', () => {
  it('rejects a second application in flight naming the first, and accepts a new one once the first card is recorded', async () => {
    const c = unusedCitizen(h);
    const first = applicationFor(h, c);
    await submit(h, first);
    expect((await decisionOn(h, first.receiptNumber)).envelope!.type).toBe(MessageType.ApplicationSignedOff);

    const second = applicationFor(h, c, { receivingProvince: HOME, receivingOfficeCode: '44030501' });
    await submit(h, second);
    const refused = await decisionOn(h, second.receiptNumber, HOME);
    expect(refused.envelope!.payload).toMatchObject({
      reasonCode: 'DUPLICATE_IN_FLIGHT',
      inFlightReceiptNumber: first.receiptNumber,
      detail: expect.stringContaining(first.receiptNumber),
    });
    expect((await h.http('GET', `/applications/${second.receiptNumber}`)).body.rejection).toEqual({
      reasonCode: 'DUPLICATE_IN_FLIGHT',
      detail: expect.any(String),
      inFlightReceiptNumber: first.receiptNumber,
    });

    const issueDate = cstDate(h.clock.now());
    await cardProduced(h, {
      receiptNumber: first.receiptNumber,
      cardSerial: newSerial(),
      idNumber: c.idNumber,
      issueDate,
      expiresOn: cardExpiryFor(c.birthDate, issueDate),
      producedBy: REMOTE,
      producedAt: h.clock.now().toISOString(),
    });
    await applicationWhen(h, first.receiptNumber, (v) => v.state === 'issued');

    const third = applicationFor(h, c);
    await submit(h, third);
    expect((await decisionOn(h, third.receiptNumber)).envelope!.type).toBe(MessageType.ApplicationSignedOff);
  });

  it('records a produced card with the legal expiry, invalidates the card it replaces and tells every province', async () => {
    const c = unusedCitizen(h);
    const before = (await h.http('GET', `/register/citizens/${c.idNumber}/cards`)).body.cards;
    expect(before).toHaveLength(1);
    const app = applicationFor(h, c);
    await submit(h, app);
    await decisionOn(h, app.receiptNumber);
    // The register's photo becomes the new card's (the application's); cleared first to see it written.
    await sql(`UPDATE citizen SET photo = NULL WHERE id_number = $1`, [c.idNumber]);
    const cardSerial = newSerial();
    const issueDate = cstDate(h.clock.now());
    await cardProduced(h, {
      receiptNumber: app.receiptNumber,
      cardSerial,
      idNumber: c.idNumber,
      issueDate,
      expiresOn: cardExpiryFor(c.birthDate, issueDate),
      producedBy: '11',
      producedAt: h.clock.now().toISOString(),
    });
    const view = await applicationWhen(h, app.receiptNumber, (v) => v.state === 'issued');
    expect(view).toMatchObject({ cardSerial, decision: 'signed_off' });
    const [{ photo }] = await sql(`SELECT photo FROM citizen WHERE id_number = $1`, [c.idNumber]);
    expect(photo).toMatch(/^bio1\./); // sealed at rest

    const cards = (await h.http('GET', `/register/citizens/${c.idNumber}/cards`)).body.cards;
    expect(cards).toEqual([
      expect.objectContaining({
        cardSerial,
        status: 'valid',
        issueDate,
        expiresOn: cardExpiryFor(c.birthDate, issueDate),
        producedForReceipt: app.receiptNumber,
      }),
      expect.objectContaining({ cardSerial: before[0].cardSerial, status: 'invalidated', invalidationReason: 'replaced', invalidatedAt: expect.any(String) }),
    ]);
    const invalidation = await waitFor('the invalidation broadcast', () => about(h, app.receiptNumber, topics.cardInvalidations())[0]);
    expect(invalidation.key).toBe(before[0].cardSerial); // keyed by serial (issue 12)
    expect(invalidation.envelope).toMatchObject({
      type: MessageType.CardInvalidated,
      payload: { cardSerial: before[0].cardSerial, idNumber: c.idNumber, reason: 'replaced' },
    });
  });

  it('dead-letters a card produced for a receipt it never signed off', async () => {
    const receiptNumber = newReceipt();
    const c = unusedCitizen(h);
    const issueDate = cstDate(h.clock.now());
    await cardProduced(h, {
      receiptNumber,
      cardSerial: newSerial(),
      idNumber: c.idNumber,
      issueDate,
      expiresOn: cardExpiryFor(c.birthDate, issueDate),
      producedBy: REMOTE,
      producedAt: h.clock.now().toISOString(),
    });
    const parked = await waitFor('the card on the dead-letter topic', () => about(h, receiptNumber, deadLetterTopic(topics.registryCards(HOME)))[0]);
    expect(parked.headers['x-dead-letter-reason']).toContain('never signed off');
  });

  it('applies the same ApplicationSubmitted delivered twice once: one application, one decision, one order', async () => {
    const c = unusedCitizen(h);
    const app = applicationFor(h, c);
    const envelope = await submit(h, app);
    await submit(h, app, envelope.messageId); // the very same message again
    await submit(h, app); // the same application under a new message id (a resend by the office)
    // A later message on the same key is applied after those three: once its decision is out, they are done.
    const marker = applicationFor(h, c);
    await submit(h, marker);
    await decisionOn(h, marker.receiptNumber);
    expect(about(h, app.receiptNumber, topics.receivingDecisions(REMOTE))).toHaveLength(1);
    expect(about(h, app.receiptNumber, topics.productionOrders(REMOTE))).toHaveLength(1);
    expect(await sql(`SELECT count(*)::int AS n FROM registry_application WHERE id_number = $1`, [c.idNumber])).toEqual([{ n: 2 }]);
  });
});

describe('manual review', () => {
  const otherEthnicity = (code: string) => (code === '03' ? '11' : '03');

  it('holds an ethnicity change for an officer; approving signs it off and updates the register', async () => {
    const c = unusedCitizen(h);
    const declared = otherEthnicity(c.ethnicGroup);
    const app = applicationFor(h, c, {});
    app.citizen = { ...app.citizen, ethnicGroup: declared as any };
    await submit(h, app);
    const item = await waitFor('the application in the review queue', async () =>
      (await h.http('GET', '/reviews')).body.find((i: any) => i.receiptNumber === app.receiptNumber),
    );
    expect(item).toMatchObject({
      why: expect.stringContaining(`declared ethnicity ${declared}`),
      doubts: [{ kind: 'ethnicity_change', registered: c.ethnicGroup, declared }],
      declared: { idNumber: c.idNumber, name: c.name, ethnicGroup: declared },
      registered: { idNumber: c.idNumber, name: c.name, ethnicGroup: c.ethnicGroup },
      daysLeft: 60,
    });
    expect((await h.http('GET', `/applications/${app.receiptNumber}`)).body).toMatchObject({ state: 'manual_review', decision: null, reviewWhy: item.why });

    const approved = await h.http('POST', `/reviews/${app.receiptNumber}/approve`, {});
    // The officer is the token's: its subject on the decision and in the message, its name on the view.
    expect(approved).toMatchObject({
      status: 200,
      body: { state: 'signed_off', reviewedBy: REVIEWER.subject, reviewer: { subject: REVIEWER.subject, name: REVIEWER.name } },
    });
    const decision = await decisionOn(h, app.receiptNumber);
    expect(decision.envelope).toMatchObject({ type: MessageType.ApplicationSignedOff, payload: { reviewedBy: REVIEWER.subject } });
    const order = await waitFor('the production order', () => about(h, app.receiptNumber, topics.productionOrders(REMOTE))[0]);
    expect(order.envelope!.payload.citizen.ethnicGroup).toBe(declared);
    expect(await sql(`SELECT ethnic_group FROM citizen WHERE id_number = $1`, [c.idNumber])).toEqual([{ ethnic_group: declared }]);
    expect((await h.http('GET', '/reviews')).body.find((i: any) => i.receiptNumber === app.receiptNumber)).toBeUndefined();

    const again = await h.http('POST', `/reviews/${app.receiptNumber}/approve`, {});
    expect(again).toMatchObject({
      status: 409,
      body: { state: 'signed_off', message: expect.stringContaining('signed_off'), errors: [{ field: 'receiptNumber' }] },
    });
  });

  it('rejects over HTTP with REVIEWER_REJECTED and the reason, leaving the register as it was', async () => {
    const c = unusedCitizen(h);
    const app = applicationFor(h, c, { kind: 'lost', feePaidYuan: 20, lossReportedAtCounter: true });
    app.citizen = { ...app.citizen, ethnicGroup: otherEthnicity(c.ethnicGroup) as any };
    await submit(h, app);
    const item = await waitFor('the application in the review queue', async () =>
      (await h.http('GET', '/reviews')).body.find((i: any) => i.receiptNumber === app.receiptNumber),
    );
    expect(item.doubts.map((d: any) => d.kind)).toEqual(['ethnicity_change', 'fee_mismatch']);

    const missing = await h.http('POST', `/reviews/${app.receiptNumber}/reject`, {});
    expect(missing.status).toBe(400);
    expect(missing.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'reason' })]));
    const rejected = await h.http('POST', `/reviews/${app.receiptNumber}/reject`, { reason: 'no record of a change of ethnicity' });
    expect(rejected).toMatchObject({
      status: 200,
      body: {
        state: 'rejected',
        reviewedBy: REVIEWER.subject,
        reviewer: { subject: REVIEWER.subject, name: REVIEWER.name },
        rejection: { reasonCode: 'REVIEWER_REJECTED', detail: 'no record of a change of ethnicity' },
      },
    });
    const decision = await decisionOn(h, app.receiptNumber);
    expect(decision.envelope).toMatchObject({
      type: MessageType.ApplicationRejected,
      payload: { reasonCode: 'REVIEWER_REJECTED', detail: 'no record of a change of ethnicity' },
    });
    expect(await sql(`SELECT ethnic_group FROM citizen WHERE id_number = $1`, [c.idNumber])).toEqual([{ ethnic_group: c.ethnicGroup }]);
    expect(await h.http('POST', `/reviews/${app.receiptNumber}/reject`, { reason: 'again' })).toMatchObject({
      status: 409,
      body: { state: 'rejected' },
    });
  });

  it('lists the queue oldest first and answers 404 for an unknown receipt', async () => {
    const apps = [unusedCitizen(h), unusedCitizen(h)].map((c) => applicationFor(h, c, { feePaidYuan: 0 }));
    for (const app of apps) {
      await submit(h, app);
      await applicationWhen(h, app.receiptNumber, (v) => v.state === 'manual_review');
    }
    const queue: any[] = (await h.http('GET', '/reviews')).body;
    const positions = apps.map((a) => queue.findIndex((i) => i.receiptNumber === a.receiptNumber));
    expect(positions[0]).toBeGreaterThanOrEqual(0);
    expect(positions[0]).toBeLessThan(positions[1]);
    expect(queue.map((i) => i.receivedAt)).toEqual([...queue.map((i) => i.receivedAt)].sort());
    expect(await h.http('POST', `/reviews/${newReceipt()}/approve`, {})).toMatchObject({
      status: 404,
      body: { errors: [{ field: 'receiptNumber' }] },
    });
    const notEthnic = await h.http('POST', `/reviews/${apps[0].receiptNumber}/reject`, {
      reason: 'x',
      reasonCode: 'ETHNICITY_MISMATCH',
    });
    expect(notEthnic).toMatchObject({ status: 400, body: { errors: [{ field: 'reasonCode' }] } });
  });

  it('refuses a change of ethnicity with ETHNICITY_MISMATCH when the officer says so', async () => {
    const c = unusedCitizen(h);
    const app = applicationFor(h, c);
    app.citizen = { ...app.citizen, ethnicGroup: otherEthnicity(c.ethnicGroup) as any };
    await submit(h, app);
    await applicationWhen(h, app.receiptNumber, (v) => v.state === 'manual_review');
    const res = await h.http('POST', `/reviews/${app.receiptNumber}/reject`, {
      reason: 'household register shows Han',
      reasonCode: 'ETHNICITY_MISMATCH',
    });
    expect(res).toMatchObject({
      status: 200,
      body: { state: 'rejected', rejection: { reasonCode: 'ETHNICITY_MISMATCH', detail: expect.stringContaining('household register shows Han') } },
    });
    expect((await decisionOn(h, app.receiptNumber)).envelope!.payload.reasonCode).toBe('ETHNICITY_MISMATCH');
  });
});

describe('the 60-day limit', () => {
  it("records the receiving office's warning and breach report on the application and in the review queue", async () => {
    const c = unusedCitizen(h);
    const app = applicationFor(h, c, { feePaidYuan: 5 });
    await submit(h, app);
    await applicationWhen(h, app.receiptNumber, (v) => v.state === 'manual_review');
    expect((await h.http('GET', `/applications/${app.receiptNumber}`)).body.deadline).toEqual({
      daysLeft: 60,
      warnedAt: null,
      breachedAt: null,
      receivingStatus: null,
    });

    h.clock.advanceDays(55);
    await deadlineReport(
      h,
      'DeadlineWarning',
      { receiptNumber: app.receiptNumber, dueAt: app.dueAt, daysLeft: 5, status: 'manual_review' },
      c.idNumber,
      app.receiptNumber,
    );
    const warned = await applicationWhen(h, app.receiptNumber, (v) => v.deadline.warnedAt !== null);
    expect(warned.deadline).toMatchObject({ daysLeft: 5, breachedAt: null, receivingStatus: 'manual_review' });

    h.clock.advanceDays(6);
    await deadlineReport(
      h,
      'DeadlineBreached',
      { receiptNumber: app.receiptNumber, dueAt: app.dueAt, daysLeft: -1, status: 'manual_review' },
      c.idNumber,
      app.receiptNumber,
    );
    const breached = await applicationWhen(h, app.receiptNumber, (v) => v.deadline.breachedAt !== null);
    expect(breached.deadline.daysLeft).toBe(-1);
    const item = (await h.http('GET', '/reviews')).body.find((i: any) => i.receiptNumber === app.receiptNumber);
    expect(item).toMatchObject({ daysLeft: -1, deadlineBreached: true });
  });

  it('dead-letters a deadline report about a receipt it never received', async () => {
    const receiptNumber = newReceipt();
    await deadlineReport(
      h,
      'DeadlineWarning',
      { receiptNumber, dueAt: h.clock.now().toISOString(), daysLeft: 3, status: 'signed_off' },
      unusedCitizen(h).idNumber,
      receiptNumber,
    );
    const parked = await waitFor('the report on the dead-letter topic', () => about(h, receiptNumber, deadLetterTopic(topics.registryApplications(HOME)))[0]);
    expect(parked.headers['x-dead-letter-reason']).toContain('never reached the registry');
  });
});

describe('dead letters', () => {
  it('parks unreadable and invalid messages on the .dlq topic with the reason, and goes on with the next', async () => {
    const c = unusedCitizen(h);
    const dlq = deadLetterTopic(topics.registryApplications(HOME));
    const already = h.messages.filter((m) => m.topic === dlq).length;
    await h.send(topics.registryApplications(HOME), c.idNumber, '{ this is not JSON');
    const invalid = applicationFor(h, c, { feePaidYuan: -1 });
    invalid.citizen = { ...invalid.citizen, idNumber: c.idNumber.slice(0, 17) + (c.idNumber[17] === '0' ? '1' : '0') };
    await h.send(
      topics.registryApplications(HOME),
      c.idNumber,
      encodeMessage(
        newEnvelope(MessageType.ApplicationSubmitted, invalid, {
          source: { province: REMOTE, service: 'receiving-office' },
          correlationId: invalid.receiptNumber,
          now: h.clock.now(),
        }),
      ),
    );
    const elsewhere = applicationFor(h, c, { homeProvince: '65' });
    await submit(h, elsewhere);
    const next = applicationFor(h, c);
    await submit(h, next);

    expect((await decisionOn(h, next.receiptNumber)).envelope!.type).toBe(MessageType.ApplicationSignedOff);
    const parked = await waitFor('three dead letters', () => {
      const found = h.messages.filter((m) => m.topic === dlq).slice(already);
      return found.length >= 3 && found;
    });
    expect(parked[0]).toMatchObject({
      raw: '{ this is not JSON',
      headers: { 'x-dead-letter-reason': expect.stringMatching(/^not JSON/), 'x-original-topic': topics.registryApplications(HOME) },
    });
    expect(parked[1].headers['x-dead-letter-reason']).toMatch(/^payload invalid: .*payload\.citizen\.idNumber.*payload\.feePaidYuan/);
    // Refused before the handler since messages are signed: an application goes only to its home registry's topic.
    expect(parked[2].headers['x-dead-letter-reason']).toMatch(
      /^not-allowed: receiving-office 11 may not send ApplicationSubmitted to \S*idcard\.registry\.44\.applications$/,
    );
    expect((await h.http('GET', `/applications/${invalid.receiptNumber}`)).status).toBe(404);
  });
});

describe('error answers', () => {
  it('names each refusal with its code in the one error body of every service', async () => {
    const stranger = makeCitizenId({ regionCode: '440106', birthDate: '1933-03-03', sequence: 999 });
    expect(await h.http('GET', `/register/citizens/${stranger}/cards`)).toMatchObject({
      status: 404,
      body: { statusCode: 404, error: 'Not Found', code: 'UNKNOWN_CITIZEN', message: expect.not.stringContaining(stranger), errors: [{ field: 'idNumber' }] },
    });
    const unknown = newReceipt();
    expect(await h.http('GET', `/applications/${unknown}`)).toEqual({
      status: 404,
      body: {
        statusCode: 404,
        error: 'Not Found',
        code: 'UNKNOWN_RECEIPT',
        message: `no application ${unknown} reached the registry of province ${HOME}`,
        errors: [{ field: 'receiptNumber', reason: 'unknown receipt number' }],
      },
    });
    const rejectUnknown = await h.http('POST', `/reviews/${unknown}/reject`, { reason: 'x' });
    expect(rejectUnknown).toMatchObject({ status: 404, body: { code: 'UNKNOWN_RECEIPT' } });

    const app = applicationFor(h, unusedCitizen(h), { feePaidYuan: 0 });
    await submit(h, app);
    await applicationWhen(h, app.receiptNumber, (v) => v.state === 'manual_review');
    const notEthnic = await h.http('POST', `/reviews/${app.receiptNumber}/reject`, { reason: 'x', reasonCode: 'ETHNICITY_MISMATCH' });
    expect(notEthnic).toMatchObject({
      status: 400,
      body: {
        code: 'NO_ETHNICITY_CHANGE_DECLARED',
        message: `application ${app.receiptNumber} declares no change of ethnicity`,
        errors: [{ field: 'reasonCode' }],
      },
    });
    expect((await h.http('POST', `/reviews/${app.receiptNumber}/approve`, {})).status).toBe(200);
    expect(await h.http('POST', `/reviews/${app.receiptNumber}/approve`, {})).toEqual({
      status: 409,
      body: {
        statusCode: 409,
        error: 'Conflict',
        code: 'WRONG_STATE',
        state: 'signed_off',
        message: `application ${app.receiptNumber} is signed_off, not awaiting review (manual_review)`,
        errors: [{ field: 'receiptNumber', reason: 'the application is signed_off, not awaiting review (manual_review)' }],
      },
    });
  });

  it('answers malformed JSON, an invalid body and an unknown route in the same body', async () => {
    const malformed = await h.http('POST', '/register/seed', '{"count": ');
    expect(malformed).toMatchObject({ status: 400, body: { code: 'MALFORMED_BODY', errors: [{ field: 'body' }] } });
    expect(await h.http('POST', '/register/seed', { count: 0 })).toMatchObject({ status: 400, body: { code: 'INVALID_FIELDS', errors: [{ field: 'count' }] } });
    expect(await h.http('GET', '/no/such/route')).toMatchObject({ status: 404, body: { code: 'UNKNOWN_ROUTE', errors: [{ field: 'path' }] } });
  });
});
