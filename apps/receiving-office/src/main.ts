import './module-paths';
import { Logger } from '@nestjs/common';
import { SystemClock } from '@idcard/clock';
import { ensureDatabase, serviceDatabaseName } from '@idcard/database';
import { readReceivingOfficeEnv } from './env';
import { startReceivingOffice } from './start';

/** `PROVINCE_CODE=65 DATABASE_URL=… KAFKA_BROKERS=… node dist/apps/receiving-office/src/main.js` */
async function main(): Promise<void> {
  const env = readReceivingOfficeEnv(process.env);
  const databaseUrl = await ensureDatabase(env.serverUrl, serviceDatabaseName('receiving-office', env.province));
  const running = await startReceivingOffice({
    identity: { service: 'receiving-office', province: env.province },
    databaseUrl,
    kafkaBrokers: env.kafkaBrokers,
    clock: new SystemClock(),
    httpPort: env.httpPort,
    httpHost: env.httpHost,
    logLevels: env.logLevels,
    smsSender: env.smsSender,
    deadlineTickMs: env.deadlineTickMs,
    warningDaysLeft: env.warningDaysLeft,
  });
  const logger = new Logger('ReceivingOffice');
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
  process.stderr.write(`receiving-office failed to start: ${err instanceof Error ? err.stack : err}\n`);
  process.exit(1);
});
