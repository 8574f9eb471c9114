import './module-paths';
import { Logger } from '@nestjs/common';
import { SystemClock } from '@idcard/clock';
import { ensureDatabase, serviceDatabaseName } from '@idcard/database';
import { readRegistryEnv } from './env';
import { startRegistryOffice } from './start';

/** `PROVINCE_CODE=44 DATABASE_URL=… KAFKA_BROKERS=… node dist/apps/registry-office/src/main.js` */
async function main(): Promise<void> {
  const env = readRegistryEnv(process.env);
  const databaseUrl = await ensureDatabase(env.serverUrl, serviceDatabaseName('registry-office', env.province));
  const running = await startRegistryOffice({
    identity: { service: 'registry-office', province: env.province },
    databaseUrl,
    kafkaBrokers: env.kafkaBrokers,
    clock: new SystemClock(),
    httpPort: env.httpPort,
    httpHost: env.httpHost,
    logLevels: env.logLevels,
  });
  const logger = new Logger('RegistryOffice');
  logger.log({ event: 'service.started', url: running.url });
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.log({ event: 'service.stopping', signal });
    running.stop().then(
      () => process.exit(0),
      (err) => {
        logger.error({ event: 'service.stop-failed', error: (err as Error).message });
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
}

main().catch((err) => {
  process.stderr.write(`registry-office failed to start: ${err instanceof Error ? err.stack : err}\n`);
  process.exit(1);
});
