import { randomUUID } from 'crypto';
import { cstDate, decodeMessage, deadLetterTopic, dueDateFor, MessageType, topics } from '@idcard/contracts';
import { photoFields, SyntheticCitizen, syntheticPhoto } from '@idcard/synthetic';
import { ServiceUnderTest, waitFor } from '@idcard/testing';
import { receivingOfficeSettingsFrom, startReceivingOffice } from '../src';
import { applicationForm, citizensOf, officeOf, receivingOfficeActors } from './fixtures';

const R = '65';
const HOME = '44';
const DECISIONS = topics.receivingDecisions(R);
const SHIPMENTS = topics.receivingShipments(R);
const DLQ = deadLetterTopic(DECISIONS);
const fromRegistry = { province: HOME, service: 'registry-office' } as const;
const fromProduction = { province: R, service: 'production-center' } as const;

/** Guangdong citizens living in Xinjiang: they apply at a Xinjiang office, Guangdong's registry decides. */
const citizens = citizensOf(HOME, 16);
let nextCitizen = 0;
const aCitizen = () => citizens[nextCitizen++];
const serial = () => `C${R}${randomUUID().replace(/-/g, '').slice(0, 12).toUpperCase()}`;

describe('receiving office (受理地) of province 65', () => {
  let office: ServiceUnderTest;

  beforeAll(async () => {
    office = await ServiceUnderTest.start({
      service: 'receiving-office',
      province: R,
      watch: [topics.registryApplications(HOME), topics.registryApplications(R), DLQ],
      start: (config) => startReceivingOffice({ ...config, ...receivingOfficeSettingsFrom({}) }),
      actorFor: receivingOfficeActors(officeOf(R)),
    });
  }, 60_000);
  afterAll(() => office?.stop(), 30_000);

  async function submit(citizen: SyntheticCitizen, overrides: Record<string, unknown> = {}): Promise<string> {
    const res = await office.http('POST', '/applications', applicationForm(citizen, R, overrides));
    expect(res.status).toBe(201);
    return res.body.receiptNumber;
  }

  const view = async (receipt: string) => (await office.http('GET', `/applications/${receipt}`)).body;
  const statusIs = (receipt: string, status: string) => async () => {
    const v = await view(receipt);
    return v?.status === status ? v : null;
  };
  const steps = (v: { timeline: { step: string }[] }) => v.timeline.map((s) => s.step);

  /** Puts a decision or shipment in its envelope on a topic; resolves the envelope's message id. */
  type Sending = { key: string; correlationId: string; from: typeof fromRegistry | typeof fromProduction; messageId?: string };
  async function send(topic: string, type: string, payload: object, o: Sending): Promise<string> {
    return (await office.sendMessage(topic, o.key, type, payload, o)).messageId;
  }

  function signOff(receipt: string, citizen: SyntheticCitizen, messageId?: string): Promise<string> {
    const payload = { receiptNumber: receipt, productionProvince: R, reviewedBy: 'automatic', signedOffAt: office.clock.now().toISOString() };
    return send(DECISIONS, MessageType.ApplicationSignedOff, payload, { key: citizen.idNumber, correlationId: receipt, from: fromRegistry, messageId });
  }

  function dispatch(shipmentId: string, cards: { receiptNumber: string; cardSerial: string }[], key: string): Promise<string> {
    const payload = { shipmentId, producedBy: R, receivingOfficeCode: `${R}010201`, expedited: false, dispatchedAt: office.clock.now().toISOString(), cards };
    return send(SHIPMENTS, MessageType.ShipmentDispatched, payload, { key, correlationId: shipmentId, from: fromProduction });
  }

  const deadLetter = (messageId: string) => () => office.log.on(DLQ).find((m) => m.envelope?.messageId === messageId) ?? null;

  it('accepts an application: a receipt, 60 days in CST, and ApplicationSubmitted to the home registry', async () => {
    const citizen = aCitizen();
    const res = await office.http('POST', '/applications', applicationForm(citizen, R));
    expect(res.status).toBe(201);
    const { receiptNumber, status, acceptedAt, dueAt, dueDate, daysLeft } = res.body;
    expect(receiptNumber).toMatch(new RegExp(`^R${R}-${cstDate(new Date(acceptedAt)).replace(/-/g, '')}-\\d{6}$`));
    expect(status).toBe('submitted');
    expect(daysLeft).toBe(60);
    expect(dueAt).toBe(dueDateFor(new Date(acceptedAt)).toISOString());
    expect(dueAt).toMatch(/T16:00:00\.000Z$/); // midnight in Beijing
    const sixtyDaysOn = new Date(Date.parse(`${cstDate(new Date(acceptedAt))}T00:00:00Z`) + 60 * 86_400_000).toISOString().slice(0, 10);
    expect(dueDate).toBe(sixtyDaysOn);

    const sent = await waitFor('ApplicationSubmitted on the home registry topic', () =>
      office.messages.find((m) => m.topic === topics.registryApplications(HOME) && m.raw.includes(receiptNumber) && m.raw.includes(acceptedAt)),
    );
    const decoded = decodeMessage(sent.raw);
    if (!decoded.ok || decoded.type !== 'ApplicationSubmitted') throw new Error(`not an ApplicationSubmitted: ${JSON.stringify(decoded)}`);
    expect(sent.key).toBe(citizen.idNumber);
    expect(decoded.envelope.source).toEqual({ province: R, service: 'receiving-office' });
    expect(decoded.envelope.correlationId).toBe(receiptNumber);
    expect(decoded.payload).toMatchObject({ receiptNumber, homeProvince: HOME, receivingProvince: R, acceptedAt, dueAt, kind: 'renewal', feePaidYuan: 20 });
    expect(decoded.payload.citizen.idNumber).toBe(citizen.idNumber);
    expect(decoded.payload.photo).toMatchObject({ sha256: photoFields().sha256, widthPx: 358, heightPx: 441 });

    const tracked = await view(receiptNumber);
    expect(tracked).toMatchObject({ receiptNumber, status: 'submitted', homeProvince: HOME, receivingOfficeCode: `${R}010201`, daysLeft: 60, dueAt });
    expect(tracked.citizen.idNumber).not.toBe(citizen.idNumber);
    expect(tracked.citizen.idNumber).toBe(`${citizen.idNumber.slice(0, 6)}***********${citizen.idNumber.slice(17)}`);
    expect(steps(tracked)).toEqual(['submitted']);
  });

  it('sends an intra-province application through the same flow, to its own registry', async () => {
    const [local] = citizensOf(R, 1);
    const res = await office.http('POST', '/applications', applicationForm(local, R));
    expect(res.status).toBe(201);
    const { receiptNumber, acceptedAt } = res.body;
    const sent = await waitFor('ApplicationSubmitted on the registry topic of province 65', () =>
      office.messages.find((m) => m.topic === topics.registryApplications(R) && m.raw.includes(receiptNumber) && m.raw.includes(acceptedAt)),
    );
    expect(sent.key).toBe(local.idNumber);
  });

  it('refuses a form naming every bad field at once, and one that disagrees with its ID number', async () => {
    const citizen = aCitizen();
    const base = applicationForm(citizen, R);
    const badCheck = citizen.idNumber.slice(0, 17) + (citizen.idNumber[17] === '0' ? '1' : '0');
    const res = await office.http('POST', '/applications', {
      ...base,
      citizen: { ...(base.citizen as object), idNumber: badCheck },
      photo: { jpegBase64: syntheticPhoto(400, 500).toString('base64') },
      feePaidYuan: 40,
      delivery: { method: 'post' },
      receivingOfficeCode: `${HOME}010601`,
    });
    expect(res.status).toBe(400);
    const fields = res.body.errors.map((e: { field: string }) => e.field).sort();
    expect(fields).toEqual(['citizen.idNumber', 'delivery.postalAddress', 'feePaidYuan', 'photo.jpegBase64', 'receivingOfficeCode']);
    const reason = (field: string) => res.body.errors.find((e: { field: string }) => e.field === field).reason;
    expect(reason('citizen.idNumber')).toMatch(/check character should be/);
    expect(reason('photo.jpegBase64')).toMatch(/400 × 500/);
    expect(reason('feePaidYuan')).toMatch(/must be 20 yuan/);
    expect(reason('delivery.postalAddress')).toMatch(/required/);
    expect(reason('receivingOfficeCode')).toMatch(/province 44/);

    const wrongSex = await office.http('POST', '/applications', {
      ...base,
      citizen: { ...(base.citizen as object), sex: citizen.sex === 'male' ? 'female' : 'male' },
    });
    expect(wrongSex.status).toBe(400);
    expect(wrongSex.body.errors).toEqual([{ field: 'citizen.sex', reason: expect.stringMatching(/^sex: disagrees with the ID number/) }]);
  });

  it('records a sign-off: signed off, then in production, on the timeline', async () => {
    const citizen = aCitizen();
    const receipt = await submit(citizen);
    await signOff(receipt, citizen);
    const signed = await waitFor('the application in production', statusIs(receipt, 'in_production'));
    expect(steps(signed)).toEqual(['submitted', 'signed_off', 'in_production']);
    expect(signed.timeline[1].detail).toContain('automatic');
  });

  it('records a rejection with its reason and the receipt already in flight', async () => {
    const citizen = aCitizen();
    const receipt = await submit(citizen);
    const inFlight = `R${HOME}-20261101-000042`;
    await send(
      DECISIONS,
      MessageType.ApplicationRejected,
      {
        receiptNumber: receipt,
        reasonCode: 'DUPLICATE_IN_FLIGHT',
        detail: 'an application is in progress in Guangdong',
        inFlightReceiptNumber: inFlight,
        rejectedAt: office.clock.now().toISOString(),
      },
      { key: citizen.idNumber, correlationId: receipt, from: fromRegistry },
    );
    const rejected = await waitFor('the rejection', statusIs(receipt, 'rejected'));
    expect(rejected.rejection).toEqual({
      reasonCode: 'DUPLICATE_IN_FLIGHT',
      detail: 'an application is in progress in Guangdong',
      inFlightReceiptNumber: inFlight,
    });
    expect(steps(rejected)).toEqual(['submitted', 'rejected']);
    const handover = await office.http('POST', `/applications/${receipt}/handover`, { idNumber: citizen.idNumber });
    expect(handover.status).toBe(409);
    expect(handover.body.currentStatus).toBe('rejected');
  });

  it('applies a decision once however often it comes, and dead-letters the opposite decision', async () => {
    const citizen = aCitizen();
    const receipt = await submit(citizen);
    const messageId = await signOff(receipt, citizen);
    await signOff(receipt, citizen, messageId); // redelivered: the inbox has it
    await signOff(receipt, citizen); // re-sent with a new id: already applied
    const conflicting = await send(
      DECISIONS,
      MessageType.ApplicationRejected,
      { receiptNumber: receipt, reasonCode: 'REVIEWER_REJECTED', detail: 'changed my mind', rejectedAt: office.clock.now().toISOString() },
      { key: citizen.idNumber, correlationId: receipt, from: fromRegistry },
    );
    // Same key, same partition: once the last one is dead-lettered, every earlier one has been handled.
    const parked = await waitFor('the conflicting rejection on the dead-letter topic', deadLetter(conflicting));
    expect(parked.headers['x-dead-letter-reason']).toMatch(/recorded as signed off \(it is in_production\)/);
    const after = await view(receipt);
    expect(after.status).toBe('in_production');
    expect(steps(after)).toEqual(['submitted', 'signed_off', 'in_production']);
  });

  it('dead-letters an invalid decision and a decision about an unknown receipt, and goes on with the next', async () => {
    const citizen = aCitizen();
    const receipt = await submit(citizen);
    const badId = randomUUID();
    await office.send(
      DECISIONS,
      citizen.idNumber,
      JSON.stringify({
        messageId: badId,
        type: 'ApplicationSignedOff',
        schemaVersion: 1,
        occurredAt: office.clock.now().toISOString(),
        source: fromRegistry,
        correlationId: receipt,
        payload: { receiptNumber: 'not-a-receipt' },
      }),
    );
    const unknown = `R${R}-19991231-999999`;
    const unknownId = await send(
      DECISIONS,
      MessageType.ApplicationSignedOff,
      { receiptNumber: unknown, productionProvince: R, reviewedBy: 'automatic', signedOffAt: office.clock.now().toISOString() },
      {
        key: citizen.idNumber,
        correlationId: unknown,
        from: fromRegistry,
      },
    );
    await signOff(receipt, citizen);

    const invalid = await waitFor('the invalid decision on the dead-letter topic', deadLetter(badId));
    expect(invalid.headers['x-dead-letter-reason']).toMatch(/^payload invalid: payload\.receiptNumber/);
    expect(invalid.headers['x-original-topic']).toBe(DECISIONS);
    const stray = await waitFor('the unknown receipt on the dead-letter topic', deadLetter(unknownId));
    expect(stray.headers['x-dead-letter-reason']).toBe(`no application ${unknown} at the receiving office of province ${R}`);
    await waitFor('the next decision applied', statusIs(receipt, 'in_production'));
  });

  it('takes a card from shipment to arrival, card by card, notifies the citizen and hands it over', async () => {
    const [first, second] = [aCitizen(), aCitizen()];
    const [receiptA, receiptB] = [await submit(first, { delivery: { method: 'kiosk' } }), await submit(second)];
    await signOff(receiptA, first);
    await signOff(receiptB, second);
    await waitFor('both in production', async () => (await statusIs(receiptA, 'in_production')()) && statusIs(receiptB, 'in_production')());

    const shipmentId = `S${R}-${randomUUID().slice(0, 8)}`;
    const [cardA, cardB, stray] = [serial(), serial(), serial()];
    const strayReceipt = `R${R}-19991231-000001`;
    await dispatch(
      shipmentId,
      [
        { receiptNumber: receiptA, cardSerial: cardA },
        { receiptNumber: receiptB, cardSerial: cardB },
        { receiptNumber: strayReceipt, cardSerial: stray },
      ],
      first.idNumber,
    );
    const shipped = await waitFor('the card shipped', statusIs(receiptA, 'shipped'));
    expect(shipped.card).toEqual({ serial: cardA, shipmentId });
    expect(steps(shipped)).toEqual(['submitted', 'signed_off', 'in_production', 'shipped']);

    const manifest = await office.http('GET', `/shipments/${shipmentId}`);
    expect(manifest.status).toBe(200);
    expect(manifest.body).toMatchObject({ shipmentId, producedBy: R, receivingOfficeCode: `${R}010201`, cardCount: 3, arrivedCount: 0, complete: false });
    expect(manifest.body.cards.map((c: { cardSerial: string }) => c.cardSerial)).toEqual([cardA, cardB, stray]);
    expect(manifest.body.cards[2]).toMatchObject({ receiptNumber: strayReceipt, applicationStatus: null, arrived: false });

    const early = await office.http('POST', `/applications/${receiptA}/handover`, { idNumber: first.idNumber });
    expect(early.status).toBe(409);
    expect(early.body).toMatchObject({ currentStatus: 'shipped', errors: [{ field: 'receiptNumber', reason: expect.stringContaining('is shipped') }] });

    const arrived = await office.http('POST', `/shipments/${shipmentId}/arrivals`, { cardSerial: cardA });
    expect(arrived.status).toBe(200);
    expect(arrived.body).toMatchObject({ receiptNumber: receiptA, status: 'arrived' });
    expect((await office.http('POST', `/shipments/${shipmentId}/arrivals`, { cardSerial: cardA })).status).toBe(409);
    const notOnManifest = await office.http('POST', `/shipments/${shipmentId}/arrivals`, { cardSerial: serial() });
    expect(notOnManifest.status).toBe(409);
    expect(notOnManifest.body.errors[0].field).toBe('cardSerial');
    expect((await office.http('POST', `/shipments/${shipmentId}/arrivals`, { cardSerial: stray })).status).toBe(409);
    expect((await office.http('POST', `/shipments/S-NOWHERE/arrivals`, { cardSerial: cardA })).status).toBe(404);

    const partial = (await office.http('GET', `/shipments/${shipmentId}`)).body;
    expect(partial).toMatchObject({ arrivedCount: 1, complete: false });
    expect(partial.cards.filter((c: { arrived: boolean }) => !c.arrived).map((c: { cardSerial: string }) => c.cardSerial)).toEqual([cardB, stray]);

    const [sms] = await waitFor('the SMS sent', async () => {
      const res = await office.http('GET', `/applications/${receiptA}/notifications`);
      return res.body.length && res.body[0].sentAt ? res.body : null;
    });
    expect(sms).toMatchObject({ purpose: 'card_arrived', sentVia: 'table' });
    expect(sms.text).toContain(receiptA);
    expect(sms.text).toContain(`${R}010201`);
    expect(sms.text).not.toContain(first.idNumber);

    const stranger = await office.http('POST', `/applications/${receiptA}/handover`, { idNumber: second.idNumber });
    expect(stranger.status).toBe(403);
    expect(stranger.body.errors[0].field).toBe('idNumber');
    const handed = await office.http('POST', `/applications/${receiptA}/handover`, { idNumber: first.idNumber });
    expect(handed.status).toBe(200);
    expect(handed.body).toEqual({ receiptNumber: receiptA, status: 'handed_over', handedOverAt: expect.any(String) });
    const final = await view(receiptA);
    expect(steps(final)).toEqual(['submitted', 'signed_off', 'in_production', 'shipped', 'arrived', 'handed_over']);
    expect(final.card).toEqual({ serial: cardA, shipmentId, arrivedAt: arrived.body.arrivedAt, handedOverAt: handed.body.handedOverAt });
    expect((await office.http('POST', `/applications/${receiptA}/handover`, { idNumber: first.idNumber })).status).toBe(409);
  });

  it('confirms the cards of one parcel scanned at the same time by two clerks, each card once', async () => {
    const holders = [aCitizen(), aCitizen(), aCitizen()];
    const receipts: string[] = [];
    for (const c of holders) receipts.push(await submit(c));
    for (const [i, receipt] of receipts.entries()) await signOff(receipt, holders[i]);
    const shipmentId = `S${R}-${randomUUID().slice(0, 8)}`;
    const cards = receipts.map(() => serial());
    await dispatch(
      shipmentId,
      receipts.map((receiptNumber, i) => ({ receiptNumber, cardSerial: cards[i] })),
      holders[0].idNumber,
    );
    for (const receipt of receipts) await waitFor('the card shipped', statusIs(receipt, 'shipped'));

    // Every card at once, the first one twice: each card is confirmed exactly once, the repeat scan refused.
    const scans = await Promise.all([...cards, cards[0]].map((cardSerial) => office.http('POST', `/shipments/${shipmentId}/arrivals`, { cardSerial })));
    const byCard = (card: string) =>
      scans
        .filter((_, i) => [...cards, cards[0]][i] === card)
        .map((r) => r.status)
        .sort();
    expect(byCard(cards[0])).toEqual([200, 409]);
    expect(byCard(cards[1])).toEqual([200]);
    expect(byCard(cards[2])).toEqual([200]);
    const manifest = (await office.http('GET', `/shipments/${shipmentId}`)).body;
    expect(manifest).toMatchObject({ cardCount: 3, arrivedCount: 3, complete: true });
    for (const receipt of receipts) {
      const arrivedView = await view(receipt);
      expect(steps(arrivedView).filter((s) => s === 'arrived')).toHaveLength(1);
    }
  });

  it('ships a card that came before its sign-off as soon as the sign-off is read', async () => {
    const citizen = aCitizen();
    const receipt = await submit(citizen);
    const shipmentId = `S${R}-${randomUUID().slice(0, 8)}`;
    const card = serial();
    await dispatch(shipmentId, [{ receiptNumber: receipt, cardSerial: card }], citizen.idNumber);
    await waitFor('the shipment recorded', async () => (await office.http('GET', `/shipments/${shipmentId}`)).status === 200);
    expect((await view(receipt)).status).toBe('submitted');
    await signOff(receipt, citizen);
    const shipped = await waitFor('the card shipped after the sign-off', statusIs(receipt, 'shipped'));
    expect(shipped.card).toEqual({ serial: card, shipmentId });
  });

  it('answers 404 for a receipt it does not know, and counts the days down as time passes', async () => {
    expect((await office.http('GET', `/applications/R${R}-19991231-000404`)).status).toBe(404);
    expect((await office.http('GET', `/applications/R${R}-19991231-000404/notifications`)).status).toBe(404);
    expect((await office.http('GET', `/shipments/S-NOWHERE`)).status).toBe(404);
    const receipt = await submit(aCitizen());
    office.clock.advanceDays(10);
    expect((await view(receipt)).daysLeft).toBe(50);
  });

  it('answers each refusal with the status of its kind, a stable code and the field at fault', async () => {
    const refusal = async (method: string, path: string, body?: unknown) => {
      const { status, body: answer } = await office.http(method, path, body);
      return { status, code: answer?.code, field: answer?.errors?.[0]?.field };
    };
    const arrival = (shipmentId: string, cardSerial: string) => refusal('POST', `/shipments/${shipmentId}/arrivals`, { cardSerial });
    expect(await refusal('GET', `/applications/R${R}-19991231-000405`)).toEqual({ status: 404, code: 'UNKNOWN_APPLICATION', field: 'receiptNumber' });
    expect(await refusal('GET', '/shipments/S-NOWHERE')).toEqual({ status: 404, code: 'UNKNOWN_SHIPMENT', field: 'shipmentId' });
    expect(await refusal('POST', '/applications', { kind: 'first' })).toMatchObject({ status: 400, code: 'INVALID_FIELDS' });
    expect(await refusal('POST', '/applications', '{"kind": ')).toEqual({ status: 400, code: 'MALFORMED_BODY', field: 'body' });

    // One card shipped for the application, then another for it (produced again) in a second shipment.
    const citizen = aCitizen();
    const receipt = await submit(citizen);
    await signOff(receipt, citizen);
    await waitFor('the application in production', statusIs(receipt, 'in_production'));
    const [first, again, stray] = [serial(), serial(), serial()];
    const [shipment, reshipment] = [`S${R}-${randomUUID().slice(0, 8)}`, `S${R}-${randomUUID().slice(0, 8)}`];
    await dispatch(
      shipment,
      [
        { receiptNumber: receipt, cardSerial: first },
        { receiptNumber: `R${R}-19991231-000002`, cardSerial: stray },
      ],
      citizen.idNumber,
    );
    await waitFor('the card shipped', statusIs(receipt, 'shipped'));
    await dispatch(reshipment, [{ receiptNumber: receipt, cardSerial: again }], citizen.idNumber);
    await waitFor('the second shipment recorded', async () => (await office.http('GET', `/shipments/${reshipment}`)).status === 200);

    const early = await office.http('POST', `/applications/${receipt}/handover`, { idNumber: citizen.idNumber });
    expect(early).toMatchObject({ status: 409, body: { code: 'WRONG_STATUS', currentStatus: 'shipped', errors: [{ field: 'receiptNumber' }] } });
    expect(await arrival(reshipment, again)).toEqual({ status: 409, code: 'NOT_THE_EXPECTED_CARD', field: 'cardSerial' });
    expect(await arrival(shipment, serial())).toEqual({ status: 409, code: 'CARD_NOT_IN_SHIPMENT', field: 'cardSerial' });
    expect(await arrival(shipment, stray)).toEqual({ status: 409, code: 'CARD_FOR_UNKNOWN_APPLICATION', field: 'cardSerial' });
    expect((await arrival(shipment, first)).status).toBe(200);
    expect(await arrival(shipment, first)).toEqual({ status: 409, code: 'CARD_ALREADY_ARRIVED', field: 'cardSerial' });
    const stranger = citizens.find((c) => c.idNumber !== citizen.idNumber)!;
    const handover = await refusal('POST', `/applications/${receipt}/handover`, { idNumber: stranger.idNumber });
    expect(handover).toEqual({ status: 403, code: 'NOT_THE_APPLICANT', field: 'idNumber' });
  });

  it('documents its HTTP API, the application form included, at /docs', async () => {
    const { status, body: doc } = await office.http('GET', '/docs-json');
    expect(status).toBe(200);
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/applications',
        '/applications/{receiptNumber}',
        '/applications/{receiptNumber}/notifications',
        '/applications/{receiptNumber}/handover',
        '/shipments/{shipmentId}',
        '/shipments/{shipmentId}/arrivals',
      ]),
    );
    expect(doc.paths['/applications'].post.requestBody.content['application/json'].schema.$ref).toBe('#/components/schemas/SubmitApplicationDto');
    expect(doc.components.schemas.SubmitApplicationDto.required).toEqual(
      expect.arrayContaining(['kind', 'citizen', 'receivingOfficeCode', 'photo', 'fingerprints', 'feePaidYuan', 'residenceDeclaration', 'delivery']),
    );
  });
});
