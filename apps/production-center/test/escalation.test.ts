import { MessageType, topics } from '@idcard/contracts';
import type { ServiceName } from '@idcard/contracts';
import { syntheticCitizens } from '@idcard/synthetic';
import { ServiceUnderTest, waitFor } from '@idcard/testing';
import { productionCenterSettingsFrom, startProductionCenter } from '../src';
import { actorFor, fromHomeRegistry, productionOrder, receipt } from './fixtures';

const DAY = 24 * 60 * 60 * 1000;
const P = '46';
const ORDERS = topics.productionOrders(P);

/** Hainan's centre (46) hears from Hainan's receiving office that orders are near or past their 60-day limit. */
describe('production centre: deadline escalations', () => {
  const hainanCitizens = syntheticCitizens(P, 40, 23);
  const uyghurCitizens = syntheticCitizens('65', 120, 23).filter((c) => c.ethnicGroup === '05');
  let next = 0;
  const citizen = () => hainanCitizens[next++];

  let centre: ServiceUnderTest;

  beforeAll(async () => {
    centre = await ServiceUnderTest.start({
      service: 'production-center',
      province: P,
      actorFor: actorFor(P),
      watch: [topics.receivingShipments(P), topics.productionOrders('65'), `${ORDERS}.dlq`],
      start: (base) =>
        startProductionCenter({
          ...base,
          ...productionCenterSettingsFrom({
            PRODUCTION_INTERVAL_MS: '0',
            CARDS_PER_RUN: '1',
            SHIPMENT_SIZE_LIMIT: '50',
            SHIPMENT_MAX_WAIT_MS: String(30 * DAY),
          }),
        }),
    });
  }, 60_000);

  afterAll(async () => {
    await centre?.stop();
  }, 30_000);

  type Queue = { total: number; orders: { receiptNumber: string; position: number; expedited: boolean; escalation: string }[] };
  const queue = async () => (await centre.http('GET', '/queue')).body as Queue;
  const positions = async () => (await queue()).orders.map((o) => o.receiptNumber);
  const shipmentsWith = (r: string) =>
    centre.log.envelopes(topics.receivingShipments(P), MessageType.ShipmentDispatched, (p: any) => p.cards.some((c: any) => c.receiptNumber === r));

  async function order(o: Parameters<typeof productionOrder>[0]): Promise<void> {
    const payload = productionOrder(o, centre.clock);
    await centre.sendMessage(ORDERS, o.citizen.idNumber, MessageType.ProductionOrdered, payload, fromHomeRegistry(payload));
  }

  /** DeadlineWarning or DeadlineBreached as Hainan's receiving office (or another source) sends it. */
  async function escalate(
    type: 'DeadlineWarning' | 'DeadlineBreached',
    receiptNumber: string,
    idNumber: string,
    source: { province: string; service: ServiceName } = { province: P, service: 'receiving-office' },
  ): Promise<string> {
    const daysLeft = type === 'DeadlineWarning' ? 5 : -1;
    const payload = { receiptNumber, dueAt: new Date(centre.clock.now().getTime() + daysLeft * DAY).toISOString(), daysLeft, status: 'in_production' };
    return (await centre.sendMessage(ORDERS, idNumber, type, payload, { from: source, correlationId: receiptNumber })).messageId;
  }

  it('moves a breached order to the front of the queue, a warned one right behind it, and ships the breached card alone at once', async () => {
    const now = centre.clock.now().getTime();
    const expedited = { receiptNumber: receipt(P, 1), citizen: citizen(), receivingOfficeCode: '46010101', expedited: true, dueAt: new Date(now + 55 * DAY) };
    const earliest = { receiptNumber: receipt(P, 2), citizen: citizen(), receivingOfficeCode: '46010101', dueAt: new Date(now + 10 * DAY) };
    const toWarn = { receiptNumber: receipt(P, 3), citizen: citizen(), receivingOfficeCode: '46010101', dueAt: new Date(now + 20 * DAY) };
    const toBreach = { receiptNumber: receipt(P, 4), citizen: citizen(), receivingOfficeCode: '46010101', dueAt: new Date(now + 30 * DAY) };
    for (const o of [expedited, earliest, toWarn, toBreach]) await order(o);
    await waitFor('the four orders queued', async () => (await queue()).total === 4);
    expect(await positions()).toEqual([expedited, earliest, toWarn, toBreach].map((o) => o.receiptNumber));

    await escalate('DeadlineWarning', toWarn.receiptNumber, toWarn.citizen.idNumber);
    await escalate('DeadlineBreached', toBreach.receiptNumber, toBreach.citizen.idNumber);
    await waitFor(
      'the breached order first',
      async () => (await queue()).orders[0].escalation === 'breached' && (await queue()).orders[1].escalation === 'warned',
    );
    const q = await queue();
    expect(q.orders.map((o) => [o.receiptNumber, o.escalation, o.expedited])).toEqual([
      [toBreach.receiptNumber, 'breached', true],
      [toWarn.receiptNumber, 'warned', true],
      [expedited.receiptNumber, 'none', true],
      [earliest.receiptNumber, 'none', false],
    ]);

    // One card per run: the breached one is made first and, expedited now, ships alone at once.
    expect((await centre.http('POST', `/production/run`)).body).toEqual({ produced: 1, dispatched: 1 });
    const [shipment] = await waitFor('the breached card shipped', () => shipmentsWith(toBreach.receiptNumber).length && shipmentsWith(toBreach.receiptNumber));
    expect(shipment.payload).toMatchObject({ expedited: true, cards: [{ receiptNumber: toBreach.receiptNumber }] });
    expect(await positions()).toEqual([toWarn, expedited, earliest].map((o) => o.receiptNumber));
  });

  it('keeps an escalation for an order it has not received yet and applies it when the order arrives', async () => {
    const late = { receiptNumber: receipt(P, 5), citizen: citizen(), receivingOfficeCode: '46010101' };
    await escalate('DeadlineBreached', late.receiptNumber, late.citizen.idNumber);
    await waitFor('the escalation kept', async () =>
      (await centre.http('GET', `/escalations`)).body.escalations.find((e: any) => e.receiptNumber === late.receiptNumber && e.appliedAs === null),
    );
    // A warning delivered after the breach does not soften it.
    await escalate('DeadlineWarning', late.receiptNumber, late.citizen.idNumber);

    await order(late);
    await waitFor('the late order at the front', async () => (await positions())[0] === late.receiptNumber);
    expect((await queue()).orders[0]).toMatchObject({ escalation: 'breached', expedited: true });
    const kept = (await centre.http('GET', `/escalations`)).body.escalations.find((e: any) => e.receiptNumber === late.receiptNumber);
    expect(kept).toMatchObject({ escalation: 'breached', daysLeft: -1, appliedAs: 'expedited' });
  });

  it('passes the escalation of a forwarded order on to the centre it went to, whether it came before or after the order', async () => {
    const [first, second] = uyghurCitizens;
    const before = { receiptNumber: receipt(P, 6), citizen: first, receivingOfficeCode: '46010101', cardScript: 'uyghur' };
    const after = { receiptNumber: receipt(P, 7), citizen: second, receivingOfficeCode: '46010101', cardScript: 'uyghur' };
    await escalate('DeadlineWarning', before.receiptNumber, first.idNumber);
    await order(before);
    await order(after);
    await waitFor('both orders forwarded', async () => {
      const views = await Promise.all([before, after].map((o) => centre.http('GET', `/orders/${o.receiptNumber}`)));
      return views.every((v) => v.body.state === 'forwarded');
    });
    await escalate('DeadlineBreached', after.receiptNumber, second.idNumber);

    const passedOn = (r: string) =>
      centre.log
        .envelopes(topics.productionOrders('65'), MessageType.DeadlineWarning, (p: any) => p.receiptNumber === r)
        .concat(centre.log.envelopes(topics.productionOrders('65'), MessageType.DeadlineBreached, (p: any) => p.receiptNumber === r));
    const [warning] = await waitFor('the warning passed on', () => passedOn(before.receiptNumber).length && passedOn(before.receiptNumber));
    expect(warning).toMatchObject({
      type: 'DeadlineWarning',
      source: { province: P, service: 'production-center' },
      payload: { receiptNumber: before.receiptNumber, daysLeft: 5 },
    });
    const [breach] = await waitFor('the breach passed on', () => passedOn(after.receiptNumber).length && passedOn(after.receiptNumber));
    expect(breach).toMatchObject({ type: 'DeadlineBreached', payload: { receiptNumber: after.receiptNumber, daysLeft: -1 } });
    // The order itself went first, so the other centre has it when the escalation arrives.
    const toXinjiang = centre.log.messages
      .filter((m) => m.topic === topics.productionOrders('65') && m.envelope?.correlationId === before.receiptNumber)
      .map((m) => m.envelope!.type);
    expect(toXinjiang).toEqual(['ProductionOrdered', 'DeadlineWarning']);
  });

  it('sends the open shipment holding a breached card on at once', async () => {
    const waiting = { receiptNumber: receipt(P, 8), citizen: citizen(), receivingOfficeCode: '46020202' };
    await order(waiting);
    await waitFor('the order queued', async () => (await positions()).includes(waiting.receiptNumber));
    // Make cards until this one is in its office's open batch (which would wait 30 days for its cut-off).
    await waitFor('the card made', async () => {
      await centre.http('POST', `/production/run`);
      return (await centre.http('GET', `/orders/${waiting.receiptNumber}`)).body.state === 'produced';
    });
    expect(shipmentsWith(waiting.receiptNumber)).toHaveLength(0);
    await escalate('DeadlineBreached', waiting.receiptNumber, waiting.citizen.idNumber);
    const [shipment] = await waitFor('the shipment sent on', () => shipmentsWith(waiting.receiptNumber).length && shipmentsWith(waiting.receiptNumber));
    expect(shipment.payload).toMatchObject({ receivingOfficeCode: '46020202', cards: [{ receiptNumber: waiting.receiptNumber }] });
  });

  it('dead-letters a deadline report from anyone but its receiving office or a production centre', async () => {
    const r = receipt(P, 9);
    const c = citizen();
    const messageId = await escalate('DeadlineBreached', r, c.idNumber, { province: '44', service: 'receiving-office' });
    const dead = await waitFor('the dead letter', () => centre.log.messages.find((m) => m.topic === `${ORDERS}.dlq` && m.envelope?.messageId === messageId));
    // Refused before the handler since messages are signed: the access rights let only a province's own receiving
    // office (or a production centre) report deadlines to its centre. The handler's own check stays as a second line.
    expect(dead.headers['x-dead-letter-reason']).toMatch(
      /^not-allowed: receiving-office 44 may not send DeadlineBreached to \S*idcard\.production\.46\.orders$/,
    );
  });
});
