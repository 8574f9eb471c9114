import * as fs from 'node:fs';
import * as http from 'node:http';
import { AddressInfo } from 'node:net';
import * as path from 'node:path';
import { DevBroker, startDevBroker } from '@idcard/devbroker';
import { OpsConsole, OpsSnapshot, startOpsConsole } from '@idcard/ops';
import { Consumer, Kafka, Producer } from 'kafkajs';
import { Browser, chromium } from 'playwright-core';
import { kafkaFor, produce, recordingConsumer, waitFor } from './support';

const CHROMIUM = '/usr/bin/chromium';
const ARTIFACTS = path.resolve(__dirname, '../../../test-artifacts');

/** A service's /metrics as the console reads it (outbox and deadline figures), served over HTTP. */
function serviceMetricsText(): string {
  const labels = 'service="registry-office",province="44"';
  return [
    '# TYPE idcard_outbox_backlog_messages gauge',
    `idcard_outbox_backlog_messages{${labels}} 4`,
    '# TYPE idcard_outbox_oldest_message_age_seconds gauge',
    `idcard_outbox_oldest_message_age_seconds{${labels}} 12.5`,
    '# TYPE idcard_deadlines_at_risk gauge',
    `idcard_deadlines_at_risk{${labels}} 2`,
    '# TYPE idcard_deadlines_breached gauge',
    `idcard_deadlines_breached{${labels}} 1`,
    '# TYPE idcard_dead_lettered_messages_total counter',
    `idcard_dead_lettered_messages_total{topic="idcard.registry.44.applications",reason="not JSON",${labels}} 3`,
    '',
  ].join('\n');
}

/** A port that was free a moment ago and is closed now. */
async function portNobodyListensOn(): Promise<number> {
  const probe = http.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((r) => probe.close(r));
  return port;
}

/** The operations page in headless Chromium: it loads, follows a paused group's lag as it rises, and is photographed. */
describe('operations console', () => {
  const topic = 'idcard.registry.44.applications';
  const groupId = 'idcard-registry-office-44';
  let broker: DevBroker;
  let kafka: Kafka;
  let producer: Producer;
  let consumer: Consumer;
  let metricsServer: http.Server;
  let ops: OpsConsole;
  let browser: Browser;

  beforeAll(async () => {
    if (!fs.existsSync(CHROMIUM))
      throw new Error(`${CHROMIUM} is missing: the operations page test needs Debian's Chromium — run \`apt-get install chromium\` (CI installs it)`);
    broker = await startDevBroker({ port: 0 });
    kafka = kafkaFor(broker.brokers);
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic, numPartitions: 3 }], waitForLeaders: true });
    await admin.disconnect();
    producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    await producer.connect();
    ({ consumer } = await recordingConsumer(kafka, groupId, topic));

    metricsServer = http.createServer((req, res) => {
      res.writeHead(req.url === '/metrics' ? 200 : 404, { 'Content-Type': 'text/plain; version=0.0.4' });
      res.end(req.url === '/metrics' ? serviceMetricsText() : '');
    });
    await new Promise<void>((resolve) => metricsServer.listen(0, '127.0.0.1', resolve));
    const servicePort = (metricsServer.address() as AddressInfo).port;
    const closedPort = await portNobodyListensOn();

    ops = await startOpsConsole({
      kafkaBrokers: broker.brokers,
      services: [
        { name: 'registry-office', province: '44', url: `http://127.0.0.1:${servicePort}` },
        // Nothing listens here: the page must say the service is down, not hang.
        { name: 'production-center', province: '44', url: `http://127.0.0.1:${closedPort}` },
      ],
      port: 0,
      windowMs: 2_000,
      sampleIntervalMs: 200,
      scrapeIntervalMs: 300,
    });
    // Playwright's launch() gives every browser a fresh temporary profile (user-data-dir), removed on close.
    browser = await chromium.launch({
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
  });

  afterAll(async () => {
    await browser?.close();
    await ops?.stop();
    await new Promise((r) => (metricsServer ? metricsServer.close(r) : r(undefined)));
    await consumer?.disconnect();
    await producer?.disconnect();
    await broker?.stop();
  });

  it('serves the lag of every group as JSON', async () => {
    const snapshot = await waitFor('the group in /ops/lag', async () => {
      const s = (await (await fetch(`${ops.url}/ops/lag`)).json()) as OpsSnapshot;
      return s.groups.some((g) => g.groupId === groupId && g.partitions.length === 3) && s;
    });
    const group = snapshot.groups.find((g) => g.groupId === groupId)!;
    expect(group).toMatchObject({ province: '44', provinceName: 'Guangdong', service: 'registry-office', members: 1 });
    expect(snapshot.windowSeconds).toBe(2);
    const metrics = await (await fetch(`${ops.url}/metrics`)).text();
    expect(metrics).toContain(`kafka_consumergroup_lag{consumergroup="${groupId}",topic="${topic}",partition="0"}`);
  });

  it('shows a paused group’s lag rising on the page, then falling when it resumes', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(ops.pageUrl);
    const row = page.locator(`tr[data-group="${groupId}"]`);
    const lagOnPage = async () => Number(await row.locator('.lag').textContent({ timeout: 1000 }));
    await waitFor('the group on the page with no lag', async () => (await row.count()) === 1 && (await lagOnPage()) === 0);

    consumer.pause([{ topic }]);
    await produce(producer, topic, 3, 'first');
    await waitFor('lag 3 on the page', async () => (await lagOnPage()) === 3);
    await produce(producer, topic, 9, 'second');
    await waitFor('lag 12 on the page', async () => (await lagOnPage()) === 12);

    // The chart has a line for the group that climbs (SVG y grows downwards).
    const line = page.locator(`polyline[data-group="${groupId}"]`);
    const ys = (await line.getAttribute('points'))!.split(' ').map((p) => Number(p.split(',')[1]));
    expect(ys.length).toBeGreaterThan(2);
    expect(Math.min(...ys)).toBeLessThan(ys[0]);
    expect(await page.locator('.province[data-province="44"] h2').textContent()).toBe('Province 44 — Guangdong');

    // Outbox backlog and deadlines from the service's /metrics, and the service that does not answer.
    await waitFor('the service figures on the page', async () => (await page.locator('tr[data-service="registry-office-44"]').textContent())?.includes('4'));
    const serviceRow = await page.locator('tr[data-service="registry-office-44"] td').allTextContents();
    expect(serviceRow).toEqual(['registry-office', '44', 'up', '4', '13 s', '2', '1', '3']);
    expect(await row.locator('td').nth(6).textContent()).toBe('2 / 1');
    const deadService = page.locator('tr[data-service="production-center-44"] td').nth(2);
    await waitFor('the dead service marked down', async () => (await deadService.textContent()) === 'down');
    expect(await deadService.getAttribute('title')).toBe('ECONNREFUSED');

    // Paused for longer than the 2 s window with a consumer holding the partitions: STALLED, and said so.
    await waitFor('STALLED on the page', async () => (await row.getAttribute('data-status')) === 'STALLED');
    expect(await row.locator('.status').textContent()).toBe('STALLED');
    expect(await page.locator('#attention-list').textContent()).toContain(`${groupId} ${topic}`);

    fs.mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: path.join(ARTIFACTS, 'ops-console.png'), fullPage: true });

    consumer.resume([{ topic }]);
    await waitFor('lag 0 on the page after resuming', async () => (await lagOnPage()) === 0);
    expect(errors).toEqual([]);
    await page.close();
  });
});
