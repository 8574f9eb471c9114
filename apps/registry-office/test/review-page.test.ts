import { buildPages, launchChromium, openPage, screenshot, seriousAccessibilityFindings, ServiceUnderTest, waitFor } from '@idcard/testing';
import type { Browser } from 'playwright-core';
import { applicationFor, applicationWhen, deadlineReport, REVIEWER, startRegistry, submit, unusedCitizen } from './fixtures';

const otherEthnicity = (code: string) => (code === '03' ? '11' : '03');

/** The reviewer's page of a registry office in headless Chromium. */
describe('registry office page (/review)', () => {
  let registry: ServiceUnderTest;
  let browser: Browser;

  beforeAll(async () => {
    buildPages();
    [registry, browser] = await Promise.all([startRegistry(), launchChromium()]);
  }, 90_000);
  afterAll(async () => {
    await browser?.close();
    await registry?.stop();
  }, 30_000);

  it('shows the queue breached first, the application beside the register, and a reviewer approves an ethnicity change', async () => {
    // A declared change of ethnicity, and a fee that does not match its kind whose 60 days have run out.
    const changer = unusedCitizen(registry);
    const declared = otherEthnicity(changer.ethnicGroup);
    const change = applicationFor(registry, changer, {});
    change.citizen = { ...change.citizen, ethnicGroup: declared as any };
    await submit(registry, change);
    const late = unusedCitizen(registry);
    const lateApp = applicationFor(registry, late, { feePaidYuan: 5 });
    await submit(registry, lateApp);
    await applicationWhen(registry, lateApp.receiptNumber, (v) => v.state === 'manual_review');
    await deadlineReport(
      registry,
      'DeadlineBreached',
      { receiptNumber: lateApp.receiptNumber, dueAt: lateApp.dueAt, daysLeft: -1, status: 'submitted' },
      late.idNumber,
      lateApp.receiptNumber,
    );
    await applicationWhen(registry, lateApp.receiptNumber, (v) => v.deadline.breachedAt !== null);
    await applicationWhen(registry, change.receiptNumber, (v) => v.state === 'manual_review');
    // A citizen the register holds no photo of (as before the register had photos): the page says so instead.
    await registry.sql(`UPDATE citizen SET photo = NULL WHERE id_number = $1`, [late.idNumber]);

    const { page, errors } = await openPage(browser);
    await page.goto(`${registry.url}/review`);
    await page.locator('#sign-in-panel').waitFor();
    await noSeriousFindings();
    await page.fill('#token', await registry.token(REVIEWER));
    await page.click('#sign-in button[type=submit]');
    await page.locator('#workspace').waitFor();
    const items = page.locator('article.review');
    await waitFor('both in the queue', async () => (await items.count()) === 2);
    expect(await items.evaluateAll((a) => a.map((x) => x.getAttribute('data-receipt')))).toEqual([lateApp.receiptNumber, change.receiptNumber]);
    expect(await items.nth(0).locator('.badge.breached').textContent()).toBe('已超期');
    expect(await items.nth(0).locator('.why').textContent()).toContain('工本费不符：应收 20 元，实收 5 元');

    const item = page.locator(`article[data-receipt="${change.receiptNumber}"]`);
    expect(await item.locator('.why').textContent()).toContain('申报民族变更');
    // The application and the register side by side, the ethnicity marked where they differ; the counter's photo shown.
    const [declaredSide, registeredSide] = [item.locator('.columns > div').nth(0), item.locator('.columns > div').nth(1)];
    expect(await declaredSide.locator('dd[data-field="ethnicGroup"]').getAttribute('class')).toBe('differs');
    expect(await declaredSide.locator('dd[data-field="ethnicGroup"]').textContent()).toContain(`(${declared})`);
    expect(await registeredSide.locator('dd[data-field="ethnicGroup"]').textContent()).toContain(`(${changer.ethnicGroup})`);
    expect(await declaredSide.locator('dd[data-field="name"]').getAttribute('class')).toBe('');
    // The photo behind the page is a reviewer's read, like the queue.
    expect((await registry.http('GET', `/reviews/${change.receiptNumber}/photo`, undefined, { as: null })).status).toBe(401);
    expect((await registry.http('GET', `/reviews/${change.receiptNumber}/photo`, undefined, { as: { role: 'ops', name: '值班员' } })).status).toBe(403);
    // The counter's photo beside the register's (the photo of the current card), each with its alt text.
    const counterPhoto = declaredSide.locator('img.photo');
    const registerPhoto = registeredSide.locator('img.photo');
    await waitFor('the counter photo loaded', () => counterPhoto.evaluate((img) => (img as any).naturalWidth === 358));
    await waitFor('the register photo loaded', () => registerPhoto.evaluate((img) => (img as any).naturalWidth === 358));
    for (const [img, alt] of [
      [counterPhoto, '受理时采集的照片'],
      [registerPhoto, '户籍登记中现有身份证的照片'],
    ] as const) {
      expect(await img.isVisible()).toBe(true);
      expect(await img.getAttribute('alt')).toBe(alt);
      expect(await img.getAttribute('src')).toMatch(/^data:image\/jpeg;base64,\/9j\//);
    }
    expect(await registeredSide.locator('.notice').count()).toBe(0);
    const photo = (await registry.http('GET', `/reviews/${change.receiptNumber}/photo`)).body;
    expect(photo).toEqual({ receiptNumber: change.receiptNumber, jpegBase64: change.photo.jpegBase64, registerJpegBase64: expect.stringMatching(/^\/9j\//) });
    // No photo of the late applicant in the register: the note, and no second image.
    const lateRegistered = items.nth(0).locator('.columns > div').nth(1);
    await waitFor('the no-photo note', async () => (await lateRegistered.locator('.notice').count()) === 1);
    expect(await lateRegistered.locator('.notice').textContent()).toBe('户籍登记不含此人照片，请与登记信息核对。');
    expect(await lateRegistered.locator('img').count()).toBe(0);
    expect((await registry.http('GET', `/reviews/${lateApp.receiptNumber}/photo`)).body.registerJpegBase64).toBeNull();
    await screenshot(page, 'review-queue');
    await noSeriousFindings();

    // Rejecting needs a reason; approving signs it off and writes the new ethnicity to the register.
    await item.locator('button.reject').click();
    expect(await item.locator('.error').textContent()).toBe('请填写驳回理由');
    await item.locator('button.approve').click();
    await waitFor('approved', async () => (await page.locator('#decision-result').textContent()) === `${change.receiptNumber} 已批准签发。`);
    await waitFor('gone from the queue', async () => (await items.count()) === 1);
    expect((await registry.http('GET', `/applications/${change.receiptNumber}`)).body).toMatchObject({
      state: 'signed_off',
      reviewer: { subject: REVIEWER.subject, name: REVIEWER.name },
    });
    expect(await registry.sql('SELECT ethnic_group FROM citizen WHERE id_number = $1', [changer.idNumber])).toEqual([{ ethnic_group: declared }]);

    // The other is rejected with the officer's words.
    const last = page.locator(`article[data-receipt="${lateApp.receiptNumber}"]`);
    await last.locator('input[name=reason]').fill('工本费未足额缴纳');
    await last.locator('button.reject').click();
    await waitFor('rejected', async () => (await page.locator('#decision-result').textContent()) === `${lateApp.receiptNumber} 已驳回。`);
    expect((await registry.http('GET', `/applications/${lateApp.receiptNumber}`)).body.state).toBe('rejected');
    expect(await page.locator('#queue-count').textContent()).toBe('没有待审核的申请。');

    await page.click('#language-switch');
    expect(await page.locator('h1').textContent()).toBe('Manual review');
    expect(await page.locator('#queue-count').textContent()).toBe('No applications waiting for review.');
    expect(errors).toEqual([]);

    async function noSeriousFindings(): Promise<void> {
      expect(await seriousAccessibilityFindings(page)).toEqual([]);
    }
  });
});
