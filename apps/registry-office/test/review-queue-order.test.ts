import { ServiceUnderTest, waitFor } from '@idcard/testing';
import { applicationFor, applicationWhen, deadlineReport, REGISTER_SEED, REGISTER_SIZE, startRegistry, submit, unusedCitizen } from './fixtures';

/** The registry office under test. */
let h: ServiceUnderTest;

beforeAll(async () => {
  h = await startRegistry();
  expect((await h.http('POST', '/register/seed', { count: REGISTER_SIZE, seed: REGISTER_SEED })).status).toBe(200);
}, 120_000); // a register seeded at start: minutes on a busy machine

afterAll(async () => {
  await h?.stop();
});

describe('manual review queue and the 60-day limit', () => {
  it('lists breached applications first, then warned ones, then the rest oldest first', async () => {
    // A fee that does not match the kind sends each to an officer; they arrive oldest first.
    const apps = [];
    for (let i = 0; i < 4; i++) {
      const c = unusedCitizen(h);
      const app = applicationFor(h, c, { feePaidYuan: 5 });
      await submit(h, app);
      await applicationWhen(h, app.receiptNumber, (v) => v.state === 'manual_review');
      apps.push({ app, c });
      h.clock.advance(60_000);
    }
    const [oldest, warned, plain, breached] = apps;
    await deadlineReport(
      h,
      'DeadlineWarning',
      { receiptNumber: warned.app.receiptNumber, dueAt: warned.app.dueAt, daysLeft: 15, status: 'submitted' },
      warned.c.idNumber,
      warned.app.receiptNumber,
    );
    await deadlineReport(
      h,
      'DeadlineBreached',
      { receiptNumber: breached.app.receiptNumber, dueAt: breached.app.dueAt, daysLeft: -1, status: 'submitted' },
      breached.c.idNumber,
      breached.app.receiptNumber,
    );
    await applicationWhen(h, breached.app.receiptNumber, (v) => v.deadline.breachedAt !== null);
    await applicationWhen(h, warned.app.receiptNumber, (v) => v.deadline.warnedAt !== null);

    const queue = await waitFor('the reordered queue', async () => {
      const items: any[] = (await h.http('GET', '/reviews')).body;
      return items[0]?.receiptNumber === breached.app.receiptNumber && items;
    });
    expect(queue.map((i) => i.receiptNumber)).toEqual([breached, warned, oldest, plain].map((a) => a.app.receiptNumber));
    expect(queue.map((i) => [i.deadlineBreached, i.deadlineWarned])).toEqual([
      [true, false],
      [false, true],
      [false, false],
      [false, false],
    ]);
  });
});
