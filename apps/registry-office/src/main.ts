import '../../../libs/service-runtime/src/module-paths';
import { SystemClock } from '@idcard/clock';
import { ensureDatabase, serviceDatabaseName } from '@idcard/database';
import { runServiceProcess } from '@idcard/service-runtime';
import { readRegistryEnv } from './env';
import { startRegistryOffice } from './start';

/** `PROVINCE_CODE=44 DATABASE_URL=… KAFKA_BROKERS=… node dist/apps/registry-office/src/main.js` */
runServiceProcess('registry-office', async () => {
  const env = readRegistryEnv(process.env);
  const databaseUrl = await ensureDatabase(env.serverUrl, serviceDatabaseName('registry-office', env.province));
  return startRegistryOffice({
    identity: { service: 'registry-office', province: env.province },
    databaseUrl,
    kafkaBrokers: env.kafkaBrokers,
    clock: new SystemClock(),
    httpPort: env.httpPort,
    httpHost: env.httpHost,
    logLevels: env.logLevels,
  });
});
