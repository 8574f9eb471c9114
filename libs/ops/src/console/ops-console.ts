import * as http from 'node:http';
import { AddressInfo } from 'node:net';
import { Kafka, logLevel } from 'kafkajs';
import { Registry } from 'prom-client';
import { isProvinceCode, provinceName } from '@idcard/contracts';
import { KafkaConnection, PLAINTEXT_KAFKA, stopKafkaIdleLoop } from '@idcard/settings';
import type { GroupLag } from '../domain/lag-tracker';
import { LagMonitor } from '../kafka/lag-monitor';
import { registerLagMetrics } from '../prometheus/lag-metrics';
import { LagHistory } from './lag-history';
import { OPS_PAGE } from './ops-page';
import { readServiceVitals, ServiceVitals, unknownVitals, WatchedService } from './service-vitals';

export interface OpsConsoleOptions {
  kafkaBrokers: string[];
  /** TLS and SASL for its Kafka client (readKafkaConnection from @idcard/settings); plaintext when omitted. */
  kafkaConnection?: KafkaConnection;
  /** Services whose /metrics give the outbox backlog, deadlines and dead letters. */
  services: WatchedService[];
  /** HTTP port; 0 picks a free one. */
  port: number;
  host?: string;
  /** Burrow-style status window (ms). */
  windowMs: number;
  /** How often every group is sampled (default 1 s). */
  sampleIntervalMs?: number;
  /** How often the services' /metrics are read (default 2 s). */
  scrapeIntervalMs?: number;
  /** How far back the lag chart goes (default 10 min). */
  historyMs?: number;
  /** Wall-clock time (Kafka's time). */
  now?: () => number;
  log?: (event: Record<string, unknown>) => void;
}

export interface OpsConsole {
  /** Base URL, e.g. http://127.0.0.1:3000 */
  url: string;
  /** The operations page: `${url}/ops` */
  pageUrl: string;
  stop(): Promise<void>;
}

/** What /ops/lag answers: the page polls it. */
export interface OpsSnapshot {
  at: string;
  windowSeconds: number;
  brokers: string[];
  /** Why the last look at Kafka failed; null when it worked. */
  kafkaError: string | null;
  groups: (GroupLag & { province: string | null; provinceName: string | null; service: string | null })[];
  history: Record<string, [number, number][]>;
  services: ServiceVitals[];
}

/**
 * The operations console of a deployment: watches every consumer group through the Kafka admin API and reads
 * each service's /metrics; serves the operations page (/ops), its data (/ops/lag) and the lag of every group in
 * Prometheus format (/metrics), like a kafka_exporter for the whole deployment.
 */
export async function startOpsConsole(options: OpsConsoleOptions): Promise<OpsConsole> {
  const now = options.now ?? Date.now;
  const log = options.log ?? (() => undefined);
  stopKafkaIdleLoop(); // kafkajs 2.2.4's timer a millisecond on every idle connection (libs/settings)
  const kafka = new Kafka({
    clientId: 'idcard-ops-console',
    brokers: options.kafkaBrokers,
    ssl: (options.kafkaConnection ?? PLAINTEXT_KAFKA).ssl,
    sasl: (options.kafkaConnection ?? PLAINTEXT_KAFKA).sasl,
    logLevel: logLevel.NOTHING,
    retry: { retries: 2, initialRetryTime: 100 },
  });
  let failing = false;
  const monitor = new LagMonitor({
    kafka,
    windowMs: options.windowMs,
    now,
    onError: (err) => {
      if (!failing) log({ event: 'ops-console.kafka-unreachable', error: err.message });
      failing = true;
    },
  });
  const history = new LagHistory(options.historyMs ?? 10 * 60_000);
  let vitals: ServiceVitals[] = options.services.map(unknownVitals);
  const registry = new Registry();
  registerLagMetrics(registry, async () => monitor.report());

  const timers: (NodeJS.Timeout | null)[] = [];
  let running = true;
  // npm start stops the console beside the services: a scrape in flight would hold each service's HTTP close open
  // (the console's first scrape is in flight the moment npm start says it is ready).
  const stopping = new AbortController();
  const every = (ms: number, work: () => Promise<void>, firstNow = true) => {
    const slot = timers.push(null) - 1;
    const tick = async () => {
      await work().catch(() => undefined);
      if (running) timers[slot] = setTimeout(() => void tick(), ms);
    };
    if (firstNow) void tick();
    else timers[slot] = setTimeout(() => void tick(), ms);
  };
  every(options.sampleIntervalMs ?? 1000, async () => {
    const report = await monitor.sample();
    failing = false;
    history.add(report.atMs, new Map(report.groups.map((g) => [g.groupId, g.lag])));
  });
  every(
    options.scrapeIntervalMs ?? 2000,
    async () => {
      vitals = await Promise.all(options.services.map((s) => readServiceVitals(s, now, stopping.signal)));
      // Not at once: each scrape is a readiness probe and a lag read in every service, slow on a busy machine, and a
      // stopping service's HTTP close waits for it, so a Ctrl-C as npm start said ready waited out the first scrape.
    },
    false,
  );

  const snapshot = (): OpsSnapshot => {
    const report = monitor.report();
    return {
      at: new Date(report.atMs).toISOString(),
      windowSeconds: options.windowMs / 1000,
      brokers: options.kafkaBrokers,
      kafkaError: monitor.lastError,
      groups: report.groups.map((g) => {
        const province = g.owner && isProvinceCode(g.owner.province) ? g.owner.province : null;
        return { ...g, province, provinceName: province ? provinceName(province) : null, service: province ? g.owner!.service : null };
      }),
      history: history.toJSON(),
      services: vitals,
    };
  };

  const server = http.createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    const send = (status: number, type: string, body: string) => {
      res.writeHead(status, { 'Content-Type': type, 'Cache-Control': 'no-store' });
      res.end(body);
    };
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(405, 'text/plain', 'only GET\n');
    if (path === '/') {
      res.writeHead(302, { Location: '/ops' });
      return res.end();
    }
    if (path === '/ops' || path === '/ops/') return send(200, 'text/html; charset=utf-8', OPS_PAGE);
    if (path === '/ops/lag') return send(200, 'application/json', JSON.stringify(snapshot()));
    if (path === '/metrics') {
      registry.metrics().then(
        (body) => send(200, registry.contentType, body),
        (err: Error) => send(500, 'text/plain', `${err.message}\n`),
      );
      return;
    }
    if (path === '/health/live') return send(200, 'application/json', '{"status":"ok"}');
    send(404, 'text/plain', 'not found: try /ops\n');
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host ?? '127.0.0.1', () => resolve());
  });
  const address = server.address() as AddressInfo;
  const url = `http://${address.address}:${address.port}`;
  log({ event: 'ops-console.listening', url: `${url}/ops` });

  let stopped: Promise<void> | null = null;
  return {
    url,
    pageUrl: `${url}/ops`,
    stop: () =>
      (stopped ??= (async () => {
        running = false;
        stopping.abort();
        for (const t of timers) if (t) clearTimeout(t);
        server.closeAllConnections();
        await new Promise<void>((resolve) => server.close(() => resolve()));
        await monitor.stop();
      })()),
  };
}
