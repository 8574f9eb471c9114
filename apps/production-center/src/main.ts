import '../../../libs/service-runtime/src/module-paths';
import { SystemClock } from '@idcard/clock';
import { isProvinceCode } from '@idcard/contracts';
import { ensureDatabase, serviceDatabaseName } from '@idcard/database';
import { runServiceProcess } from '@idcard/service-runtime';
import { productionOptionsFromEnv } from './config';
import { startProductionCenter } from './start';

function required(name: string): string {
  const value = process.env[name]?.trim();
  if (!value) throw new Error(`${name} must be set`);
  return value;
}

/** One province's production centre as a process, configured from the environment. */
runServiceProcess('production-center', async () => {
  const province = required('PROVINCE_CODE');
  if (!isProvinceCode(province)) throw new Error(`PROVINCE_CODE ${province} is not one of the 31 province codes`);
  const databaseUrl = await ensureDatabase(required('DATABASE_URL'), serviceDatabaseName('production-center', province));
  const port = process.env.HTTP_PORT?.trim();
  if (port && !/^\d+$/.test(port)) throw new Error(`HTTP_PORT must be a port number, not ${port}`);
  return startProductionCenter({
    identity: { service: 'production-center', province },
    databaseUrl,
    kafkaBrokers: required('KAFKA_BROKERS').split(',').map((b) => b.trim()).filter(Boolean),
    clock: new SystemClock(),
    // The same port npm start gives it: 3000 + province × 10 + 1.
    httpPort: port ? Number(port) : 3000 + Number(province) * 10 + 1,
    httpHost: process.env.HTTP_HOST?.trim() || undefined,
    logLevels: process.env.LOG_LEVELS?.split(',').map((l) => l.trim()).filter(Boolean),
    ...productionOptionsFromEnv(process.env),
  });
});
