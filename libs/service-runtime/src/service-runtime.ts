import { DynamicModule, INestApplication, Module, Provider, Type } from '@nestjs/common';
import { APP_GUARD, APP_INTERCEPTOR, NestFactory } from '@nestjs/core';
import { ThrottlerModule } from '@nestjs/throttler';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CLOCK, Clock } from '@idcard/clock';
import { consumerGroup, isPromptTopic, promptConsumerGroup, withoutUnsafeKeys } from '@idcard/contracts';
import {
  KafkaInboxTransport,
  messagingEntities,
  messagingMigrations,
  MessagingModule,
  MessagingRetentionIndexes1796414000001,
  ServiceIdentity,
} from '@idcard/messaging';
import { BiometricsKeyring, useBiometricsKeyring } from '@idcard/biometrics';
import { KafkaConnection, PLAINTEXT_KAFKA, stopKafkaIdleLoop } from '@idcard/settings';
import { ACCESS_OPTIONS, AccessGuard, AccessOptions } from './access/access.guard';
import { AuditEvent } from './access/audit-event.entity';
import { AuditController } from './access/audit.controller';
import { AsyncApiController } from './contract/asyncapi.controller';
import { CreateAuditTrail1796200000000 } from './access/audit.migration';
import { AuditTrail } from './access/audit-trail';
import { AuditTrailInterceptor } from './access/audit-trail.interceptor';
import { RequestThrottleGuard } from './access/request-throttle.guard';
import type { ServiceTrust } from '@idcard/trust';
import { Kafka, logLevel } from 'kafkajs';
import { isTracingOn, runAsService, serviceSpanAttributes } from '@idcard/tracing';
import { trace } from '@opentelemetry/api';
import { DataSource, DataSourceOptions } from 'typeorm';
import { securityHeaders } from './content-security-policy';
import { ErrorBodyFilter } from './error-body.filter';
import { SERVICE_IDENTITY } from './service-identity';
import { JsonLogger } from './json-logger';
import { refuseDeepJson } from './json-depth';
import { runMigrationsLocked } from './migrations';
import { guardPoolClientErrors } from './pool-client-errors';
import { partitionsAtOnceFor } from './consumer-concurrency';
import { DEFAULT_LAG_SAMPLE_INTERVAL_MS, DEFAULT_LAG_WINDOW_MS, httpMetricsMiddleware, OperationsModule, ServiceMetrics } from './operations';
import { RetryTransactionConflicts } from './retry-conflicts.interceptor';
import { SERVICE_TRUST, TRUST_RELOAD_INTERVAL_MS, TrustListWatch } from './trust-list.watch';
import { requestValidationPipe } from './validation';
import { RETENTION_SETTINGS, RETENTION_TASKS, RetentionJob, RetentionTask } from './retention/retention-job';
import { DEFAULT_RETENTION, RetentionSettings } from './retention/retention-settings';
import { keepIdleConnectionsPastAdvertised } from './idle-connections';

/** How one service of one province is deployed: everything comes in here, nothing from globals. */
export interface ServiceConfig {
  identity: ServiceIdentity;
  databaseUrl: string;
  kafkaBrokers: string[];
  /** TLS and SASL for the cluster; plaintext without authentication when absent (the development broker). */
  kafkaConnection?: KafkaConnection;
  clock: Clock;
  /** The national trust list in force and the keys this service signs with: every message sent is signed, every one received checked. */
  trust: ServiceTrust;
  /** How often the trust list is read again from its source (ms of real time, default 10 s; 0 = never). */
  trustReloadIntervalMs?: number;
  /** Who may call: the token verifier (the province's identity provider), /metrics openness, rate limits. */
  access: AccessOptions;
  /** The keys photos and fingerprints are sealed with at rest. */
  biometrics: BiometricsKeyring;
  /** HTTP port; 0 picks a free one. */
  httpPort?: number;
  httpHost?: string;
  /** Log levels to print (default log, warn, error); [] for silence. */
  logLevels?: string[];
  /** kafkajs fetch wait (ms), also the longest a shutdown waits for a fetch. */
  maxWaitTimeInMs?: number;
  /** Most connections the service holds to PostgreSQL (default 10): a share of the server's max_connections (see scripts/system.ts). */
  databasePoolSize?: number;
  /** Start with the consumer group joined but paused: the service takes no messages (the demo's stalled province). */
  consumerStartsPaused?: boolean;
  /**
   * Several services in one process (npm start, the demo, system tests): Nest's logger is process-wide, so log
   * lines cannot say which service wrote them; they are labelled with the deployment instead.
   */
  sharedProcess?: boolean;
  /** Largest JSON request body (Express notation, default 2mb): an application carries a photo. */
  maxRequestBody?: string;
  /** Consumer-lag status window of the service's own group (ms, default 60 s) and how often it is sampled (default 2 s). */
  lagWindowMs?: number;
  lagSampleIntervalMs?: number;
  /** What the retention job keeps and how often it runs (DEFAULT_RETENTION when absent). */
  retention?: RetentionSettings;
}

export interface ServiceParts {
  /** TypeORM entities of the service (the outbox and inbox are added). */
  entities: Function[];
  /** Migrations of the service (the outbox and inbox ones are run first). */
  migrations: Function[];
  /** Topics this service consumes; those someone is waiting on (isPromptTopic) are read in the prompt lane. */
  topics: string[];
  /** The service's own purges, run by the retention job after the outbox and inbox are pruned. */
  retentionTasks?: RetentionTask[];
}

/**
 * The infrastructure of one service, as one module: the clock, PostgreSQL (migrated), the Kafka outbox and inbox,
 * /metrics and /health. Build it once per service and pass the same object to every feature module that needs
 * it (`SomeFeatureModule.register(infrastructure)`): Nest shares a dynamic module by reference, so all of them
 * get the one outbox and clock, and each module file shows what it depends on — nothing is global.
 * (TypeORM's own root module is global by its design; features reach the DataSource through it.)
 */
@Module({})
export class ServiceInfrastructureModule {}

const DEFAULT_TRUST_RELOAD_INTERVAL_MS = 10_000;
const DEFAULT_POOL_SIZE = 10;

export function serviceInfrastructure(config: ServiceConfig, parts: ServiceParts): DynamicModule {
  const { service, province } = config.identity;
  stopKafkaIdleLoop(); // kafkajs 2.2.4's timer a millisecond on every idle connection (libs/settings)
  const kafka = new Kafka({
    clientId: `${service}-${province}`,
    brokers: config.kafkaBrokers,
    ...(config.kafkaConnection ?? PLAINTEXT_KAFKA),
    logLevel: logLevel.NOTHING,
    retry: { initialRetryTime: 100, retries: 10 },
  });
  const dataSourceOptions: DataSourceOptions = {
    type: 'postgres',
    url: config.databaseUrl,
    entities: [...messagingEntities, AuditEvent, ...parts.entities],
    migrations: [...messagingMigrations, MessagingRetentionIndexes1796414000001, CreateAuditTrail1796200000000, ...parts.migrations],
    migrationsTableName: 'schema_migrations',
    synchronize: false,
    // connectionTimeoutMillis: a request waiting for a connection (pool exhausted, server silent) fails as DATABASE_UNAVAILABLE, not never.
    // idleTimeoutMillis 0: the pool's connections are its share of the server's budget, held for good. Closed after
    // 10 s idle (pg's default) and opened again at the next burst, each one a new backend and a handshake: with 93
    // services in one busy process, handshakes took over 5 s and submissions were answered 503.
    extra: {
      max: config.databasePoolSize ?? DEFAULT_POOL_SIZE,
      application_name: `${service}-${province}`,
      connectionTimeoutMillis: 5000,
      idleTimeoutMillis: 0,
    },
  };
  // One registry per service instance: several services share a process under npm start.
  const metrics = new ServiceMetrics(config.identity);
  const group = consumerGroup(service, province);
  // Requests, replies and the national broadcasts in a consumer and group of their own, never behind the application flow.
  const promptLane = { consumerGroup: promptConsumerGroup(service, province), topics: parts.topics.filter(isPromptTopic) };
  const flowTopics = parts.topics.filter((topic) => !isPromptTopic(topic));
  const lanes = [flowTopics, promptLane.topics].filter((topics) => topics.length > 0).length;
  const clock: Provider = { provide: CLOCK, useValue: config.clock };
  const messaging = MessagingModule.forRoot({
    identity: config.identity,
    kafka,
    consumerGroup: group,
    topics: flowTopics,
    promptLane,
    maxWaitTimeInMs: config.maxWaitTimeInMs,
    partitionsConsumedConcurrently: partitionsAtOnceFor(config.databasePoolSize ?? DEFAULT_POOL_SIZE, lanes),
    onDeadLetter: (topic, reason) => metrics.deadLettered(topic, reason),
    consumerStartsPaused: config.consumerStartsPaused,
    clock: config.clock,
    trust: config.trust,
    biometrics: config.biometrics,
    onRejected: (reason) => metrics.rejected(reason),
  });
  return {
    module: ServiceInfrastructureModule,
    imports: [
      TypeOrmModule.forRootAsync({
        useFactory: () => dataSourceOptions,
        dataSourceFactory: async (options) => {
          const dataSource = await new DataSource(options!).initialize();
          guardPoolClientErrors(dataSource);
          await runMigrationsLocked(dataSource);
          return dataSource;
        },
      }),
      messaging,
      // The limit is set per request by RequestThrottleGuard (tokens and addresses differ); this is the window.
      ThrottlerModule.forRoot([{ ttl: 60_000, limit: 600 }]),
      OperationsModule.forRoot(
        {
          metrics,
          kafka,
          clock: config.clock,
          trust: config.trust,
          consumerGroups: [
            { groupId: group, topics: flowTopics },
            { groupId: promptLane.consumerGroup, topics: promptLane.topics },
          ].filter((lane) => lane.topics.length > 0),
          lagWindowMs: config.lagWindowMs ?? DEFAULT_LAG_WINDOW_MS,
          lagSampleIntervalMs: config.lagSampleIntervalMs ?? DEFAULT_LAG_SAMPLE_INTERVAL_MS,
        },
        messaging,
      ),
    ],
    providers: [
      clock,
      { provide: SERVICE_IDENTITY, useValue: config.identity },
      { provide: ServiceMetrics, useValue: metrics },
      { provide: SERVICE_TRUST, useValue: config.trust },
      { provide: TRUST_RELOAD_INTERVAL_MS, useValue: config.trustReloadIntervalMs ?? DEFAULT_TRUST_RELOAD_INTERVAL_MS },
      TrustListWatch,
      { provide: RETENTION_SETTINGS, useValue: config.retention ?? DEFAULT_RETENTION },
      { provide: RETENTION_TASKS, useValue: parts.retentionTasks ?? [] },
      RetentionJob,
      { provide: ACCESS_OPTIONS, useValue: config.access },
      AuditTrail,
      // Guards in this order: who is calling (401/403), then how often (429, per token or per address).
      { provide: APP_GUARD, useClass: AccessGuard },
      { provide: APP_GUARD, useClass: RequestThrottleGuard },
      { provide: APP_INTERCEPTOR, useClass: AuditTrailInterceptor },
    ],
    controllers: [AuditController, AsyncApiController],
    exports: [CLOCK, SERVICE_IDENTITY, ServiceMetrics, RetentionJob, messaging],
  };
}

export interface RunningService {
  app: INestApplication;
  url: string;
  identity: ServiceIdentity;
  stop(): Promise<void>;
}

/** Starts one service: HTTP (validation, OpenAPI at /docs, AsyncAPI at /asyncapi, /metrics, /health) and its Kafka inbox. */
export async function startService(rootModule: Type | DynamicModule, config: ServiceConfig, title: string): Promise<RunningService> {
  const { service, province } = config.identity;
  const fields: Record<string, string> = config.sharedProcess ? { deployment: 'shared-process' } : { service, province };
  const logger = new JsonLogger(fields, new Set(config.logLevels ?? ['log', 'warn', 'error']));
  useBiometricsKeyring(config.biometrics);
  const app = await NestFactory.create<NestExpressApplication>(rootModule, { logger, abortOnError: false, bodyParser: false });
  // An application carries a photo (tens of kilobytes in base64): Express's 100 kB default is too tight.
  // withoutUnsafeKeys: a nested {"constructor": …} made class-transformer throw a TypeError, answered 500.
  app.useBodyParser('json', { limit: config.maxRequestBody ?? '2mb', verify: refuseDeepJson, reviver: withoutUnsafeKeys });
  if (isTracingOn())
    // Names the request's server span and everything under it after this service: npm start runs many in one process.
    app.use((_req: unknown, _res: unknown, next: () => void) => {
      trace.getActiveSpan()?.setAttributes(serviceSpanAttributes(config.identity));
      runAsService(config.identity, next);
    });
  app.use(securityHeaders());
  app.useGlobalPipes(requestValidationPipe());
  app.useGlobalFilters(new ErrorBodyFilter());
  app.useGlobalInterceptors(new RetryTransactionConflicts());
  const metrics = serviceMetricsOf(app);
  if (metrics) app.use(httpMetricsMiddleware(metrics));
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder().setTitle(`${title} — province ${province}`).setDescription(`The ${service} of province ${province}.`).setVersion('1').build(),
  );
  SwaggerModule.setup('docs', app, document);
  const inbox = app.get(KafkaInboxTransport);
  app.connectMicroservice({ strategy: inbox }, { inheritAppConfig: false });
  await app.startAllMicroservices();
  keepIdleConnectionsPastAdvertised(app.getHttpServer());
  await app.listen(config.httpPort ?? 0, config.httpHost ?? '127.0.0.1');
  const url = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  let stopping: Promise<void> | null = null;
  // The consumers leave at once, beside the hooks that finish the relays' batches in hand: Nest would close them only
  // after every hook, one wait after another. Nothing is lost either way: an offset is committed only after its
  // transaction, and what the relays leave unsent stays in the outbox. Nest's own close of the transport then finds it closed.
  const stop = () => Promise.all([inbox.close(), app.close()]).then(() => undefined);
  return { app, url, identity: config.identity, stop: () => (stopping ??= stop()) };
}

/** The service's metrics registry, if its root module imported serviceInfrastructure. */
function serviceMetricsOf(app: INestApplication): ServiceMetrics | null {
  try {
    return app.get(ServiceMetrics, { strict: false });
  } catch {
    return null;
  }
}
