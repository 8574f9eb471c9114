import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Browser, chromium, Page } from 'playwright-core';

/** Debian's Chromium, as CI installs it (`apt-get install chromium`). */
export const CHROMIUM = '/usr/bin/chromium';
const PROJECT = path.resolve(__dirname, '../../..');
/** Screenshots of the pages as the tests leave them (gitignored). */
export const TEST_ARTIFACTS = path.join(PROJECT, 'test-artifacts');

/**
 * The pages' browser modules, compiled as `npm run build` compiles them (tsc -p tsconfig.pages.json, incremental):
 * a test of a page serves what the build makes, so a suite run on its own builds them first.
 */
export function buildPages(): void {
  execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', path.join(PROJECT, 'tsconfig.pages.json')], { cwd: PROJECT, stdio: 'pipe' });
}

/** Headless Chromium with a fresh profile (Playwright gives every launch its own user-data-dir, removed on close). */
export async function launchChromium(): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM))
    throw new Error(`${CHROMIUM} is missing: the page tests need Debian's Chromium — run \`apt-get install chromium\` (CI installs it)`);
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** A page that records its script errors and refused requests (a CSP violation shows as a console error). */
export async function openPage(browser: Browser, viewport = { width: 1280, height: 900 }): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.newPage({ viewport, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' && !/status of (400|401|403|404|409|422|429)/.test(m.text())) errors.push(`console: ${m.text()}`);
  });
  return { page, errors };
}

export interface AxeFinding {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

/**
 * axe-core run in the page as it is now; the findings rated serious or critical. axe is evaluated through the
 * DevTools protocol, not added as a <script>, so the page's own CSP stays as strict as it is in use.
 */
export async function seriousAccessibilityFindings(page: Page): Promise<AxeFinding[]> {
  const source = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  await page.evaluate(source);
  const violations = await page.evaluate(async () => {
    // Runs in the page (this tree's types have no DOM): the page's globals as the browser has them.
    const { axe, document } = globalThis as any;
    const result: { violations: any[] } = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map((n: { target: string[] }) => n.target.join(' ')) }));
  });
  return violations.filter((v: AxeFinding) => v.impact === 'serious' || v.impact === 'critical');
}

export async function screenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(TEST_ARTIFACTS, { recursive: true });
  const file = path.join(TEST_ARTIFACTS, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}
