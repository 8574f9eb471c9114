import { randomUUID } from 'crypto';
import { MessageType, topics } from '@idcard/contracts';
import { syntheticFingerprints, syntheticPhoto } from '@idcard/synthetic';
import { buildPages, launchChromium, openPage, screenshot, seriousAccessibilityFindings, ServiceUnderTest, waitFor } from '@idcard/testing';
import type { Browser, Page } from 'playwright-core';
import { receivingOfficeSettingsFrom, startReceivingOffice } from '../src';
import { applicationForm, citizensOf, clerkOf, officeOf, receivingOfficeActors } from './fixtures';

const R = '65';
const HOME = '44';
const OFFICE = officeOf(R);
const fromRegistry = { province: HOME, service: 'registry-office' } as const;
const fromProduction = { province: R, service: 'production-center' } as const;
const [citizen, neighbour] = citizensOf(HOME, 2, 23);
const serial = () => `C${R}${randomUUID().replace(/-/g, '').slice(0, 12).toUpperCase()}`;

/** The pages of a receiving office in headless Chromium: the clerk's counter and the citizen's progress page. */
describe('receiving office pages (/counter, /track)', () => {
  let office: ServiceUnderTest;
  let browser: Browser;
  let counter: Page;
  let counterErrors: string[];
  let receipt: string;
  let neighbourReceipt: string;
  const cards = { mine: serial(), neighbour: serial(), stray: serial() };
  const shipmentId = `S${R}-${randomUUID().slice(0, 8)}`;

  beforeAll(async () => {
    buildPages();
    [office, browser] = await Promise.all([
      ServiceUnderTest.start({
        service: 'receiving-office',
        province: R,
        start: (config) => startReceivingOffice({ ...config, ...receivingOfficeSettingsFrom({}) }),
        actorFor: receivingOfficeActors(OFFICE),
        access: { lookupRateLimitPerMinute: 25 },
      }),
      launchChromium(),
    ]);
    ({ page: counter, errors: counterErrors } = await openPage(browser));
  }, 90_000);
  afterAll(async () => {
    await browser?.close();
    await office?.stop();
  }, 30_000);

  const field = (page: Page, id: string) => page.locator(`#${id}-error`);
  async function noSeriousFindings(page: Page): Promise<void> {
    expect(await seriousAccessibilityFindings(page)).toEqual([]);
  }

  it('serves the pages with a CSP of its own origin only, and their modules as JavaScript', async () => {
    const res = await fetch(`${office.url}/counter`);
    expect(res.status).toBe(200);
    const csp = res.headers.get('content-security-policy')!;
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("default-src 'self'");
    expect(csp).not.toMatch(/unsafe-inline|https:|upgrade-insecure-requests/);
    const html = await res.text();
    expect(html).toContain('<html lang="zh-CN">');
    expect(html).not.toMatch(/<script>|<script [^>]*>[^<]+<\/script>|style="/);
    const module = await fetch(`${office.url}/pages/assets/libs/contracts/src/citizen-id/citizen-id`);
    expect(module.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(await module.text()).toContain('export function parseCitizenId');
    expect((await fetch(`${office.url}/pages/assets/apps/receiving-office/src/main`)).status).toBe(404);
    expect((await fetch(`${office.url}/pages/assets/..%2F..%2Fpackage.json`)).status).toBe(404);
    // The data behind the counter stays guarded: the clerk's list of parcels needs a clerk's token.
    expect((await office.http('GET', '/shipments', undefined, { as: null })).status).toBe(401);
    expect((await office.http('GET', '/shipments', undefined, { as: { role: 'ops', name: '值班运维' } })).status).toBe(403);
    expect(await office.http('GET', '/shipments', undefined, { as: clerkOf(OFFICE) })).toEqual({ status: 200, body: [] });
  });

  it('lets a clerk sign in, see a wrong check character beside the field, correct it and print the receipt', async () => {
    await counter.goto(`${office.url}/counter`);
    await counter
      .locator('#sign-in-panel')
      .waitFor({ timeout: 5000 })
      .catch(() => {
        throw new Error(`no sign-in form: ${counterErrors.join('\n')}`);
      });
    await counter.fill('#token', await office.token({ role: 'reviewer', province: R, name: '审核员' }));
    await counter.click('#sign-in button[type=submit]');
    expect(await counter.locator('#sign-in-error').textContent()).toContain('clerk');
    await counter.fill('#token', await office.token(clerkOf(OFFICE, '阿依古丽')));
    await counter.click('#sign-in button[type=submit]');
    await counter.locator('#workspace').waitFor();
    expect(await counter.locator('#who').textContent()).toContain('阿依古丽');
    expect(await counter.locator('#office-code').textContent()).toBe(OFFICE);

    const wrong = citizen.idNumber.slice(0, 17) + (citizen.idNumber[17] === '0' ? '1' : '0');
    await counter.fill('#idNumber', wrong);
    expect(await field(counter, 'idNumber').textContent()).toBe(`校验码应为 ${citizen.idNumber[17]}，不是 ${wrong[17]}`);
    expect(await counter.locator('#idNumber').getAttribute('aria-invalid')).toBe('true');
    await counter.fill('#name', citizen.name);
    await counter.selectOption('#sex', citizen.sex);
    await counter.fill('#birthDate', citizen.birthDate);
    await counter.selectOption('#ethnicGroup', citizen.ethnicGroup);
    // A photo of the wrong size is refused as it is chosen, by the same rule the server applies.
    await counter.setInputFiles('#photo', { name: 'big.jpg', mimeType: 'image/jpeg', buffer: syntheticPhoto(400, 500) });
    // The photo is read and checked asynchronously once chosen: wait for the line to say so.
    await waitFor('the wrong size named', async () => (await field(counter, 'photo').textContent()) === '照片为 400 × 500 像素，标准为 358 × 441');
    await counter.setInputFiles('#photo', { name: 'photo.jpg', mimeType: 'image/jpeg', buffer: syntheticPhoto() });
    await waitFor('the right photo accepted', async () => (await field(counter, 'photo').textContent()) === '');
    const prints = syntheticFingerprints(3).map((b64, i) => ({
      name: `finger-${i}.tpl`,
      mimeType: 'application/octet-stream',
      buffer: Buffer.from(b64, 'base64'),
    }));
    await counter.setInputFiles('#fingerprints', prints);
    // The fee follows the kind: a lost card is 40 yuan; 20 typed for it is wrong.
    await counter.selectOption('#kind', 'lost');
    expect(await counter.inputValue('#fee')).toBe('40');
    await counter.fill('#fee', '20');
    expect(await field(counter, 'fee').textContent()).toBe('应为 40 元');
    await counter.selectOption('#kind', 'renewal');
    expect(await field(counter, 'fee').textContent()).toBe('');
    await counter.fill('#address', '乌鲁木齐市天山区某街道 8 号');

    // Submitted anyway: the server refuses it and its reason stands beside the field.
    await counter.click('#submit');
    await waitFor('the server’s error beside the ID number', async () =>
      /check character should be/.test((await field(counter, 'idNumber').textContent()) ?? ''),
    );
    expect(await counter.locator('#form-error').textContent()).toBe('请更正标出的 1 处。');
    await screenshot(counter, 'counter-field-error');
    await noSeriousFindings(counter);

    await counter.fill('#idNumber', citizen.idNumber);
    expect(await field(counter, 'idNumber').textContent()).toBe('');
    expect(await counter.locator('#idNumber-note').textContent()).toContain(citizen.birthDate);
    await counter.click('#submit');
    await counter.locator('#receipt').waitFor();
    receipt = (await counter.locator('#receipt-number').textContent())!;
    expect(receipt).toMatch(new RegExp(`^R${R}-\\d{8}-\\d{6}$`));
    expect(await counter.locator('#receipt-days').textContent()).toContain('还剩 60 天');
    expect(await counter.locator('#application').isHidden()).toBe(true);
    await screenshot(counter, 'counter-receipt');
    await noSeriousFindings(counter);

    const stored = await office.http('GET', `/applications/${receipt}`);
    expect(stored.body).toMatchObject({ status: 'submitted', kind: 'renewal', receivingOfficeCode: OFFICE });
    expect(stored.body.timeline[0].actor).toMatchObject({ name: '阿依古丽', office: OFFICE });
  });

  /** The citizen's phone: look the receipt up and read where it stands. */
  async function lookUp(page: Page, last4 = citizen.idNumber.slice(-4)): Promise<string | null> {
    await page.fill('#receipt', receipt.toLowerCase());
    await page.fill('#last4', last4);
    await page.click('#search');
    await page.waitForFunction(() => !(globalThis as any).document.getElementById('search').disabled);
    return (await page.locator('#progress').isHidden()) ? null : page.locator('#status').getAttribute('data-status');
  }

  it('lets a citizen follow the receipt from submitted to ready for collection; a clerk scans the shipment and hands a card over', async () => {
    const { page: phone, errors: phoneErrors } = await openPage(browser, { width: 390, height: 844 });
    await phone.goto(`${office.url}/track`);
    expect(await lookUp(phone)).toBe('submitted');
    expect(await phone.locator('#status').textContent()).toBe('已受理，等待户籍地公安机关审核');
    expect(await phone.locator('#days-left').textContent()).toMatch(/^60 天办理时限还剩 60 天/);
    expect(await phone.locator('#applicant').textContent()).toBe(
      `申请人：${[...citizen.name][0]}${'*'.repeat([...citizen.name].length - 1)}（${citizen.idNumber.slice(0, 6)}***********${citizen.idNumber[17]}）`,
    );
    expect(await phone.locator('#main').textContent()).not.toContain(citizen.idNumber);
    await noSeriousFindings(phone);

    // A wrong pair and an unknown receipt read the same.
    expect(await lookUp(phone, citizen.idNumber.slice(-4) === '0000' ? '1111' : '0000')).toBeNull();
    const wrongPair = await phone.locator('#lookup-error').textContent();
    expect(wrongPair).toBe('没有找到这份申请。请核对受理编号和身份证号码后四位。');
    expect(await phone.locator('#progress').isHidden()).toBe(true);
    const unknown = await office.http(
      'POST',
      '/track/lookup',
      { receiptNumber: `R${R}-19990101-000001`, idNumberLast4: citizen.idNumber.slice(-4) },
      { as: null },
    );
    const mismatched = await office.http('POST', '/track/lookup', { receiptNumber: receipt, idNumberLast4: '000X' }, { as: null });
    expect([unknown.status, mismatched.status]).toEqual([404, 404]);
    expect(JSON.stringify(mismatched.body)).toBe(JSON.stringify(unknown.body).replaceAll(`R${R}-19990101-000001`, receipt));

    // The home registry signs both off; the centre ships their cards with one more that never comes.
    neighbourReceipt = (await office.http('POST', '/applications', applicationForm(neighbour, R, { delivery: { method: 'kiosk' } }))).body.receiptNumber;
    for (const [r, c] of [
      [receipt, citizen],
      [neighbourReceipt, neighbour],
    ] as const) {
      const payload = { receiptNumber: r, productionProvince: R, reviewedBy: 'automatic', signedOffAt: office.clock.now().toISOString() };
      await office.sendMessage(topics.receivingDecisions(R), c.idNumber, MessageType.ApplicationSignedOff, payload, { correlationId: r, from: fromRegistry });
    }
    await waitFor('in production', async () => (await lookUp(phone)) === 'in_production');
    expect(await phone.locator('#status').textContent()).toBe('正在制作身份证');
    const dispatch = {
      shipmentId,
      producedBy: R,
      receivingOfficeCode: OFFICE,
      expedited: false,
      dispatchedAt: office.clock.now().toISOString(),
      cards: [
        { receiptNumber: receipt, cardSerial: cards.mine },
        { receiptNumber: neighbourReceipt, cardSerial: cards.neighbour },
        { receiptNumber: `R${R}-19991231-000001`, cardSerial: cards.stray },
      ],
    };
    await office.sendMessage(topics.receivingShipments(R), OFFICE, MessageType.ShipmentDispatched, dispatch, {
      correlationId: shipmentId,
      from: fromProduction,
    });
    await waitFor('shipped', async () => (await lookUp(phone)) === 'shipped');

    // The clerk opens the parcel and scans the cards one after another; the stray card stays missing.
    await counter.click('#refresh-shipments');
    const row = counter.locator(`#shipments tr[data-shipment="${shipmentId}"]`);
    await row.waitFor();
    expect(await row.locator('td').nth(2).textContent()).toBe('已到 0 / 3');
    await row.locator('button').click();
    await counter.locator('#manifest-cards tr[data-card]').first().waitFor();
    for (const card of [cards.mine, cards.neighbour]) {
      await counter.fill('#scan', card.toLowerCase());
      await counter.press('#scan', 'Enter');
      await waitFor(`${card} marked arrived`, async () => (await counter.locator(`tr[data-card="${card}"]`).getAttribute('class')) === 'arrived');
      expect(await counter.locator('#scan-result').textContent()).toBe(`${card} 已登记到达，已短信通知申请人。`);
      expect(await counter.evaluate(() => (globalThis as any).document.activeElement?.id)).toBe('scan');
    }
    await counter.fill('#scan', cards.mine);
    await counter.press('#scan', 'Enter');
    await waitFor('a second scan refused', async () => /^C65\w+：/.test((await counter.locator('#scan-result').textContent()) ?? ''));
    expect(await counter.locator(`tr[data-card="${cards.stray}"]`).getAttribute('class')).toBe('missing');
    expect(await counter.locator(`tr[data-card="${cards.stray}"] td`).nth(3).textContent()).toBe('未到');
    expect(await counter.locator('#manifest-count').textContent()).toBe('已到 2 / 3');
    await screenshot(counter, 'counter-arrivals');
    await noSeriousFindings(counter);

    // Ready for collection, with where and how, and the SMS that said so.
    await waitFor('arrived, with its SMS', async () => (await lookUp(phone)) === 'arrived' && (await phone.locator('#notices li time').count()) === 1);
    expect(await phone.locator('#status').textContent()).toBe('身份证已到达，可以领取');
    expect(await phone.locator('#timeline li').evaluateAll((items) => items.map((i) => i.getAttribute('data-step')))).toEqual([
      'submitted',
      'signed_off',
      'in_production',
      'shipped',
      'arrived',
    ]);
    expect(await phone.locator('#collection').textContent()).toContain(`请携带受理回执到受理点 ${OFFICE}（新疆维吾尔自治区）窗口领取。`);
    expect(await phone.locator('#notices').textContent()).toContain(receipt);
    await screenshot(phone, 'track-ready');
    await noSeriousFindings(phone);

    // The English switch, kept for the next visit.
    await phone.click('#language-switch');
    expect(await phone.locator('#status').textContent()).toBe('Your card has arrived and is ready for collection');
    expect(await phone.locator('h1').textContent()).toBe('Resident ID card: follow your application');
    expect(await phone.evaluate(() => (globalThis as any).document.documentElement.lang)).toBe('en');
    await screenshot(phone, 'track-ready-en');
    await noSeriousFindings(phone);

    // The neighbour collects: the clerk reads their card and hands the new one over.
    await counter.fill('#handoverReceipt', neighbourReceipt);
    await counter.fill('#handoverId', citizen.idNumber);
    await counter.click('#handover button[type=submit]');
    await waitFor('refused for another person', async () => /^不能发证/.test((await counter.locator('#handover-result').textContent()) ?? ''));
    await counter.fill('#handoverId', neighbour.idNumber);
    await counter.click('#handover button[type=submit]');
    await waitFor('handed over', async () => (await counter.locator('#handover-result').textContent()) === `${neighbourReceipt} 已发证。`);
    expect((await office.http('GET', `/applications/${neighbourReceipt}`)).body.status).toBe('handed_over');
    await screenshot(counter, 'counter-handover');
    await noSeriousFindings(counter);

    expect(phoneErrors).toEqual([]);
    expect(counterErrors).toEqual([]);
    await phone.close();
  });

  it('holds the look-up to its own limit per address: a guesser gets 429', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 26 && !statuses.includes(429); i++) {
      statuses.push(
        (await office.http('POST', '/track/lookup', { receiptNumber: `R${R}-20261201-${String(i).padStart(6, '0')}`, idNumberLast4: '1234' }, { as: null }))
          .status,
      );
    }
    expect(statuses).toContain(429);
    expect(statuses.filter((s) => s !== 404 && s !== 429)).toEqual([]);
    // The pages themselves and other routes are not held to it.
    expect((await fetch(`${office.url}/track`)).status).toBe(200);
  });
});
