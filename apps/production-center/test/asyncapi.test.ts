import { DiagnosticSeverity, Parser } from '@asyncapi/parser';
import { asyncApiDocument } from '@idcard/contracts';
import { launchChromium, openPage, screenshot, seriousAccessibilityFindings, ServiceUnderTest } from '@idcard/testing';
import type { Browser } from 'playwright-core';
import { productionCenterSettingsFrom, startProductionCenter } from '../src';

/**
 * The contract as a running service serves it (libs/service-runtime registers it for every service; the production
 * centre is the one with no pages of its own): /asyncapi.json parses as AsyncAPI 3.0 and /asyncapi is a page that
 * keeps to the pages' Content-Security-Policy. Both without a token, like /docs.
 */
describe('the AsyncAPI contract, served', () => {
  let centre: ServiceUnderTest;
  let browser: Browser;

  beforeAll(async () => {
    centre = await ServiceUnderTest.start({
      service: 'production-center',
      province: '46',
      start: (base) => startProductionCenter({ ...base, ...productionCenterSettingsFrom({ PRODUCTION_INTERVAL_MS: '0' }) }),
    });
    browser = await launchChromium();
  }, 90_000);

  afterAll(async () => {
    await browser?.close();
    await centre?.stop();
  }, 30_000);

  it('answers GET /asyncapi.json without a token with the document of libs/contracts, which @asyncapi/parser reads without error', async () => {
    const res = await fetch(`${centre.url}/asyncapi.json`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    const text = await res.text();
    expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(asyncApiDocument())));
    const { document, diagnostics } = await new Parser().parse(text);
    expect(diagnostics.filter((d) => d.severity === DiagnosticSeverity.Error)).toEqual([]);
    expect(
      document!
        .channels()
        .all()
        .map((c) => c.address()),
    ).toContain('idcard.production.{province}.orders');
    expect(document!.operations().all().length).toBeGreaterThan(10);
  }, 30_000);

  it('serves /asyncapi as a page under the pages CSP: its own stylesheet, no script, every channel and message listed', async () => {
    const res = await fetch(`${centre.url}/asyncapi`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    const csp = res.headers.get('content-security-policy')!;
    expect(csp).toContain("default-src 'self'");
    expect(csp).not.toMatch(/unsafe-inline/);
    const html = await res.text();
    expect(html).not.toMatch(/<script|<style|style="/);
    expect(html).toContain('idcard.registry.{province}.applications');
    expect(html).toContain('id="message-ApplicationSubmitted.v1"');
    const css = await fetch(`${centre.url}/asyncapi.css`);
    expect(css.headers.get('content-type')).toMatch(/^text\/css/);

    const { page, errors } = await openPage(browser);
    await page.goto(`${centre.url}/asyncapi`);
    await page.locator('#message-ApplicationSubmitted\\.v1 summary').click();
    await page.getByText('idNumber').first().waitFor();
    // The stylesheet applied (the bar's colour comes from it), and nothing was refused by the CSP.
    expect(await page.locator('header.bar').evaluate((e) => (globalThis as any).getComputedStyle(e).backgroundColor)).toBe('rgb(11, 79, 156)');
    expect(errors).toEqual([]);
    expect(await seriousAccessibilityFindings(page)).toEqual([]);
    await screenshot(page, 'asyncapi');
  }, 60_000);
});
