import '../../../libs/service-runtime/src/module-paths';
import { SystemClock } from '@idcard/clock';
import { ensureDatabase, serviceDatabaseName } from '@idcard/database';
import { runServiceProcess } from '@idcard/service-runtime';
import { readReceivingOfficeEnv } from './env';
import { startReceivingOffice } from './start';

/** `PROVINCE_CODE=65 DATABASE_URL=… KAFKA_BROKERS=… node dist/apps/receiving-office/src/main.js` */
runServiceProcess('receiving-office', async () => {
  const env = readReceivingOfficeEnv(process.env);
  const databaseUrl = await ensureDatabase(env.serverUrl, serviceDatabaseName('receiving-office', env.province));
  return startReceivingOffice({
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
});
