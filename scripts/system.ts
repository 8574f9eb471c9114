import { AdjustableClock, Clock } from '@idcard/clock';
import { CardScript, ProvinceCode, isProvinceCode, PROVINCE_CODES } from '@idcard/contracts';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { defaultHttpPort, DEFAULT_MESSAGE_WINDOW, Environment, loadServiceTrust, RunningService, trustSettingsInKeyDirectory } from '@idcard/service-runtime';
import { KafkaConnection, PLAINTEXT_KAFKA, readKafkaConnection, SettingsReader } from '@idcard/settings';
import { allServices, ensureKeyFiles } from '@idcard/trust';
import { developmentAuthority, devIssuerDir } from './authority';
import type { DevIssuer } from '@idcard/access';
import { productionCenterSettingsFrom, startProductionCenter } from '../apps/production-center/src';
import { receivingOfficeSettingsFrom, startReceivingOffice } from '../apps/receiving-office/src';
import { registryOfficeSettingsFrom, startRegistryOffice } from '../apps/registry-office/src';
import { Infrastructure, InfrastructureOptions, startInfrastructure, startInfrastructureApart } from './infrastructure';
import { DEV_AUDIENCE, DEV_ISSUER } from '@idcard/access';
import type { INestApplication } from '@nestjs/common';
import { Client } from 'pg';
import { freePort } from '@idcard/database';
import { inParallel } from './in-parallel';
import { ServiceProcess, startServiceProcess } from './service-processes';
import { fetchWaitFor, lagSampleIntervalFor } from './fetch-wait';

export type ServiceName = RunningService['identity']['service'];
export const SERVICES: ServiceName[] = ['registry-office', 'production-center', 'receiving-office'];

/** The scripts each province's production centre prints: those of its own autonomous regions. */
export const PRINTABLE_SCRIPTS: Partial<Record<ProvinceCode, CardScript[]>> = {
  '15': ['mongolian'],
  '22': ['korean'],
  '45': ['zhuang'],
  '51': ['yi'],
  '53': ['yi'],
  '54': ['tibetan'],
  '63': ['tibetan'],
  '65': ['uyghur', 'kazakh', 'mongolian'],
};

export interface SystemOptions extends InfrastructureOptions {
  provinces: string[];
  clock?: Clock;
  /** Log levels of the services ([] silences them). */
  logLevels?: string[];
  /** Fixed HTTP ports: 3000 + province × 10 + 0/1/2 (registry, production, receiving). Otherwise free ports. */
  fixedPorts?: boolean;
  /**
   * Where every service reads its own settings (SHIPMENT_MAX_WAIT_MS, DEADLINE_TICK_MS, …), exactly as a service
   * started alone reads its process environment: npm start passes process.env, the demo and tests a record of their own.
   */
  env?: Environment;
  maxWaitTimeInMs?: number;
  /** PostgreSQL and the broker in a process group of their own, out of reach of the terminal's Ctrl-C (npm start). */
  infrastructureApart?: boolean;
  /** Provinces whose registry office joins its consumer group paused: their applications never progress (the demo's --stall). */
  stall?: string[];
  /** Every service as OS processes of its own (the entry points the Docker image runs) instead of all in this one. */
  processes?: boolean;
  /** With `processes`: replicas of a service in one consumer group behind one port (default 1 each). */
  replicas?: Partial<Record<ServiceName, number>>;
}

/**
 * One service of the system: in this process (`app` is its Nest application) or a process of its own (`pid` is
 * the process, or the primary of its replica set).
 */
export interface SystemService {
  identity: RunningService['identity'];
  url: string;
  app?: INestApplication;
  pid?: number;
  replicas?: number;
  stop(): Promise<void>;
  /** A process of its own only: starts it again once the process has exited (after a crash, or a SIGKILL of the chaos drill). */
  restart?(): Promise<void>;
}

export interface RunningSystem {
  infrastructure: Infrastructure;
  /** The development identity provider every service trusts: the demo plays each role with its tokens. */
  issuer: DevIssuer;
  /** TLS and SASL for the cluster, from the environment (plaintext for the development broker). */
  kafkaConnection: KafkaConnection;
  /** The key directory: the root key, every service's key and the signed trust list (libs/trust key-files layout). */
  keysDir: string;
  clock: Clock;
  services: SystemService[];
  /** Whether the services run as processes of their own (--processes). */
  processes: boolean;
  /** Connections each service process (each replica) may hold to PostgreSQL: its share of the server's budget. */
  databasePoolSize: number;
  url(service: ServiceName, province: string): string;
  service(service: ServiceName, province: string): SystemService;
  stop(): Promise<void>;
}

/** A CHECKPOINT on the server, now; a failure is of no consequence (the shutdown checkpoints anyway). */
async function checkpointNow(serverUrl: string): Promise<void> {
  const db = new Client({ connectionString: serverUrl });
  db.on('error', () => undefined);
  try {
    await db.connect();
    await db.query('CHECKPOINT');
  } catch {
    // the shutdown's own checkpoint does the work
  } finally {
    await db.end().catch(() => undefined);
  }
}

/**
 * CHECKPOINTs of the embedded server in the background, one at a time: asked while one runs, one more follows it. A
 * first start leaves every new database's pages dirty (CREATE DATABASE copies its template through shared buffers,
 * migrations add tables): written out as each service comes up, a Ctrl-C soon after finds little left for the
 * checkpoint of PostgreSQL's shutdown, which took most of a first start's 4–12 s stop when it was all left to the end.
 */
function backgroundCheckpoints(serverUrl: string | null): { request(): void; lastBeforeShutdown(): void; settled(): Promise<void> } {
  let running: Promise<void> | null = null;
  let again = false;
  const run = (): Promise<void> =>
    checkpointNow(serverUrl!).then(() => {
      if (!again) return;
      again = false;
      return run();
    });
  const request = () => {
    if (!serverUrl) return;
    if (running) again = true;
    else running = run().finally(() => (running = null));
  };
  return {
    request,
    // At a stop, one already running has the start's pages in hand and no other follows it: the shutdown's own
    // checkpoint takes the little the stop adds, where a second one queued behind the first made the stop wait for both.
    lastBeforeShutdown() {
      if (running) again = false;
      else request();
    },
    settled: () => running ?? Promise.resolve(),
  };
}

/** Replicas per service, from `registry-office=2,receiving-office=2`. */
export function parseReplicas(list: string): Partial<Record<ServiceName, number>> {
  const replicas: Partial<Record<ServiceName, number>> = {};
  for (const pair of list
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const [name, count] = pair.split('=').map((x) => x.trim());
    if (!SERVICES.includes(name as ServiceName)) throw new Error(`--replicas: ${JSON.stringify(name)} is not a service (${SERVICES.join(', ')})`);
    const n = Number(count);
    if (!Number.isInteger(n) || n < 1 || n > 8) throw new Error(`--replicas: ${name}=${count} must be a whole number from 1 to 8`);
    replicas[name as ServiceName] = n;
  }
  return replicas;
}

/** Services starting at once: enough to overlap one's waits on PostgreSQL with another's CPU, few enough not to thrash 2 cores. */
const STARTS_AT_ONCE = 4;

/** Connections kept back from the services: the demo's and bench's verdict (one per service at once), npm run ops, psql, the server's own reserve. */
export const CONNECTIONS_HELD_BACK = 0.25;

/**
 * One budget for every pool: the server's max_connections, less a quarter held back, shared evenly by every service
 * process (each replica has a pool of its own), at most 10 and at least 2 each. So the system never meets "sorry, too
 * many clients already", however many provinces run, or says before it starts that the server is too small.
 */
export async function databasePoolSizeFor(serverUrl: string, serviceProcesses: number): Promise<number> {
  const db = new Client({ connectionString: serverUrl });
  await db.connect();
  let maxConnections: number;
  let reserved: number;
  try {
    const row = (
      await db.query<{ max: string; reserved: string }>(
        `SELECT current_setting('max_connections') AS max, current_setting('superuser_reserved_connections') AS reserved`,
      )
    ).rows[0];
    maxConnections = Number(row.max);
    reserved = Number(row.reserved);
  } finally {
    await db.end().catch(() => undefined);
  }
  const usable = Math.floor((maxConnections - reserved) * (1 - CONNECTIONS_HELD_BACK));
  const share = Math.min(10, Math.floor(usable / serviceProcesses));
  if (share < 2)
    throw new Error(
      `PostgreSQL allows ${maxConnections} connections: too few for ${serviceProcesses} service processes at 2 each with a quarter held back (raise max_connections)`,
    );
  return share;
}

/** `11,44,65`, or `all` for the 31 provinces. */
export function parseProvinces(list: string): ProvinceCode[] {
  if (list.trim() === 'all') return [...PROVINCE_CODES];
  const provinces = list
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean);
  for (const p of provinces) if (!isProvinceCode(p)) throw new Error(`${p} is not a province code (11 Beijing … 65 Xinjiang)`);
  if (provinces.length === 0) throw new Error('name at least one province');
  return provinces as ProvinceCode[];
}

/**
 * The whole system on one machine: PostgreSQL and Kafka (embedded or given), then the registry office,
 * production centre and receiving office of every province, each with its own database.
 */
export async function startSystem(options: SystemOptions): Promise<RunningSystem> {
  const clock = options.clock ?? new AdjustableClock();
  // First run: a root key, a key for every service of every province (so any --provinces works later) and the
  // signed list, into the data directory; a run without one gets a temporary directory.
  const keysDir = options.dataDir ? path.join(options.dataDir, 'keys') : path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'idcard-keys-')), 'keys');
  const keys = ensureKeyFiles(keysDir, { services: allServices(), now: clock.now() });
  if (keys.created) options.log?.(`keys and the signed trust list generated into ${keysDir}`);
  // A real cluster (KAFKA_BROKERS) may want TLS and SASL; the development broker npm start runs does not.
  const read = new SettingsReader(options.env ?? process.env);
  const kafkaConnection = options.kafkaBrokers?.length ? readKafkaConnection(read) : PLAINTEXT_KAFKA;
  read.check('the system');
  // The development identity provider and the biometrics key, beside the service keys (see authority.ts).
  const { issuer, access, biometrics } = developmentAuthority(path.dirname(keysDir), clock);
  let stopping: Promise<void> | null = null;
  const infrastructure = await (options.infrastructureApart ? startInfrastructureApart(options) : startInfrastructure(options));
  const services: SystemService[] = [];
  const checkpoints = backgroundCheckpoints(infrastructure.embedded.postgres ? infrastructure.databaseServerUrl : null);
  const processes = options.processes ?? false;
  if (!processes && options.replicas && Object.values(options.replicas).some((n) => n !== 1))
    throw new Error('--replicas needs --processes: replicas are processes of their own');
  const stop = async () => {
    // All at once: each service drains on its own (the outbox keeps what is unsent, offsets follow the inbox's
    // commits), so no order is needed for safety, and stopping them one by one took a fetch wait each.
    const since = Date.now();
    // Meanwhile the embedded server writes its dirty pages out, so the checkpoint of its own shutdown has little left.
    checkpoints.lastBeforeShutdown();
    await Promise.all(services.map((s) => s.stop().catch(() => undefined)));
    const servicesMs = Date.now() - since;
    await checkpoints.settled();
    await infrastructure.stop();
    options.log?.(
      `services stopped in ${(servicesMs / 1000).toFixed(1)} s, PostgreSQL and the broker in ${((Date.now() - since - servicesMs) / 1000).toFixed(1)} s`,
    );
  };
  let databasePoolSize = 10;
  try {
    const provinces = parseProvinces(options.provinces.join(','));
    for (const p of options.stall ?? [])
      if (!provinces.includes(p as ProvinceCode)) throw new Error(`cannot stall province ${p}: it is not one of ${provinces.join(', ')}`);
    if (processes && options.stall?.length) throw new Error('--stall works in one process only');
    if (processes && options.databaseNamespace) throw new Error('service processes name their own databases: no database namespace with --processes');
    const env = options.env ?? process.env;
    // Every service's settings read before any starts, so a bad variable stops the system before it half-starts.
    const registrySettings = registryOfficeSettingsFrom(env);
    const receivingSettings = receivingOfficeSettingsFrom(env);
    // A centre prints the scripts of its own autonomous regions unless PRINTABLE_SCRIPTS says otherwise for all.
    const printable = (p: ProvinceCode) => env.PRINTABLE_SCRIPTS ?? (PRINTABLE_SCRIPTS[p] ?? []).join(',');
    const productionSettings = new Map(provinces.map((p) => [p, productionCenterSettingsFrom({ ...env, PRINTABLE_SCRIPTS: printable(p) })]));
    // The citizen channel's session key beside the development issuer's (made on first run), unless the environment names one.
    const citizenTokenKeyFileOf = (p: ProvinceCode) =>
      registrySettings.citizenTokenKeyFile ?? path.join(devIssuerDir(path.dirname(keysDir)), `citizen-channel-${p}.key`);
    const replicasOf = (service: ServiceName) => (processes ? (options.replicas?.[service] ?? 1) : 1);
    const serviceProcesses = provinces.length * SERVICES.reduce((n, s) => n + replicasOf(s), 0);
    databasePoolSize = await databasePoolSizeFor(infrastructure.databaseServerUrl, serviceProcesses);
    options.log?.(`PostgreSQL connections: ${databasePoolSize} for each of ${serviceProcesses} service ${processes ? 'processes' : 'pools'}`);
    const maxWaitTimeInMs = fetchWaitFor(options.maxWaitTimeInMs, serviceProcesses);
    const lagSampleIntervalMs = env.LAG_SAMPLE_INTERVAL_MS ? Number(env.LAG_SAMPLE_INTERVAL_MS) : lagSampleIntervalFor(serviceProcesses);
    const rateLimit = env.RATE_LIMIT_PER_MINUTE ? { rateLimitPerMinute: Number(env.RATE_LIMIT_PER_MINUTE) } : {};
    const specs = SERVICES.flatMap((service) => provinces.map((province) => ({ service, province })));
    if (processes) {
      const dist = path.resolve(__dirname, '..');
      await inParallel(specs, STARTS_AT_ONCE, async (identity): Promise<ServiceProcess> => {
        const { service, province } = identity;
        const childEnv: NodeJS.ProcessEnv = {
          ...env,
          TS_NODE_BASEURL: dist,
          PROVINCE_CODE: province,
          // The server: each service makes sure of its own database on it (registry_office_44, …).
          DATABASE_URL: infrastructure.databaseServerUrl,
          DATABASE_POOL_SIZE: String(databasePoolSize),
          KAFKA_BROKERS: infrastructure.kafkaBrokers.join(','),
          ...(maxWaitTimeInMs ? { KAFKA_MAX_WAIT_MS: String(maxWaitTimeInMs) } : {}),
          LAG_SAMPLE_INTERVAL_MS: String(lagSampleIntervalMs),
          HTTP_HOST: '127.0.0.1',
          HTTP_PORT: String(options.fixedPorts ? defaultHttpPort(service, province) : await freePort()),
          LOG_LEVELS: (options.logLevels ?? ['log', 'warn', 'error']).join(',') || 'none',
          TRUST_DIR: keysDir,
          AUTH_PUBLIC_KEY: issuer.publicKeyFile,
          AUTH_ISSUER: DEV_ISSUER,
          AUTH_AUDIENCE: DEV_AUDIENCE,
          BIOMETRICS_KEY: '',
          BIOMETRICS_KEY_FILE: path.join(path.dirname(keysDir), 'biometrics.key'),
          ...(service === 'production-center' ? { PRINTABLE_SCRIPTS: printable(province) } : {}),
          ...(service === 'registry-office' ? { CITIZEN_TOKEN_KEY_FILE: citizenTokenKeyFileOf(province) } : {}),
        };
        const spec = { identity, env: childEnv, replicas: replicasOf(service) };
        let child = await startServiceProcess(spec);
        const said = (exited: ServiceProcess) =>
          void exited.exited.then((code) => {
            if (!stopping) options.log?.(`${identity.service} ${identity.province} exited (${code})`);
          });
        said(child);
        const entry: SystemService = {
          identity,
          url: child.url,
          pid: child.pid,
          replicas: child.replicas,
          stop: () => child.stop(),
          restart: async () => {
            await child.exited;
            child = await startServiceProcess(spec);
            entry.pid = child.pid;
            said(child);
          },
        };
        services.push(entry);
        checkpoints.request();
        return child;
      });
    } else {
      // Several at once, as processes start: one starting service waits on PostgreSQL (its database, its migrations)
      // while another takes the CPU. One after another, 93 services took ~19 minutes to start.
      await inParallel(specs, STARTS_AT_ONCE, async (identity) => {
        const { service, province } = identity;
        const trust = await loadServiceTrust(
          identity,
          { ...trustSettingsInKeyDirectory(keysDir, service, province), allowedSkew: DEFAULT_MESSAGE_WINDOW },
          clock,
        );
        const base = {
          identity,
          trust,
          access: { ...access, ...rateLimit },
          biometrics,
          databaseUrl: await infrastructure.databaseFor(service, province),
          databasePoolSize,
          kafkaBrokers: infrastructure.kafkaBrokers,
          kafkaConnection,
          clock,
          httpPort: options.fixedPorts ? defaultHttpPort(service, province) : 0,
          logLevels: options.logLevels,
          maxWaitTimeInMs,
          lagSampleIntervalMs,
          sharedProcess: true,
        };
        if (service === 'registry-office') {
          const consumerStartsPaused = options.stall?.includes(province) ?? false;
          services.push(
            await startRegistryOffice({ ...base, ...registrySettings, citizenTokenKeyFile: citizenTokenKeyFileOf(province), consumerStartsPaused }),
          );
        } else if (service === 'receiving-office') services.push(await startReceivingOffice({ ...base, ...receivingSettings }));
        else services.push(await startProductionCenter({ ...base, ...productionSettings.get(province)! }));
        checkpoints.request();
      });
    }
    // In the order of the specs (registries first, provinces in order), whatever order they came up in.
    const rank = (s: SystemService) => specs.findIndex((x) => x.service === s.identity.service && x.province === s.identity.province);
    services.sort((a, b) => rank(a) - rank(b));
  } catch (err) {
    await stop();
    throw err;
  }
  checkpoints.request();
  const find = (service: ServiceName, province: string) => {
    const found = services.find((s) => s.identity.service === service && s.identity.province === province);
    if (!found) throw new Error(`no ${service} for province ${province} in this system`);
    return found;
  };
  return {
    infrastructure,
    issuer,
    kafkaConnection,
    keysDir,
    clock,
    services,
    processes,
    databasePoolSize,
    service: find,
    url: (s, p) => find(s, p).url,
    stop: () => (stopping ??= stop()),
  };
}
