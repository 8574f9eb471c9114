import { AdjustableClock } from '@idcard/clock';
import { cardExpiryFor, cstDate, MessageType, topics } from '@idcard/contracts';
import { photoFields, syntheticCitizens, syntheticPhoto } from '@idcard/synthetic';
import { ServiceUnderTest, waitFor } from '@idcard/testing';
import { Client } from 'pg';
import { productionCenterSettingsFrom, startProductionCenter } from '../src';
import { actorFor, fromHomeRegistry, productionOrder, receipt } from './fixtures';

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;

/**
 * Hainan's centre (46) prints no second script; Xinjiang's (65) prints Uyghur and Kazakh. Hainan's line is driven
 * over HTTP (no timer), Xinjiang's runs on its own timer.
 */
describe('production centre', () => {
  const clock = new AdjustableClock();
  const hainanCitizens = syntheticCitizens('46', 40, 11);
  const xinjiangCitizens = syntheticCitizens('65', 80, 11);
  const uyghur = xinjiangCitizens.find((c) => c.ethnicGroup === '05')!;
  const kazakh = xinjiangCitizens.find((c) => c.ethnicGroup === '17')!;
  let nextCitizen = 0;
  const citizen = () => hainanCitizens[nextCitizen++];

  let hainan: ServiceUnderTest;
  let xinjiang: ServiceUnderTest;

  const ordersTo = (p: string) => topics.productionOrders(p);
  const run = async () => {
    const res = await hainan.http('POST', '/production/run');
    expect(res.status).toBe(200);
    return res.body as { produced: number; dispatched: number };
  };
  const queue = async () =>
    (await hainan.http('GET', '/queue')).body as { total: number; orders: { receiptNumber: string; position: number; expedited: boolean; dueAt: string }[] };
  const queued = async (...receipts: string[]) => {
    const q = await queue();
    return receipts.every((r) => q.orders.some((o) => o.receiptNumber === r)) && q;
  };
  const cardsProduced = (home: string, r: string) =>
    hainan.log.envelopes(topics.registryCards(home), MessageType.CardProduced, (p: any) => p.receiptNumber === r);
  const shipmentsWith = (province: string, r: string) =>
    hainan.log.envelopes(topics.receivingShipments(province), MessageType.ShipmentDispatched, (p: any) => p.cards.some((c: any) => c.receiptNumber === r));

  /**
   * What the centre sent on a topic, once all it has to send is out: its outbox holds no unsent row and the recorder has
   * read the topic to its end. Nothing there then means nothing was sent.
   */
  const allSentOn = async (topic: string) => {
    const client = new Client({ connectionString: hainan.database.url });
    await client.connect();
    try {
      await waitFor(
        'the outbox drained',
        async () => (await client.query(`SELECT count(*)::int AS n FROM outbox_message WHERE sent_at IS NULL`)).rows[0].n === 0,
      );
    } finally {
      await client.end();
    }
    const admin = hainan.kafkaClient.admin();
    await admin.connect();
    const end = (await admin.fetchTopicOffsets(topic).finally(() => admin.disconnect())).reduce((n, p) => n + Number(p.high), 0);
    await waitFor(`everything on ${topic} recorded`, () => hainan.log.on(topic).length >= end);
    return hainan.log.on(topic);
  };

  beforeAll(async () => {
    const shipments = { SHIPMENT_SIZE_LIMIT: '3', SHIPMENT_MAX_WAIT_MS: String(HOUR) };
    hainan = await ServiceUnderTest.start({
      service: 'production-center',
      province: '46',
      clock,
      actorFor: actorFor('46'),
      watch: [
        topics.registryCards('46'),
        topics.registryCards('65'),
        topics.receivingShipments('46'),
        ordersTo('65'),
        ordersTo('54'),
        `${ordersTo('46')}.dlq`,
        `${ordersTo('65')}.dlq`,
      ],
      start: (base) => startProductionCenter({ ...base, ...productionCenterSettingsFrom({ ...shipments, PRODUCTION_INTERVAL_MS: '0', CARDS_PER_RUN: '5' }) }),
    });
    xinjiang = await ServiceUnderTest.start({
      service: 'production-center',
      province: '65',
      clock,
      actorFor: actorFor('65'),
      kafka: hainan.kafka,
      start: (base) =>
        startProductionCenter({
          ...base,
          ...productionCenterSettingsFrom({ ...shipments, PRINTABLE_SCRIPTS: 'uyghur,kazakh', PRODUCTION_INTERVAL_MS: '100' }),
        }),
    });
  });

  afterAll(async () => {
    await xinjiang?.stop();
    await hainan?.stop();
  });

  async function order(o: Parameters<typeof productionOrder>[0]): Promise<Record<string, unknown>> {
    const payload = productionOrder(o, clock);
    await hainan.sendMessage(ordersTo('46'), o.citizen.idNumber, MessageType.ProductionOrdered, payload, fromHomeRegistry(payload));
    return payload;
  }

  it('makes an expedited card, tells the home registry and ships it alone at once', async () => {
    const c = citizen();
    const r = receipt('46', 1);
    await order({ receiptNumber: r, citizen: c, receivingOfficeCode: '46010101', expedited: true });
    await waitFor('the order in the queue', () => queued(r));

    expect(await run()).toEqual({ produced: 1, dispatched: 1 });

    const [produced] = await waitFor('CardProduced', () => cardsProduced('46', r).length && cardsProduced('46', r));
    const issueDate = cstDate(clock.now());
    expect(produced.source).toEqual({ province: '46', service: 'production-center' });
    expect(produced.correlationId).toBe(r);
    expect(produced.payload).toEqual({
      receiptNumber: r,
      cardSerial: expect.stringMatching(new RegExp(`^P46${issueDate.replace(/-/g, '')}\\d{8}$`)),
      idNumber: c.idNumber,
      issueDate,
      expiresOn: cardExpiryFor(c.birthDate, issueDate),
      producedBy: '46',
      producedAt: expect.any(String),
    });
    const [shipment] = await waitFor('ShipmentDispatched', () => shipmentsWith('46', r).length && shipmentsWith('46', r));
    expect(shipment.payload).toMatchObject({
      producedBy: '46',
      receivingOfficeCode: '46010101',
      expedited: true,
      cards: [{ receiptNumber: r, cardSerial: produced.payload.cardSerial }],
    });

    const view = await hainan.http('GET', `/shipments/${shipment.payload.shipmentId}`);
    expect(view.body).toMatchObject({ state: 'dispatched', expedited: true, cardCount: 1, cards: [{ position: 1, receiptNumber: r }] });
    const orderView = await hainan.http('GET', `/orders/${r}`);
    expect(orderView.body).toMatchObject({ state: 'produced', cardSerial: produced.payload.cardSerial, shipmentId: shipment.payload.shipmentId });
    expect(JSON.stringify(orderView.body)).not.toContain(c.idNumber);
  });

  it('sorts cards by receiving office into batches, never mixing offices, and ships a batch when it is full', async () => {
    const officeA = '46010202';
    const officeB = '46020303';
    // Receipts of office A arrive out of receipt order, so the manifest has something to sort.
    const a = [14, 11, 13, 12].map((n) => receipt('46', n));
    const b = [21, 22].map((n) => receipt('46', n));
    for (const r of a.slice(0, 3)) await order({ receiptNumber: r, citizen: citizen(), receivingOfficeCode: officeA });
    for (const r of b) await order({ receiptNumber: r, citizen: citizen(), receivingOfficeCode: officeB });
    await waitFor('the first orders in the queue', () => queued(...a.slice(0, 3), ...b));
    await order({ receiptNumber: a[3], citizen: citizen(), receivingOfficeCode: officeA });
    await waitFor('the last order in the queue', () => queued(a[3]));

    const first = await run();
    const second = await run();
    expect(first.produced + second.produced).toBe(6);
    expect(first.dispatched + second.dispatched).toBe(1);

    const [full] = await waitFor('the full shipment of office A', () => shipmentsWith('46', a[0]).length && shipmentsWith('46', a[0]));
    expect(full.payload.receivingOfficeCode).toBe(officeA);
    expect(full.payload.expedited).toBe(false);
    // The first three of office A to arrive, listed by receipt number.
    expect(full.payload.cards.map((c: { receiptNumber: string }) => c.receiptNumber)).toEqual([...a.slice(0, 3)].sort());

    const openA = (await hainan.http('GET', `/shipments?receivingOfficeCode=${officeA}&state=open`)).body;
    const openB = (await hainan.http('GET', `/shipments?receivingOfficeCode=${officeB}&state=open`)).body;
    expect(openA).toHaveLength(1);
    expect(openB).toHaveLength(1);
    expect(openA[0]).toMatchObject({ receivingOfficeCode: officeA, cardCount: 1, state: 'open', dispatchedAt: null });
    expect(openB[0]).toMatchObject({ receivingOfficeCode: officeB, cardCount: 2, state: 'open' });
    const manifestA = (await hainan.http('GET', `/shipments/${openA[0].shipmentId}`)).body;
    const manifestB = (await hainan.http('GET', `/shipments/${openB[0].shipmentId}`)).body;
    expect(manifestA.cards.map((c: { receiptNumber: string }) => c.receiptNumber)).toEqual([a[3]]);
    expect(manifestB.cards.map((c: { receiptNumber: string }) => c.receiptNumber)).toEqual([...b].sort());
    const dispatchedA = (await hainan.http('GET', `/shipments?receivingOfficeCode=${officeA}&state=dispatched`)).body;
    expect(dispatchedA.map((s: { shipmentId: string }) => s.shipmentId)).toEqual([full.payload.shipmentId]);
  });

  it('ships a batch that is not full once its oldest card has waited past the cut-off', async () => {
    const office = '46030404';
    const r = receipt('46', 31);
    await order({ receiptNumber: r, citizen: citizen(), receivingOfficeCode: office });
    await waitFor('the order in the queue', () => queued(r));
    expect(await run()).toEqual({ produced: 1, dispatched: 0 });
    const [open] = (await hainan.http('GET', `/shipments?receivingOfficeCode=${office}&state=open`)).body;
    expect(open.cardCount).toBe(1);

    clock.advance(HOUR - 60_000);
    expect((await run()).dispatched).toBe(0);
    const stillOpen = (await hainan.http('GET', `/shipments?state=open`)).body as { shipmentId: string }[];
    expect(stillOpen.map((s) => s.shipmentId)).toContain(open.shipmentId);

    clock.advance(60_000);
    expect(await run()).toEqual({ produced: 0, dispatched: stillOpen.length });
    const [shipped] = await waitFor('ShipmentDispatched at the cut-off', () => shipmentsWith('46', r).length && shipmentsWith('46', r));
    expect(shipped.payload).toMatchObject({ shipmentId: open.shipmentId, receivingOfficeCode: office, expedited: false });
    const view = (await hainan.http('GET', `/shipments/${open.shipmentId}`)).body;
    expect(view.state).toBe('dispatched');
    expect(Date.parse(view.dispatchedAt) - Date.parse(view.openedAt)).toBeGreaterThanOrEqual(HOUR);
    expect((await hainan.http('GET', `/shipments?state=open`)).body).toEqual([]);
  });

  it('makes expedited cards first, then those due earliest, then in order of arrival', async () => {
    const now = clock.now().getTime();
    const office = '46050505';
    const plan = [
      { n: 41, expedited: false, dueInDays: 30 },
      { n: 42, expedited: false, dueInDays: 10 },
      { n: 43, expedited: true, dueInDays: 50 },
      { n: 44, expedited: true, dueInDays: 20 },
      { n: 45, expedited: false, dueInDays: 40 },
    ];
    for (const p of plan) {
      await order({
        receiptNumber: receipt('46', p.n),
        citizen: citizen(),
        receivingOfficeCode: office,
        expedited: p.expedited,
        dueAt: new Date(now + p.dueInDays * DAY),
      });
    }
    await waitFor('five orders in the queue', () => queued(...plan.map((p) => receipt('46', p.n))));
    // Due the same day as 42 but arriving after it.
    await order({ receiptNumber: receipt('46', 46), citizen: citizen(), receivingOfficeCode: office, dueAt: new Date(now + 10 * DAY) });
    const q = await waitFor('the sixth order in the queue', () => queued(receipt('46', 46)));

    const expected = [44, 43, 42, 46, 41, 45].map((n) => receipt('46', n));
    expect(q.total).toBe(6);
    expect(q.orders.map((o) => [o.position, o.receiptNumber, o.expedited])).toEqual(expected.map((r, i) => [i + 1, r, i < 2]));

    // Five cards a run: the first five in queue order, their serials rising in that order; the sixth waits.
    expect((await run()).produced).toBe(5);
    expect((await queue()).orders.map((o) => o.receiptNumber)).toEqual([expected[5]]);
    const serials = await waitFor('five cards', () => {
      const cards = expected.slice(0, 5).map((r) => cardsProduced('46', r)[0]?.payload.cardSerial as string | undefined);
      return cards.every(Boolean) && (cards as string[]);
    });
    expect([...serials].sort()).toEqual(serials);
    expect((await run()).produced).toBe(1);
  });

  it('passes a card it cannot print to the centre of its script, which makes it and ships it to the original receiving office', async () => {
    const office = '46060606';
    const ru = receipt('46', 51);
    const rk = receipt('46', 52);
    const uyghurOrder = await order({ receiptNumber: ru, citizen: uyghur, receivingOfficeCode: office, cardScript: 'uyghur', expedited: true });
    await order({ receiptNumber: rk, citizen: kazakh, receivingOfficeCode: office, cardScript: 'kazakh' });

    const forwarded = await waitFor('the forwarded order', () => {
      const found = hainan.log.envelopes(ordersTo('65'), MessageType.ProductionOrdered, (p: any) => p.receiptNumber === ru);
      return found.length && found;
    });
    expect(forwarded).toHaveLength(1);
    expect(forwarded[0].source).toEqual({ province: '46', service: 'production-center' });
    expect(forwarded[0].payload).toEqual({ ...uyghurOrder, forwardedFrom: '46' });
    expect((await hainan.http('GET', `/orders/${ru}`)).body).toMatchObject({ state: 'forwarded', forwardedTo: '65', cardSerial: null });
    expect((await queue()).orders.map((o) => o.receiptNumber)).not.toContain(ru);

    // Xinjiang's line runs on its timer: the expedited Uyghur card leaves at once, to Hainan's receiving office.
    const [card] = await waitFor('CardProduced by Xinjiang', () => cardsProduced('65', ru).length && cardsProduced('65', ru));
    expect(card.payload).toMatchObject({ producedBy: '65', idNumber: uyghur.idNumber, cardSerial: expect.stringMatching(/^P65/) });
    // Made by Xinjiang's timer, not by an operator's run: no person on the card.
    expect((await xinjiang.http('GET', `/orders/${ru}`)).body).toMatchObject({ state: 'produced', cardSerial: card.payload.cardSerial, producedBy: null });
    const [shipment] = await waitFor('the shipment to Hainan', () => shipmentsWith('46', ru).length && shipmentsWith('46', ru));
    expect(shipment.source.province).toBe('65');
    expect(shipment.payload).toMatchObject({
      producedBy: '65',
      receivingOfficeCode: office,
      expedited: true,
      cards: [{ receiptNumber: ru, cardSerial: card.payload.cardSerial }],
    });

    // The Kazakh card waits in Xinjiang's batch for the office until the cut-off, which Xinjiang's timer notices.
    await waitFor('the Kazakh card in an open batch', async () => {
      const open = (await xinjiang.http('GET', `/shipments?receivingOfficeCode=${office}&state=open`)).body;
      return open.length === 1 && open[0].cardCount === 1;
    });
    clock.advance(HOUR);
    const [batch] = await waitFor('the batch at the cut-off', () => shipmentsWith('46', rk).length && shipmentsWith('46', rk));
    expect(batch.payload).toMatchObject({ producedBy: '65', receivingOfficeCode: office, expedited: false });
  });

  it('refuses, instead of passing on again, a forwarded order it cannot print', async () => {
    // Xinjiang, the receiving province, forwards a Tibetan card to Hainan (a misconfigured SCRIPT_CENTRES, say).
    const r = receipt('65', 61);
    const next = receipt('46', 62);
    const tibetanOrder = productionOrder(
      { receiptNumber: r, citizen: citizen(), receivingOfficeCode: '65010101', cardScript: 'tibetan', forwardedFrom: '65' },
      clock,
    );
    await hainan.sendMessage(ordersTo('46'), 'k', MessageType.ProductionOrdered, tibetanOrder, fromHomeRegistry(tibetanOrder));
    await order({ receiptNumber: next, citizen: citizen(), receivingOfficeCode: '46070707' });
    const [dead] = await waitFor('the dead letter', () => {
      const found = hainan.log.messages.filter((m) => m.topic === `${ordersTo('46')}.dlq` && m.envelope?.payload?.receiptNumber === r);
      return found.length && found;
    });
    expect(dead.headers['x-dead-letter-reason']).toContain('already forwarded by centre 65');
    await waitFor('the next order in the queue', () => queued(next));
    expect((await hainan.http('GET', `/orders/${r}`)).status).toBe(404);
    expect(await allSentOn(ordersTo('54'))).toEqual([]); // not passed on to Tibet's centre, which prints Tibetan
    await run();
  });

  it('makes one card of an order delivered twice, or sent again under a new message id', async () => {
    const c = citizen();
    const r = receipt('46', 71);
    const marker = receipt('46', 72);
    const payload = productionOrder({ receiptNumber: r, citizen: c, receivingOfficeCode: '46080808' }, clock);
    const envelope = await hainan.sendMessage(ordersTo('46'), c.idNumber, MessageType.ProductionOrdered, payload, fromHomeRegistry(payload));
    await hainan.send(ordersTo('46'), c.idNumber, envelope);
    await hainan.sendMessage(ordersTo('46'), c.idNumber, MessageType.ProductionOrdered, payload, fromHomeRegistry(payload));
    // Same key, so the same partition: once the marker is in, the three copies before it have been handled.
    const markerOrder = productionOrder({ receiptNumber: marker, citizen: c, receivingOfficeCode: '46080808' }, clock);
    await hainan.sendMessage(ordersTo('46'), c.idNumber, MessageType.ProductionOrdered, markerOrder, fromHomeRegistry(markerOrder));
    const q = await waitFor('the marker in the queue', () => queued(marker));
    expect(q.orders.filter((o) => o.receiptNumber === r)).toHaveLength(1);

    expect(await run()).toMatchObject({ produced: 2 });
    await waitFor('the marker card', () => cardsProduced('46', marker).length);
    expect(cardsProduced('46', r)).toHaveLength(1);
    const [open] = (await hainan.http('GET', `/shipments?receivingOfficeCode=46080808&state=open`)).body;
    expect((await hainan.http('GET', `/shipments/${open.shipmentId}`)).body.cards.map((l: { receiptNumber: string }) => l.receiptNumber)).toEqual([r, marker]);
  });

  it('dead-letters an unreadable or inapplicable message with the reason and goes on with the next', async () => {
    const c = citizen();
    const bad = productionOrder({ receiptNumber: receipt('46', 81), citizen: c, receivingOfficeCode: '4608' }, clock);
    const elsewhere = productionOrder({ receiptNumber: receipt('46', 82), citizen: c, receivingOfficeCode: '11010501', receivingProvince: '46' }, clock);
    const unprintable = {
      ...productionOrder({ receiptNumber: receipt('46', 84), citizen: c, receivingOfficeCode: '46090909' }, clock),
      photo: photoFields(syntheticPhoto(100, 120)),
    };
    const next = receipt('46', 83);
    await hainan.send(ordersTo('46'), c.idNumber, 'this is not json');
    for (const payload of [bad, elsewhere, unprintable])
      await hainan.sendMessage(ordersTo('46'), c.idNumber, MessageType.ProductionOrdered, payload, fromHomeRegistry(payload));
    await order({ receiptNumber: next, citizen: c, receivingOfficeCode: '46090909' });

    await waitFor('the next order in the queue', () => queued(next));
    const dead = await waitFor('four dead letters', () => {
      const found = hainan.log.messages.filter((m) => m.topic === `${ordersTo('46')}.dlq` && m.key === c.idNumber);
      return found.length === 4 && found;
    });
    expect(dead.map((d) => d.headers['x-original-topic'])).toEqual(Array(4).fill(ordersTo('46')));
    expect(dead[0].raw).toBe('this is not json');
    expect(dead[0].headers['x-dead-letter-reason']).toMatch(/^not JSON/);
    expect(dead[1].headers['x-dead-letter-reason']).toContain('receivingOfficeCode');
    expect(dead[2].headers['x-dead-letter-reason']).toMatch(/receivingOfficeCode.*11010501/);
    // Well formed, but no card can be printed from it: refused at once rather than retried.
    expect(dead[3].headers['x-dead-letter-reason']).toBe(
      `photo of ${receipt('46', 84)} cannot be printed: the photo is 100 × 120 pixels; the standard is 358 × 441`,
    );
    expect((await hainan.http('GET', `/orders/${receipt('46', 84)}`)).status).toBe(404);
    await run();
  });

  it('shares the queue between runs at the same time: every card made once, one open batch per office', async () => {
    const offices = ['46100101', '46100202'];
    const receipts = Array.from({ length: 8 }, (_, i) => receipt('46', 91 + i));
    for (const [i, r] of receipts.entries()) await order({ receiptNumber: r, citizen: citizen(), receivingOfficeCode: offices[i % 2] });
    await waitFor('eight orders in the queue', () => queued(...receipts));

    const runs = await Promise.all([run(), run(), run()]);
    expect(runs.reduce((sum, r) => sum + r.produced, 0)).toBe(8);
    const orders = await Promise.all(receipts.map(async (r) => (await hainan.http('GET', `/orders/${r}`)).body));
    expect(orders.every((o) => o.state === 'produced')).toBe(true);
    expect(new Set(orders.map((o) => o.cardSerial)).size).toBe(8);
    for (const office of offices) {
      const open = (await hainan.http('GET', `/shipments?receivingOfficeCode=${office}&state=open`)).body;
      expect(open).toHaveLength(1);
      expect(open[0].cardCount).toBe(1); // four cards an office, three a full shipment
    }
  });

  it('answers malformed queries with 400 naming each field, and unknown shipments and receipts with 404', async () => {
    const bad = await hainan.http('GET', `/shipments?state=closed&receivingOfficeCode=4601`);
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['receivingOfficeCode', 'state']);
    expect((await hainan.http('GET', `/queue?limit=0`)).status).toBe(400);
    const noShipment = await hainan.http('GET', `/shipments/S46-20260101-999999`);
    expect(noShipment.status).toBe(404);
    expect(noShipment.body.errors).toEqual([{ field: 'shipmentId', reason: expect.stringContaining('S46-20260101-999999') }]);
    const noOrder = await hainan.http('GET', `/orders/R46-NOSUCH-0000`);
    expect(noOrder.status).toBe(404);
    expect(noOrder.body.errors[0].field).toBe('receiptNumber');
  });

  it('answers every refusal in the one error body, with a stable code', async () => {
    const bad = await hainan.http('GET', '/shipments?state=closed&limit=many');
    expect(bad).toMatchObject({ status: 400, body: { statusCode: 400, error: 'Bad Request', code: 'INVALID_FIELDS' } });
    expect([...new Set(bad.body.errors.map((e: { field: string }) => e.field))].sort()).toEqual(['limit', 'state']);
    expect((await hainan.http('GET', '/escalations?limit=0')).body).toMatchObject({ code: 'INVALID_FIELDS', errors: [{ field: 'limit' }] });

    const noShipment = await hainan.http('GET', '/shipments/S46-20260101-999999');
    expect(noShipment.body).toEqual({
      statusCode: 404,
      error: 'Not Found',
      code: 'UNKNOWN_SHIPMENT',
      message: 'no shipment S46-20260101-999999 at this production centre',
      errors: [{ field: 'shipmentId', reason: 'no shipment S46-20260101-999999 at this production centre' }],
    });
    const noOrder = await hainan.http('GET', '/orders/R46-NOSUCH-0000');
    expect(noOrder.body).toEqual({
      statusCode: 404,
      error: 'Not Found',
      code: 'UNKNOWN_ORDER',
      message: 'no order with receipt number R46-NOSUCH-0000 at this production centre',
      errors: [{ field: 'receiptNumber', reason: 'no order with receipt number R46-NOSUCH-0000 at this production centre' }],
    });

    const malformed = await hainan.http('POST', '/production/run', '{"kind": ');
    expect(malformed).toMatchObject({ status: 400, body: { code: 'MALFORMED_BODY', errors: [{ field: 'body' }] } });
    expect((await hainan.http('GET', '/no/such/route')).body).toMatchObject({ statusCode: 404, code: 'UNKNOWN_ROUTE' });
  });
});
