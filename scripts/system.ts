import { AdjustableClock, Clock } from '@idcard/clock';
import { CardScript, ProvinceCode, isProvinceCode } from '@idcard/contracts';
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
  services: RunningService[];
  url(service: ServiceName, province: string): string;
  service(service: ServiceName, province: string): RunningService;
  stop(): Promise<void>;
}

export function parseProvinces(list: string): ProvinceCode[] {
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
  const infrastructure = await (options.infrastructureApart ? startInfrastructureApart(options) : startInfrastructure(options));
  const services: RunningService[] = [];
  const stop = async () => {
    // Receiving offices first, registries last: nothing new enters while the rest drains.
    for (const s of [...services].reverse()) await s.stop().catch(() => undefined);
    await infrastructure.stop();
  };
  try {
    const provinces = parseProvinces(options.provinces.join(','));
    for (const p of options.stall ?? [])
      if (!provinces.includes(p as ProvinceCode)) throw new Error(`cannot stall province ${p}: it is not one of ${provinces.join(', ')}`);
    const env = options.env ?? process.env;
    // Every service's settings read before any starts, so a bad variable stops the system before it half-starts.
    const registrySettings = registryOfficeSettingsFrom(env);
    const receivingSettings = receivingOfficeSettingsFrom(env);
    // A centre prints the scripts of its own autonomous regions unless PRINTABLE_SCRIPTS says otherwise for all.
    const productionSettings = new Map(
      provinces.map((p) => [p, productionCenterSettingsFrom({ PRINTABLE_SCRIPTS: (PRINTABLE_SCRIPTS[p] ?? []).join(','), ...env })]),
    );
    for (const service of SERVICES) {
      for (const province of provinces) {
        const identity = { service, province };
        const trust = await loadServiceTrust(
          identity,
          { ...trustSettingsInKeyDirectory(keysDir, service, province), allowedSkew: DEFAULT_MESSAGE_WINDOW },
          clock,
        );
        const base = {
          identity,
          trust,
          access,
          biometrics,
          databaseUrl: await infrastructure.databaseFor(service, province),
          kafkaBrokers: infrastructure.kafkaBrokers,
          kafkaConnection,
          clock,
          httpPort: options.fixedPorts ? defaultHttpPort(service, province) : 0,
          logLevels: options.logLevels,
          maxWaitTimeInMs: options.maxWaitTimeInMs,
          sharedProcess: true,
        };
        if (service === 'registry-office') {
          // The citizen channel's session key beside the development issuer's (made on first run), unless the environment names one.
          const citizenTokenKeyFile = registrySettings.citizenTokenKeyFile ?? path.join(devIssuerDir(path.dirname(keysDir)), `citizen-channel-${province}.key`);
          const consumerStartsPaused = options.stall?.includes(province) ?? false;
          services.push(await startRegistryOffice({ ...base, ...registrySettings, citizenTokenKeyFile, consumerStartsPaused }));
        } else if (service === 'receiving-office') services.push(await startReceivingOffice({ ...base, ...receivingSettings }));
        else services.push(await startProductionCenter({ ...base, ...productionSettings.get(province)! }));
      }
    }
  } catch (err) {
    await stop();
    throw err;
  }
  const find = (service: ServiceName, province: string) => {
    const found = services.find((s) => s.identity.service === service && s.identity.province === province);
    if (!found) throw new Error(`no ${service} for province ${province} in this system`);
    return found;
  };
  let stopping: Promise<void> | null = null;
  return { infrastructure, issuer, kafkaConnection, keysDir, clock, services, service: find, url: (s, p) => find(s, p).url, stop: () => (stopping ??= stop()) };
}
