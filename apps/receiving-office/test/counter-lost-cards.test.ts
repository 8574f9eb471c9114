import { AdjustableClock } from '@idcard/clock';
import { syntheticCitizens } from '@idcard/synthetic';
import { buildPages, launchChromium, openPage, screenshot, seriousAccessibilityFindings, ServiceUnderTest, waitFor } from '@idcard/testing';
import type { Browser, Page } from 'playwright-core';
import { registryOfficeSettingsFrom, startRegistryOffice } from '../../registry-office/src';
import { receivingOfficeSettingsFrom, startReceivingOffice } from '../src';
import { clerkOf, officeOf, receivingOfficeActors } from './fixtures';

const R = '65';
const HOME = '44';
const OFFICE = officeOf(R);
const REGISTER = { count: 24, seed: 7 };
/** Adults of the home register the suite seeds (each has a valid card there). */
const [lossCitizen, tempCitizen, finder] = syntheticCitizens(HOME, REGISTER.count, REGISTER.seed).filter((c) => c.birthDate < '2000-01-01');

/**
 * The counter's lost-card sections (issue 12 on the page of issue 15) in headless Chromium, answered by a real
 * registry office of the citizens' home province on the same broker: a loss report, a temporary ID, found cards.
 */
describe('the counter: loss reports, temporary IDs and found cards (/counter)', () => {
  const clock = new AdjustableClock();
  let registry: ServiceUnderTest;
  let office: ServiceUnderTest;
  let browser: Browser;
  let counter: Page;
  let errors: string[];

  beforeAll(async () => {
    buildPages();
    registry = await ServiceUnderTest.start({
      service: 'registry-office',
      province: HOME,
      clock,
      start: (config) => startRegistryOffice({ ...config, ...registryOfficeSettingsFrom({}) }),
      actorFor: () => ({ role: 'register-admin', province: HOME, name: '黄志强' }),
    });
    [office, browser] = await Promise.all([
      ServiceUnderTest.start({
        service: 'receiving-office',
        province: R,
        clock,
        kafka: registry.kafka,
        start: (config) =>
          startReceivingOffice({
            ...config,
            ...receivingOfficeSettingsFrom({ DEADLINE_TICK_MS: '0', FOUND_CARD_SWEEP_MS: '0', TEMPORARY_CARD_ANSWER_MS: '15000' }),
          }),
        actorFor: receivingOfficeActors(OFFICE),
      }),
      launchChromium(),
      registry.http('POST', '/register/seed', REGISTER).then((seeded) => {
        if (seeded.status !== 200) throw new Error(`seeding the register answered ${seeded.status}`);
      }),
    ]);
    ({ page: counter, errors } = await openPage(browser));
    await counter.goto(`${office.url}/counter`);
    await counter.locator('#sign-in-panel').waitFor({ timeout: 5000 });
    await counter.fill('#token', await office.token(clerkOf(OFFICE, '阿依古丽')));
    await counter.click('#sign-in button[type=submit]');
    await counter.locator('#workspace').waitFor();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await office?.stop();
    await registry?.stop();
  }, 30_000);

  const text = async (selector: string) => (await counter.locator(selector).textContent()) ?? '';
  const state = (selector: string) => counter.locator(selector).getAttribute('data-state');
  const currentCard = async (idNumber: string): Promise<string> => {
    const cards = (await registry.http('GET', `/register/citizens/${idNumber}/cards`)).body.cards as { cardSerial: string; status: string }[];
    return cards.find((c) => c.status === 'valid')!.cardSerial;
  };
  async function noSeriousFindings(): Promise<void> {
    expect(await seriousAccessibilityFindings(counter)).toEqual([]);
  }

  it('reports a loss: the ID number checked as typed, the server’s refusal of a field beside it, then the registry’s acceptance', async () => {
    const serial = await currentCard(lossCitizen.idNumber);
    const wrong = lossCitizen.idNumber.slice(0, 17) + (lossCitizen.idNumber[17] === '0' ? '1' : '0');
    await counter.fill('#lossId', wrong);
    expect(await text('#lossId-error')).toBe(`校验码应为 ${lossCitizen.idNumber[17]}，不是 ${wrong[17]}`);
    expect(await counter.locator('#lossId').getAttribute('aria-invalid')).toBe('true');
    await counter.fill('#lossId', lossCitizen.idNumber.toLowerCase());
    expect(await text('#lossId-error')).toBe('');
    expect(await text('#lossId-note')).toContain('广东省');

    // A serial the server refuses: its reason stands beside the serial.
    await counter.fill('#lossSerial', 'p44');
    await counter.click('#report-loss');
    await waitFor('the serial refused beside its field', async () => /10-20 upper-case/.test(await text('#lossSerial-error')));
    expect(await text('#loss-result')).toBe('请更正标出的 1 处。');
    await screenshot(counter, 'counter-loss-field-error');
    await noSeriousFindings();

    await counter.fill('#lossSerial', serial);
    await counter.selectOption('#lossHome', HOME);
    await counter.click('#report-loss');
    await waitFor('the loss accepted', async () => (await state('#loss-result')) === 'accepted');
    expect(await text('#loss-result')).toBe(`挂失成功：证件 ${serial} 已登记为丢失。`);
    expect(await text('#lossSerial-error')).toBe('');
    await screenshot(counter, 'counter-loss-accepted');
    await noSeriousFindings();

    // The same card again: refused, in plain words.
    await counter.click('#report-loss');
    await waitFor('the second report refused', async () => (await state('#loss-result')) === 'refused');
    expect(await text('#loss-result')).toMatch(/^户籍地不予挂失：(此证件已经挂失|所填证件不是此人现用的身份证)$/);
  });

  it('issues a temporary ID on the home registry’s word, after showing the fee; a name that does not match is refused', async () => {
    expect(await text('#temporary-fee')).toBe('工本费 10 元，有效期三个月。');
    await counter.fill('#tempId', tempCitizen.idNumber);
    await counter.fill('#tempName', `${tempCitizen.name}某`);
    await counter.click('#request-temporary');
    await waitFor('the refusal', async () => (await state('#temporary-result')) === 'refused');
    expect(await text('#temporary-result')).toBe('户籍地不予办理：姓名与户籍信息不符');
    expect(await counter.locator('#temporary-receipt').isHidden()).toBe(true);

    await counter.fill('#tempName', tempCitizen.name);
    await counter.click('#request-temporary');
    await waitFor('the temporary ID', async () => (await state('#temporary-result')) === 'issued');
    expect(await counter.locator('#temporary-receipt').isVisible()).toBe(true);
    const temporarySerial = await text('#temporary-serial');
    expect(temporarySerial).toMatch(/^[0-9A-Z]{10,20}$/);
    expect(await text('#temporary-valid-until')).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(await text('#temporary-name')).toBe(tempCitizen.name);
    await screenshot(counter, 'counter-temporary-id');
    await noSeriousFindings();

    await counter.click('#language-switch');
    expect(await text('#temporary-fee')).toBe('Fee 10 yuan; valid for three months.');
    expect(await text('#temporary-receipt-heading')).toBe('Temporary ID card');
    await counter.click('#language-switch');
  });

  it('records found cards: the lost one is to be destroyed, a valid one awaits its holder; destruction and collection recorded', async () => {
    const lostSerial = await currentCardOrLost(lossCitizen.idNumber);
    const finderSerial = await currentCard(finder.idNumber);
    for (const [serial, idNumber] of [
      [lostSerial, lossCitizen.idNumber],
      [finderSerial, finder.idNumber],
    ]) {
      await counter.fill('#foundSerial', serial);
      await counter.fill('#foundId', idNumber);
      await counter.click('#hand-in');
      // One read of the line: the state attribute and the text are set one after the other, so reading both could pair
      // the previous card's state with this card's text.
      await waitFor(`${serial} answered`, async () => (await text('#found-result')).startsWith(`户籍地已答复，证件 ${serial}：`));
      expect(await state('#found-result')).toMatch(/^(to_destroy|awaiting_collection)$/);
    }
    expect(await text('#found-result')).toBe(`户籍地已答复，证件 ${finderSerial}：待持证人领取。`);
    const row = (serial: string) => counter.locator(`#found-list tr[data-serial="${serial}"]`);
    await waitFor('both cards listed', async () => (await row(lostSerial).count()) === 1 && (await row(finderSerial).count()) === 1);
    expect(await row(lostSerial).getAttribute('data-status')).toBe('to_destroy');
    expect(await row(lostSerial).locator('td').nth(2).textContent()).toBe('待销毁');
    expect(await row(finderSerial).getAttribute('data-status')).toBe('awaiting_collection');
    expect(await row(lostSerial).locator('td').nth(1).textContent()).not.toBe(lossCitizen.idNumber);
    await screenshot(counter, 'counter-found-cards');
    await noSeriousFindings();

    await row(lostSerial).getByRole('button').click();
    await waitFor('destroyed', async () => (await row(lostSerial).getAttribute('data-status')) === 'destroyed');
    expect(await text('#found-action-result')).toBe(`证件 ${lostSerial} 已记录销毁。`);

    // Someone else's ID number: refused; the holder's: handed back.
    await row(finderSerial).locator('input').fill(tempCitizen.idNumber);
    await row(finderSerial).getByRole('button').click();
    await waitFor('refused for another person', async () => (await text('#found-action-result')).startsWith(`${finderSerial}：`));
    await row(finderSerial).locator('input').fill(finder.idNumber);
    await row(finderSerial).getByRole('button').click();
    await waitFor('collected', async () => (await row(finderSerial).getAttribute('data-status')) === 'collected');
    expect(await text('#found-action-result')).toBe(`证件 ${finderSerial} 已交还持证人。`);

    await counter.selectOption('#found-status', 'collected');
    await waitFor('only the collected card', async () => (await counter.locator('#found-list tbody tr').count()) === 1);
    expect(await counter.locator('#found-list tbody tr').getAttribute('data-serial')).toBe(finderSerial);
    await screenshot(counter, 'counter-found-collected');
    await noSeriousFindings();
    expect(errors).toEqual([]);
  });

  /** The card the first test reported lost (no longer valid in the register). */
  async function currentCardOrLost(idNumber: string): Promise<string> {
    const cards = (await registry.http('GET', `/register/citizens/${idNumber}/cards`)).body.cards as { cardSerial: string; status: string }[];
    return cards.find((c) => c.status !== 'valid')?.cardSerial ?? cards[0].cardSerial;
  }
});
